import type { FieldIssue } from '../shared/localized.ts';
import {
  SlurmNameError,
  assertClusterUsername,
  assertPartitionName,
  assertSlurmName,
  programAccountName,
  taskAccountName,
  taskPhaseQosName,
  taskQosName,
} from './names.ts';
import { BUDGET_QOS_FLAGS, accountKey, type SlurmAccount, type SlurmQos, type SlurmState, type SlurmUserAssociation } from './state.ts';
import { particle } from '../shared/korean-particles.ts';

/** Where a pool's GPUs are: the Slurm cluster (sacctmgr's `cluster=`) and the partition. */
export interface SlurmPlacement {
  /** null or absent: the default cluster (the one the scheduler serves) */
  cluster?: string | null;
  /** null or absent: any partition of the cluster */
  partition?: string | null;
}

export interface DesiredStateOptions {
  /** the cluster of a task whose pool is not placed; without it such a task is an issue */
  defaultCluster?: string;
}

/** One task's current allocation as enforcement sees it (the database's allocations map to this). */
export interface TaskEnforcement {
  programSlug: string;
  taskKey: string;
  /** concurrent GPUs */
  gpus: number;
  /** GPU-minute budget, if the allocation has one */
  gpuMinutes?: number | null;
  /** new submissions refused (e.g. after an elimination decision) */
  blocked: boolean;
  /** the task members' cluster usernames */
  members: string[];
  /**
   * The phase the budget belongs to: the QOS is then the task's QOS of that phase, so the next
   * phase gets a new QOS with no usage. Absent: one QOS for the task whatever the phase.
   */
  phaseKey?: string | null;
  /** where the task's pools run; absent or empty: the default cluster, any partition */
  placements?: SlurmPlacement[];
}

export type DesiredStateResult = { ok: true; state: SlurmState } | { ok: false; issues: FieldIssue[] };

const MAX_GPUS = 1_000_000;

/**
 * Maps tasks' allocations to what Slurm must hold: an account per program (under root), an account
 * per task (under its program) on each cluster its pools run on, a QOS per task and phase, and an
 * association per member and placement (with the pool's partition). Every name is checked
 * here, so nothing unchecked can reach a command later; problems are collected, not thrown.
 */
