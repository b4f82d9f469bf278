import type { LocalizedText } from '../shared/localized.ts';

/**
 * Every Slurm account and QOS Stagegate creates starts with this prefix, and Stagegate never
 * modifies or removes a name without it: the cluster's own accounts are out of reach by design.
 */
export const MANAGED_PREFIX = 'sg-';

/** Slurm keeps names in a TINYTEXT column, but tools print them in narrow columns: stay short. */
export const SLURM_NAME_MAX = 64;
/** Linux's useradd limit. */
export const USERNAME_MAX = 32;

const namePart = /^[a-z0-9][a-z0-9_-]*$/;
const slurmName = /^[a-z0-9][a-z0-9_-]*$/;
const username = /^[a-z_][a-z0-9_.-]*$/;

/** A value that may not reach sacctmgr: says which value and why, in both languages. */
export class SlurmNameError extends Error {
  constructor(
    readonly value: string,
    readonly reason: LocalizedText,
  ) {
    super(`${JSON.stringify(value)}: ${reason.en}`);
  }
}

/**
 * A program slug or task key as a piece of a Slurm name: lowercased (Slurm lowercases account
 * names itself), then [a-z0-9_-] only. Anything else is refused rather than rewritten, because two
 * different keys mapped to one name would merge two tasks' allocations.
 */
export function slurmNamePart(input: string): string {
  const lower = input.trim().toLowerCase();
  if (!namePart.test(lower)) {
    throw new SlurmNameError(input, {
      ko: '영문 소문자, 숫자, _ 와 - 만 쓸 수 있고 영문자나 숫자로 시작해야 합니다',
      en: 'only letters, digits, _ and - are allowed, starting with a letter or digit',
    });
  }
  return lower;
}

/** Checks a full account or QOS name (ours or the cluster's, like `root`). */
export function assertSlurmName(name: string): string {
  if (!slurmName.test(name)) {
    throw new SlurmNameError(name, {
      ko: 'Slurm 이름은 영문 소문자, 숫자, _ 와 - 만 쓸 수 있습니다',
      en: 'a Slurm name may hold only lowercase letters, digits, _ and -',
    });
  }
  if (name.length > SLURM_NAME_MAX) {
    throw new SlurmNameError(name, {
      ko: `Slurm 이름은 ${SLURM_NAME_MAX}자를 넘을 수 없습니다`,
      en: `a Slurm name may not be longer than ${SLURM_NAME_MAX} characters`,
    });
  }
  return name;
}

/** A name Stagegate may create, change or remove: valid and under the managed prefix. */
export function assertManagedName(name: string): string {
  assertSlurmName(name);
  if (!isManagedName(name)) {
    throw new SlurmNameError(name, {
      ko: `Stagegate는 ${MANAGED_PREFIX} 로 시작하지 않는 계정이나 QOS를 건드리지 않습니다`,
      en: `Stagegate never touches an account or QOS whose name does not start with ${MANAGED_PREFIX}`,
    });
  }
  return name;
}

export function isManagedName(name: string): boolean {
  return name.startsWith(MANAGED_PREFIX) && name.length > MANAGED_PREFIX.length;
}

/** A cluster (Linux) username as Slurm knows it. */
export function assertClusterUsername(name: string): string {
  if (!username.test(name) || name.length > USERNAME_MAX) {
    throw new SlurmNameError(name, {
      ko: `클러스터 사용자 이름은 영문 소문자나 _ 로 시작하고 영문 소문자, 숫자, _ . - 만으로 ${USERNAME_MAX}자 이내여야 합니다`,
      en: `a cluster username starts with a lowercase letter or _, holds only lowercase letters, digits, _ . - and is at most ${USERNAME_MAX} characters`,
    });
  }
  return name;
}

export function programAccountName(programSlug: string): string {
  return assertManagedName(`${MANAGED_PREFIX}${slurmNamePart(programSlug)}`);
}

export function taskAccountName(programSlug: string, taskKey: string): string {
  return assertManagedName(`${MANAGED_PREFIX}${slurmNamePart(programSlug)}-${slurmNamePart(taskKey)}`);
}

/** One QOS per task, named like the task's account so a person reading sacctmgr sees the pair. */
export const taskQosName = (programSlug: string, taskKey: string): string => taskAccountName(programSlug, taskKey);

/**
 * One QOS per task and phase: a fresh QOS at each phase boundary starts with no usage, so a NoDecay
 * budget of phase 2 never counts what phase 1 used (Slurm keeps a QOS's usage until reset).
 */
export const taskPhaseQosName = (programSlug: string, taskKey: string, phaseKey: string): string =>
  assertManagedName(`${taskAccountName(programSlug, taskKey)}-${slurmNamePart(phaseKey)}`);

const partitionName = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** A partition as slurm.conf names it (Slurm keeps its case, unlike account names). */
export function assertPartitionName(name: string): string {
  if (!partitionName.test(name) || name.length > SLURM_NAME_MAX) {
    throw new SlurmNameError(name, {
      ko: `파티션 이름은 영문자나 숫자로 시작하고 영문자, 숫자, _ . - 만으로 ${SLURM_NAME_MAX}자 이내여야 합니다`,
      en: `a partition name starts with a letter or digit, holds only letters, digits, _ . - and is at most ${SLURM_NAME_MAX} characters`,
    });
  }
  return name;
}
