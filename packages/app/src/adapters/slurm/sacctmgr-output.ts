import {
  BUDGET_QOS_FLAGS,
  accountKey,
  associationKey,
  type ManagedQosFlag,
  type SlurmAccount,
  type SlurmQos,
  type SlurmState,
  type SlurmUserAssociation,
} from '@stagegate/core/slurm/state';

/** Fields asked of `sacctmgr -n -P show qos`, in this order. */
export const QOS_FORMAT = 'name,grptres,grptresmins,grpsubmitjobs,flags';
/** Fields asked of `sacctmgr -n -P show assoc`, in this order. */
export const ASSOC_FORMAT = 'cluster,account,user,partition,parentname,qos,defaultqos';

const rows = (text: string) =>
  text
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('|'));

/** `gres/gpu=4,cpu=8` → 4; the typed form `gres/gpu:b200=…` is not ours and is ignored. */
export function gpuFromTres(tres: string): number | null {
  for (const part of tres.split(',')) {
    const [key, value] = part.split('=');
    if (key === 'gres/gpu' && value !== undefined && /^\d+$/.test(value)) return Number(value);
  }
  return null;
}

export function parseQos(text: string): SlurmQos[] {
  return rows(text).map(([name = '', grptres = '', grptresmins = '', grpsubmitjobs = '', flags = '']) => ({
    name,
    gpus: gpuFromTres(grptres),
    gpuMinutes: gpuFromTres(grptresmins),
    blocked: grpsubmitjobs.trim() === '0',
    flags: flags
      .split(',')
      .filter((f): f is ManagedQosFlag => (BUDGET_QOS_FLAGS as readonly string[]).includes(f))
      .sort(),
  }));
}

const list = (s: string) => (s.trim() === '' ? [] : s.split(',').sort());

/**
 * Account rows (no user) become accounts, user rows associations, each on its cluster; a user row
 * with a partition is the association for that partition only.
 */
export function parseAssociations(text: string): Pick<SlurmState, 'accounts' | 'users'> {
  const accounts = new Map<string, SlurmAccount>();
  const users = new Map<string, SlurmUserAssociation>();
  for (const [cluster = '', account = '', user = '', partition = '', parent = '', qos = '', defaultQos = ''] of rows(text)) {
    if (account === '') continue;
    if (user === '') {
      // `root` has no parent
      const a: SlurmAccount = { name: account, cluster, parent, qos: list(qos), defaultQos: defaultQos || null };
      if (!accounts.has(accountKey(a))) accounts.set(accountKey(a), a);
    } else {
      const u: SlurmUserAssociation = { user, account, cluster, partition: partition || null, qos: list(qos), defaultQos: defaultQos || null };
      if (!users.has(associationKey(u))) users.set(associationKey(u), u);
    }
  }
  return { accounts: [...accounts.values()], users: [...users.values()] };
}
