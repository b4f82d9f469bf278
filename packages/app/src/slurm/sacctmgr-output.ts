import { BUDGET_QOS_FLAGS, type ManagedQosFlag, type SlurmAccount, type SlurmQos, type SlurmState, type SlurmUserAssociation } from '@stagegate/core/slurm/state';

/** Fields asked of `sacctmgr -n -P show qos`, in this order. */
export const QOS_FORMAT = 'name,grptres,grptresmins,grpsubmitjobs,flags';
/** Fields asked of `sacctmgr -n -P show assoc`, in this order. */
export const ASSOC_FORMAT = 'account,user,parentname,qos,defaultqos';

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

/** Account rows (no user) become accounts; user rows become associations. */
export function parseAssociations(text: string): Pick<SlurmState, 'accounts' | 'users'> {
  const accounts = new Map<string, SlurmAccount>();
  const users = new Map<string, SlurmUserAssociation>();
  for (const [account = '', user = '', parent = '', qos = '', defaultQos = ''] of rows(text)) {
    if (account === '') continue;
    if (user === '') {
      // `root` has no parent; a partition-specific row repeats the account: the first one wins
      if (!accounts.has(account)) accounts.set(account, { name: account, parent, qos: list(qos), defaultQos: defaultQos || null });
    } else {
      const key = `${user}@${account}`;
      if (!users.has(key)) users.set(key, { user, account, qos: list(qos), defaultQos: defaultQos || null });
    }
  }
  return { accounts: [...accounts.values()], users: [...users.values()] };
}
