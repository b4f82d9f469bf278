import type { LocalizedText } from '../shared/localized.ts';
import { assertClusterUsername, assertManagedName, assertPartitionName, assertSlurmName, isManagedName } from './names.ts';
import { accountKey, associationKey, type SlurmAccount, type SlurmQos, type SlurmState, type SlurmUserAssociation } from './state.ts';

export type SlurmStepKind = 'create' | 'modify' | 'remove';

/** One command of a plan, exactly as it will run (argv, never a shell line). */
export interface SlurmStep {
  kind: SlurmStepKind;
  /** cancels jobs or removes an association: runs only with an explicit opt-in */
  destructive: boolean;
  /** true when destructive and the plan was made without allowDestructive */
  skipped: boolean;
  description: LocalizedText;
  /** argv[0] is the Slurm tool (`sacctmgr`, `scancel`); the client maps it to a path and prefix */
  argv: string[];
}

export interface SlurmPlan {
  allowDestructive: boolean;
  steps: SlurmStep[];
}

export interface PlanOptions {
  allowDestructive?: boolean;
}

/** The steps that will run (not skipped). */
export const runnableSteps = (plan: SlurmPlan): SlurmStep[] => plan.steps.filter((s) => !s.skipped);
/** Nothing left to do: the cluster already matches (destructive steps awaiting opt-in aside). */
export const isPlanEmpty = (plan: SlurmPlan): boolean => runnableSteps(plan).length === 0;

const SACCTMGR = ['sacctmgr', '-i'];
const gpuTres = (n: number | null) => `gres/gpu=${n ?? -1}`;
/** An association's words: Slurm acts on every cluster of its database when `cluster=` is left out. */
const where = (a: { cluster: string; partition?: string | null }) => [`cluster=${a.cluster}`, ...(a.partition ? [`partition=${a.partition}`] : [])];
const placeText = (a: { cluster: string; partition?: string | null }) => ({
  en: `on cluster ${a.cluster}${a.partition ? `, partition ${a.partition}` : ''}`,
  ko: `클러스터 ${a.cluster}${a.partition ? `, 파티션 ${a.partition}` : ''}`,
});

/**
 * Diffs the desired state against the actual one and orders the commands so each can succeed:
 * QOS before the accounts that list them, parents before children, users last; removals run in
 * the reverse order (users, task accounts, program accounts, then QOS). Only names under the
 * managed prefix are ever created, changed or removed; every value is validated again here, since
 * the actual state comes from outside.
 */