export function desiredStateFrom(tasks: readonly TaskEnforcement[], options: DesiredStateOptions = {}): DesiredStateResult {
  const issues: FieldIssue[] = [];
  const accounts = new Map<string, SlurmAccount>();
  const owners = new Map<string, string>(); // Slurm name → which input produced it
  const qos: SlurmQos[] = [];
  const users: SlurmUserAssociation[] = [];

  const claim = (name: string, owner: string, field: string): boolean => {
    const previous = owners.get(name);
    if (previous !== undefined && previous !== owner) {
      issues.push({
        field,
        message: {
          ko: `Slurm 이름 ${name}${particle(name, '이/가')} ${previous}${particle(previous, '과/와')} 겹칩니다`,
          en: `Slurm name ${name} collides with ${previous}`,
        },
      });
      return false;
    }
    owners.set(name, owner);
    return true;
  };

  tasks.forEach((task, i) => {
    const at = `tasks.${i}`;
    let programAccount: string;
    let taskAccount: string;
    try {
      programAccount = programAccountName(task.programSlug);
    } catch (e) {
      issues.push(nameIssue(`${at}.programSlug`, e));
      return;
    }
    try {
      taskAccount = taskAccountName(task.programSlug, task.taskKey);
    } catch (e) {
      issues.push(nameIssue(`${at}.taskKey`, e));
      return;
    }
    const before = issues.length;
    if (!Number.isInteger(task.gpus) || task.gpus < 0 || task.gpus > MAX_GPUS) {
      issues.push({ field: `${at}.gpus`, message: { ko: 'GPU 수는 0 이상의 정수여야 합니다', en: 'gpus must be a whole number, 0 or more' } });
    }
    const minutes = task.gpuMinutes ?? null;
    if (minutes !== null && (!Number.isInteger(minutes) || minutes < 0)) {
      issues.push({
        field: `${at}.gpuMinutes`,
        message: { ko: 'GPU-분 예산은 0 이상의 정수여야 합니다', en: 'gpuMinutes must be a whole number, 0 or more' },
      });
    }
    const members: string[] = [];
    task.members.forEach((m, j) => {
      try {
        members.push(assertClusterUsername(m));
      } catch (e) {
        issues.push(nameIssue(`${at}.members.${j}`, e));
      }
    });
    const places: { cluster: string; partition: string | null }[] = [];
    const placements = task.placements?.length ? task.placements : [{}];
    placements.forEach((p, j) => {
      const cluster = p.cluster ?? options.defaultCluster;
      if (cluster === undefined) {
        issues.push({
          field: `${at}.placements.${j}.cluster`,
          message: {
            ko: '풀이 놓인 Slurm 클러스터가 없습니다: 풀을 클러스터와 파티션에 배치하세요',
            en: 'no Slurm cluster for the pool: place the pool on a cluster and partition',
          },
        });
        return;
      }
      try {
        assertSlurmName(cluster);
        const partition = p.partition ?? null;
        if (partition !== null) assertPartitionName(partition);
        if (!places.some((x) => x.cluster === cluster && x.partition === partition)) places.push({ cluster, partition });
      } catch (e) {
        issues.push(nameIssue(`${at}.placements.${j}`, e));
      }
    });
    let qosName: string;
    try {
      qosName = task.phaseKey ? taskPhaseQosName(task.programSlug, task.taskKey, task.phaseKey) : taskQosName(task.programSlug, task.taskKey);
    } catch (e) {
      issues.push(nameIssue(`${at}.phaseKey`, e));
      return;
    }
    const programOwner = `program ${task.programSlug}`;
    const taskOwner = `task ${task.programSlug}/${task.taskKey}`;
    if (!claim(programAccount, programOwner, `${at}.programSlug`)) return;
    if (owners.get(taskAccount) === taskOwner) {
      issues.push({
        field: `${at}.taskKey`,
        message: {
          ko: `과제 ${task.taskKey}${particle(task.taskKey, '이/가')} 두 번 나옵니다: 과제마다 배정은 하나입니다`,
          en: `task ${task.taskKey} appears twice: one allocation per task`,
        },
      });
      return;
    }
    if (!claim(taskAccount, taskOwner, `${at}.taskKey`)) return;
    // a task's phase QOS must not be another task's QOS (task `a` phase `b` against task `a-b`)
    if (qosName !== taskAccount && !claim(qosName, `${taskOwner} phase ${task.phaseKey}`, `${at}.phaseKey`)) return;
    if (issues.length > before) return;

    for (const { cluster, partition } of places) {
      const program: SlurmAccount = { name: programAccount, cluster, parent: 'root', qos: null, defaultQos: null };
      accounts.set(accountKey(program), program);
      const account: SlurmAccount = { name: taskAccount, cluster, parent: programAccount, qos: [qosName], defaultQos: qosName };
      accounts.set(accountKey(account), account);
      for (const user of new Set(members)) {
        users.push({ user, account: taskAccount, cluster, partition, qos: [qosName], defaultQos: qosName });
      }
    }
    qos.push({
      name: qosName,
      gpus: task.gpus,
      gpuMinutes: minutes,
      blocked: task.blocked,
      flags: minutes === null ? [] : [...BUDGET_QOS_FLAGS],
      ...(task.phaseKey ? { phase: task.phaseKey } : {}),
    });
  });

  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, state: { qos, accounts: [...accounts.values()], users } };
}

function nameIssue(field: string, e: unknown): FieldIssue {
  if (e instanceof SlurmNameError) return { field, message: e.reason };
  throw e;
}