export function planSlurmChanges(desired: SlurmState, actual: SlurmState, options: PlanOptions = {}): SlurmPlan {
  const allowDestructive = options.allowDestructive ?? false;
  validateState(desired, 'desired');
  const managedActual = managedPart(actual);
  validateState(managedActual, 'actual');

  const steps: SlurmStep[] = [];
  const add = (kind: SlurmStepKind, destructive: boolean, description: LocalizedText, argv: string[]) =>
    steps.push({ kind, destructive, skipped: destructive && !allowDestructive, description, argv });

  const actualQos = byName(managedActual.qos);
  const actualAccounts = new Map(managedActual.accounts.map((a) => [accountKey(a), a]));
  const actualUsers = new Map(managedActual.users.map((u) => [associationKey(u), u]));
  const desiredQos = byName(desired.qos);
  const desiredAccounts = new Map(desired.accounts.map((a) => [accountKey(a), a]));
  const desiredUsers = new Map(desired.users.map((u) => [associationKey(u), u]));

  for (const q of desired.qos) {
    const have = actualQos.get(q.name);
    if (!have) {
      const argv = [...SACCTMGR, 'add', 'qos', q.name, `grptres=${gpuTres(q.gpus)}`];
      if (q.gpuMinutes !== null) argv.push(`grptresmins=${gpuTres(q.gpuMinutes)}`);
      if (q.flags.length) argv.push(`flags=${q.flags.join(',')}`);
      if (q.blocked) argv.push('grpsubmitjobs=0');
      add('create', false, describeNewQos(q), argv);
      continue;
    }
    const limits = qosLimitChanges(have, q);
    if (limits.settings.length) {
      add('modify', false, limits.description, [...SACCTMGR, 'modify', 'qos', 'where', `name=${q.name}`, 'set', ...limits.settings]);
    }
    if (have.blocked !== q.blocked) {
      add(
        'modify',
        false,
        q.blocked
          ? {
              ko: `QOS ${q.name} 차단: 새 작업 제출을 거부합니다 (실행 중인 작업은 계속)`,
              en: `block QOS ${q.name}: new submissions refused (running jobs continue)`,
            }
          : { ko: `QOS ${q.name} 차단 해제: 작업 제출을 다시 받습니다`, en: `unblock QOS ${q.name}: submissions accepted again` },
        [...SACCTMGR, 'modify', 'qos', 'where', `name=${q.name}`, 'set', `grpsubmitjobs=${q.blocked ? 0 : -1}`],
      );
    }
  }

  for (const a of parentsFirst(desired.accounts)) {
    const have = actualAccounts.get(accountKey(a));
    const at = placeText(a);
    if (!have) {
      const argv = [...SACCTMGR, 'add', 'account', a.name, `cluster=${a.cluster}`, `parent=${a.parent}`];
      if (a.qos) argv.push(`qos=${a.qos.join(',')}`);
      if (a.defaultQos) argv.push(`defaultqos=${a.defaultQos}`);
      const qosText = a.qos ? `, QOS ${a.qos.join(',')}` : '';
      add(
        'create',
        false,
        { ko: `계정 ${a.name} 생성 (상위 ${a.parent}${qosText}) [${at.ko}]`, en: `create account ${a.name} ${at.en} (parent ${a.parent}${qosText})` },
        argv,
      );
      continue;
    }
    if (have.parent !== a.parent) {
      add(
        'modify',
        false,
        {
          ko: `계정 ${a.name}의 상위 계정 변경: ${have.parent} → ${a.parent} [${at.ko}]`,
          en: `move account ${a.name} ${at.en}: parent ${have.parent} → ${a.parent}`,
        },
        [...SACCTMGR, 'modify', 'account', 'where', `name=${a.name}`, ...where(a), 'set', `parent=${a.parent}`],
      );
    }
    const qosSettings = qosListChanges(have, a);
    if (qosSettings.length) {
      const was = (have.qos ?? []).join(',');
      const boundary = phaseBoundary(have, a, desiredQos);
      add(
        'modify',
        false,
        boundary ?? {
          ko: `계정 ${a.name}의 QOS 변경: ${was || '없음'} → ${a.qos!.join(',')} [${at.ko}]`,
          en: `set account ${a.name} ${at.en} QOS to ${a.qos!.join(',')} (was ${was || 'none'})`,
        },
        [...SACCTMGR, 'modify', 'account', 'where', `name=${a.name}`, ...where(a), 'set', ...qosSettings],
      );
    }
  }

  for (const u of desired.users) {
    const have = actualUsers.get(associationKey(u));
    const at = placeText(u);
    if (!have) {
      add('create', false, { ko: `계정 ${u.account}에 사용자 ${u.user} 연결 [${at.ko}]`, en: `associate user ${u.user} with account ${u.account} ${at.en}` }, [
        ...SACCTMGR,
        'add',
        'user',
        u.user,
        `account=${u.account}`,
        ...where(u),
      ]);
      continue;
    }
    const qosSettings = qosListChanges(have, u);
    if (qosSettings.length) {
      add(
        'modify',
        false,
        {
          ko: `사용자 ${u.user}@${u.account}의 QOS 지정: ${u.qos!.join(',')} [${at.ko}]`,
          en: `set QOS of user ${u.user} under ${u.account} ${at.en} to ${u.qos!.join(',')}`,
        },
        [...SACCTMGR, 'modify', 'user', 'where', `name=${u.user}`, `account=${u.account}`, ...where(u), 'set', ...qosSettings],
      );
    }
  }

  // Removals: Slurm refuses to remove an association with active jobs, so jobs are cancelled
  // first; and it refuses to remove an account that is a user's default, so each user association
  // goes on its own before the account. All of it is destructive and waits for the opt-in.
  const goneAccounts = new Set(managedActual.accounts.filter((a) => !desiredAccounts.has(accountKey(a))).map(accountKey));
  const accountOf = (u: SlurmUserAssociation) => accountKey({ name: u.account, cluster: u.cluster });
  const removeAssociation = (u: SlurmUserAssociation) =>
    add(
      'remove',
      true,
      {
        ko: `계정 ${u.account}에서 사용자 ${u.user} 연결 삭제 [${placeText(u).ko}]`,
        en: `remove the association of user ${u.user} with account ${u.account} ${placeText(u).en}`,
      },
      [...SACCTMGR, 'remove', 'user', 'where', `name=${u.user}`, `account=${u.account}`, ...where(u)],
    );
  for (const u of managedActual.users) {
    if (desiredUsers.has(associationKey(u)) || goneAccounts.has(accountOf(u))) continue;
    add(
      'remove',
      true,
      {
        ko: `계정 ${u.account}에서 사용자 ${u.user}의 작업 취소 [${placeText(u).ko}]`,
        en: `cancel the jobs of user ${u.user} under account ${u.account} ${placeText(u).en}`,
      },
      ['scancel', `--clusters=${u.cluster}`, `--account=${u.account}`, `--user=${u.user}`, ...(u.partition ? [`--partition=${u.partition}`] : [])],
    );
    removeAssociation(u);
    // without `partition=`, sacctmgr removes the user's associations in every partition of the
    // account: the ones still wanted are added back right after
    if (u.partition === null && allowDestructive) {
      for (const keep of desired.users) {
        if (keep.user !== u.user || keep.account !== u.account || keep.cluster !== u.cluster) continue;
        add(
          'create',
          false,
          {
            ko: `계정 ${keep.account}에 사용자 ${keep.user} 다시 연결 [${placeText(keep).ko}]`,
            en: `associate user ${keep.user} with account ${keep.account} ${placeText(keep).en} again`,
          },
          [...SACCTMGR, 'add', 'user', keep.user, `account=${keep.account}`, ...where(keep)],
        );
      }
    }
  }
  for (const a of parentsFirst(managedActual.accounts).reverse()) {
    if (!goneAccounts.has(accountKey(a))) continue;
    const at = placeText(a);
    add('remove', true, { ko: `계정 ${a.name}의 모든 작업 취소 [${at.ko}]`, en: `cancel every job under account ${a.name} ${at.en}` }, [
      'scancel',
      `--clusters=${a.cluster}`,
      `--account=${a.name}`,
    ]);
    for (const u of managedActual.users) if (accountOf(u) === accountKey(a)) removeAssociation(u);
    add('remove', true, { ko: `계정 ${a.name} 삭제 [${at.ko}]`, en: `remove account ${a.name} ${at.en}` }, [
      ...SACCTMGR,
      'remove',
      'account',
      'where',
      `name=${a.name}`,
      ...where(a),
    ]);
  }
  // QOS belong to slurmdbd, not to a cluster: no `cluster=` here. A finished phase's QOS goes
  // with its usage record, hence behind the same opt-in.
  for (const q of managedActual.qos) {
    if (desiredQos.has(q.name)) continue;
    add('remove', true, { ko: `QOS ${q.name} 삭제 (사용량 기록도 함께)`, en: `remove QOS ${q.name} (and the usage it recorded)` }, [
      ...SACCTMGR,
      'remove',
      'qos',
      'where',
      `name=${q.name}`,
    ]);
  }

  for (const s of steps) assertStepTouchesOnlyManagedNames(s);
  return { allowDestructive, steps };
}

/** The part of a cluster's state Stagegate owns: QOS and accounts under the prefix, their users. */
export function managedPart(state: SlurmState): SlurmState {
  const accounts = state.accounts.filter((a) => isManagedName(a.name));
  const keys = new Set(accounts.map(accountKey));
  return {
    qos: state.qos.filter((q) => isManagedName(q.name)),
    accounts,
    users: state.users.filter((u) => keys.has(accountKey({ name: u.account, cluster: u.cluster }))),
  };
}

function describeNewQos(q: SlurmQos): LocalizedText {
  const phase = q.phase === undefined ? '' : ` of phase ${q.phase}`;
  const phaseKo = q.phase === undefined ? '' : `단계 ${q.phase}의 `;
  const budget =
    q.gpuMinutes === null
      ? ''
      : `, budget ${q.gpuMinutes} GPU-minutes${q.phase === undefined ? '' : ' for this phase only, no usage carried over'}, never decaying`;
  const budgetKo = q.gpuMinutes === null ? '' : `, 예산 ${q.gpuMinutes} GPU-분${q.phase === undefined ? '' : ' (이 단계만, 이전 사용량 없음)'}, 감쇠 없음`;
  const blocked = q.blocked ? ', blocked' : '';
  const blockedKo = q.blocked ? ', 차단' : '';
  return {
    ko: `${phaseKo}QOS ${q.name} 생성: 동시 GPU ${q.gpus ?? '무제한'}${budgetKo}${blockedKo}`,
    en: `create QOS ${q.name}${phase}: ${q.gpus ?? 'unlimited'} concurrent GPUs${budget}${blocked}`,
  };
}

/** The words for an account moving to the next phase's QOS: the old QOS keeps the old usage. */
function phaseBoundary(have: SlurmAccount, want: SlurmAccount, desiredQos: Map<string, SlurmQos>): LocalizedText | null {
  const next = want.defaultQos ? desiredQos.get(want.defaultQos) : undefined;
  if (next?.phase === undefined || have.defaultQos === null || have.defaultQos === want.defaultQos) return null;
  const at = placeText(want);
  return {
    en: `phase ${next.phase} starts for account ${want.name} ${at.en}: jobs now charge QOS ${next.name} (this phase's own budget); ${have.defaultQos}'s usage stays behind`,
    ko: `계정 ${want.name}에 단계 ${next.phase} 시작: 이제 작업은 QOS ${next.name}(이 단계의 예산)에 계산되고, ${have.defaultQos}의 사용량은 넘어오지 않습니다 [${at.ko}]`,
  };
}

function qosLimitChanges(have: SlurmQos, want: SlurmQos): { settings: string[]; description: LocalizedText } {
  const settings: string[] = [];
  const en: string[] = [];
  const ko: string[] = [];
  if (have.gpus !== want.gpus) {
    settings.push(`grptres=${gpuTres(want.gpus)}`);
    en.push(`concurrent GPUs ${have.gpus ?? 'unlimited'} → ${want.gpus ?? 'unlimited'}`);
    ko.push(`동시 GPU ${have.gpus ?? '무제한'} → ${want.gpus ?? '무제한'}`);
  }
  if (have.gpuMinutes !== want.gpuMinutes) {
    settings.push(`grptresmins=${gpuTres(want.gpuMinutes)}`);
    en.push(`GPU-minute budget ${have.gpuMinutes ?? 'none'} → ${want.gpuMinutes ?? 'none'}`);
    ko.push(`GPU-분 예산 ${have.gpuMinutes ?? '없음'} → ${want.gpuMinutes ?? '없음'}`);
  }
  const adding = want.flags.filter((f) => !have.flags.includes(f));
  const removing = have.flags.filter((f) => !want.flags.includes(f));
  if (adding.length) settings.push(`flags+=${adding.join(',')}`);
  if (removing.length) settings.push(`flags-=${removing.join(',')}`);
  if (adding.length || removing.length) {
    const change = [...adding.map((f) => `+${f}`), ...removing.map((f) => `-${f}`)].join(' ');
    en.push(`flags ${change}`);
    ko.push(`플래그 ${change}`);
  }
  return { settings, description: { ko: `QOS ${want.name} 변경: ${ko.join(', ')}`, en: `change QOS ${want.name}: ${en.join(', ')}` } };
}

function qosListChanges(have: Pick<SlurmAccount, 'qos' | 'defaultQos'>, want: Pick<SlurmAccount, 'qos' | 'defaultQos'>): string[] {
  if (want.qos === null) return [];
  const sameList = have.qos !== null && sameSet(have.qos, want.qos);
  if (sameList && have.defaultQos === want.defaultQos) return [];
  const settings = [`qos=${want.qos.join(',')}`];
  if (want.defaultQos) settings.push(`defaultqos=${want.defaultQos}`);
  return settings;
}

/** Accounts ordered so a parent comes before its children (depth from root, then cluster, name). */
function parentsFirst(accounts: readonly SlurmAccount[]): SlurmAccount[] {
  const parentOf = new Map(accounts.map((a) => [accountKey(a), a.parent]));
  const depth = (a: SlurmAccount): number => {
    let d = 0;
    for (let p = parentOf.get(accountKey(a)); p !== undefined && d <= accounts.length; p = parentOf.get(accountKey({ name: p, cluster: a.cluster }))) d++;
    return d;
  };
  return [...accounts].sort((a, b) => depth(a) - depth(b) || a.cluster.localeCompare(b.cluster) || a.name.localeCompare(b.name));
}

function validateState(state: SlurmState, _side: 'desired' | 'actual'): void {
  for (const q of state.qos) {
    assertManagedName(q.name);
    assertLimit(q.gpus, q.name);
    assertLimit(q.gpuMinutes, q.name);
  }
  for (const a of state.accounts) {
    assertManagedName(a.name);
    assertSlurmName(a.cluster);
    assertSlurmName(a.parent);
    for (const q of a.qos ?? []) assertSlurmName(q);
    if (a.defaultQos) assertSlurmName(a.defaultQos);
  }
  for (const u of state.users) {
    assertClusterUsername(u.user);
    assertManagedName(u.account);
    assertSlurmName(u.cluster);
    if (u.partition !== null) assertPartitionName(u.partition);
    for (const q of u.qos ?? []) assertSlurmName(q);
    if (u.defaultQos) assertSlurmName(u.defaultQos);
  }
}

function assertLimit(n: number | null, where: string): void {
  if (n !== null && (!Number.isSafeInteger(n) || n < 0)) throw new RangeError(`${where}: a limit must be a whole number, 0 or more (got ${n})`);
}

/** Belt and braces: the account or QOS a step acts on carries the prefix, whatever built the step. */
function assertStepTouchesOnlyManagedNames(step: SlurmStep): void {
  const [tool, ...args] = step.argv;
  if (tool === 'scancel') {
    const account = args.find((a) => a.startsWith('--account='));
    if (!account) throw new Error('a scancel step must name an account');
    assertManagedName(account.slice('--account='.length));
    return;
  }
  const target =
    args[2] === 'user' ? args.find((a) => a.startsWith('account='))?.slice('account='.length) : args[3] === 'where' ? args[4]?.slice('name='.length) : args[3];
  if (target === undefined) throw new Error(`cannot find the target of ${step.argv.join(' ')}`);
  assertManagedName(target);
}

const byName = <T extends { name: string }>(xs: readonly T[]) => new Map(xs.map((x) => [x.name, x]));
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
