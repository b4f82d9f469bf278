import type { SlurmStep } from '@stagegate/core/slurm/plan';
import { associationKey, type ManagedQosFlag, type SlurmQos, type SlurmState, type SlurmUserAssociation } from '@stagegate/core/slurm/state';
import { gpuFromTres } from './sacctmgr-output.ts';
import { SlurmCommandError, type SchedulerClient, type SchedulerJob, type StepOutcome } from './scheduler-client.ts';

/** What the emulator keeps: Slurm's state plus its jobs, as plain JSON (so the CLI can persist it). */
export interface EmulatorSnapshot {
  /** the clusters registered in the emulated accounting database (`sacctmgr add cluster`) */
  clusters: string[];
  state: SlurmState;
  jobs: EmulatedJob[];
  nextJobId: number;
  /** GPU-minutes each QOS has used (Slurm's GrpTRESMins usage; NoDecay keeps it whole) */
  usage: Record<string, number>;
}

/** A job and where it ran: the cluster and partition its association allowed. */
export interface EmulatedJob extends SchedulerJob {
  cluster: string;
  partition: string;
}

/** The emulator's cluster when none is named: like a single-cluster site, one `ClusterName`. */
export const EMULATED_CLUSTER = 'emulated';

/**
 * An in-memory Slurm for unit tests and dry runs. It interprets the same argv the real client
 * runs (the subset of sacctmgr and scancel the planner emits) and refuses what Slurm refuses
 * (removing an association with active jobs, a default QOS still in use, unknown names), so a
 * plan that works here has been checked command by command. Jobs follow the QOS limits the
 * integration test checks on the real cluster: GrpTRES gres/gpu (pend with QOSGrpGRES) and
 * GrpSubmitJobs=0 (refused at submission).
 */
export class SlurmEmulator implements SchedulerClient {
  private snapshot: EmulatorSnapshot;
  /** every argv run, in order, for tests to inspect */
  readonly log: string[][] = [];

  constructor(initial?: Partial<EmulatorSnapshot>) {
    const clusters = initial?.clusters ?? [EMULATED_CLUSTER];
    this.snapshot = structuredClone({
      clusters,
      // `sacctmgr add cluster` makes the cluster's root association
      state: initial?.state ?? {
        qos: [],
        accounts: clusters.map((cluster) => ({ name: 'root', cluster, parent: '', qos: ['normal'], defaultQos: null })),
        users: [],
      },
      jobs: initial?.jobs ?? [],
      nextJobId: initial?.nextJobId ?? 1,
      usage: initial?.usage ?? {},
    });
  }

  async clusters(): Promise<string[]> {
    return [...this.snapshot.clusters];
  }

  toJSON(): EmulatorSnapshot {
    return structuredClone(this.snapshot);
  }

  async readState(): Promise<SlurmState> {
    const s = this.snapshot.state;
    // like `sacctmgr show assoc`, a user association shows its account's QOS unless it has its own
    const users = s.users.map((u) => {
      const account = s.accounts.find((a) => a.name === u.account && a.cluster === u.cluster);
      return { ...u, qos: u.qos ?? account?.qos ?? [], defaultQos: u.defaultQos ?? account?.defaultQos ?? null };
    });
    return structuredClone({ ...s, users });
  }

  async run(step: SlurmStep): Promise<StepOutcome> {
    this.log.push([...step.argv]);
    const [tool, ...args] = step.argv;
    if (tool === 'scancel') return this.scancel(step.argv, args);
    if (tool !== 'sacctmgr') throw new SlurmCommandError(step.argv, 127, `emulator: unknown tool ${tool}`);
    const words = args.filter((a) => a !== '-i');
    const [verb, entity, ...rest] = words;
    const fail = (msg: string): never => {
      throw new SlurmCommandError(step.argv, 1, msg);
    };
    const { where, set, positional } = splitClauses(rest);
    const s = this.snapshot.state;
    // without `cluster=`, sacctmgr acts on every cluster of its database
    const clusterOf = (clauses: Map<string, string>): string[] => {
      const named = clauses.get('cluster');
      if (named === undefined) return [...this.snapshot.clusters];
      if (!this.snapshot.clusters.includes(named)) fail(` This cluster '${named}' doesn't exist.\n        Contact your admin to add it to accounting.`);
      return [named];
    };
    const onClusters = (clauses: Map<string, string>) => new Set(clusterOf(clauses));
    switch (`${verb} ${entity}`) {
      case 'add qos': {
        const name = positional[0] ?? fail('no QOS name');
        if (set.has('cluster')) fail(' Unknown option: cluster (a QOS belongs to the whole accounting database)');
        if (s.qos.some((q) => q.name === name)) return nothing('new added');
        const q: SlurmQos = { name, gpus: null, gpuMinutes: null, blocked: false, flags: [] };
        applyQosSettings(q, set, fail);
        s.qos.push(q);
        this.snapshot.usage[name] = 0;
        return done(`Adding QOS(s) ${name}`);
      }
      case 'modify qos': {
        const matches = s.qos.filter((q) => q.name === where.get('name'));
        if (!matches.length) return nothing('modified');
        for (const q of matches) applyQosSettings(q, set, fail);
        return done('Modified qos...');
      }
      case 'remove qos': {
        const name = where.get('name');
        if (s.accounts.some((a) => a.defaultQos === name) || s.users.some((u) => u.defaultQos === name)) {
          fail(` Associations listed below have these as their Default QOS.\n  DefQOS = ${name}`);
        }
        if (!s.qos.some((q) => q.name === name)) return nothing('deleted');
        s.qos = s.qos.filter((q) => q.name !== name);
        delete this.snapshot.usage[name!];
        for (const a of [...s.accounts, ...s.users]) if (a.qos) a.qos = a.qos.filter((x) => x !== name);
        return done('Deleting QOS(s)...');
      }
      case 'add account': {
        const name = positional[0] ?? fail('no account name');
        const parent = set.get('parent') ?? 'root';
        const qos = set.has('qos') ? this.qosList(set.get('qos')!, fail) : null;
        const defaultQos = set.get('defaultqos') ?? null;
        if (defaultQos && !(qos ?? []).includes(defaultQos)) fail('default QOS not in the QOS list');
        let added = 0;
        for (const cluster of clusterOf(set)) {
          if (s.accounts.some((a) => a.name === name && a.cluster === cluster)) continue;
          if (!s.accounts.some((a) => a.name === parent && a.cluster === cluster)) fail(` Parent account ${parent} doesn't exist on cluster ${cluster}.`);
          s.accounts.push({ name, cluster, parent, qos: qos && [...qos], defaultQos });
          added++;
        }
        return added ? done(`Adding Account(s) ${name}`) : nothing('new added');
      }
      case 'modify account': {
        const clusters = onClusters(where);
        const matches = s.accounts.filter((a) => a.name === where.get('name') && clusters.has(a.cluster));
        if (!matches.length) return nothing('modified');
        for (const account of matches) {
          if (set.has('parent')) {
            if (!s.accounts.some((a) => a.name === set.get('parent') && a.cluster === account.cluster)) fail(`parent ${set.get('parent')} doesn't exist`);
            account.parent = set.get('parent')!;
          }
          const mine = (u: SlurmUserAssociation) => u.account === account.name && u.cluster === account.cluster;
          if (set.has('qos')) {
            account.qos = this.qosList(set.get('qos')!, fail);
            // sacctmgr carries an account's QOS change down to its users' associations
            for (const u of s.users) if (mine(u)) u.qos = null;
          }
          if (set.has('defaultqos')) {
            account.defaultQos = set.get('defaultqos')!;
            for (const u of s.users) if (mine(u)) u.defaultQos = null;
          }
        }
        return done('Modified account associations...');
      }
      case 'remove account': {
        const name = where.get('name')!;
        const clusters = onClusters(where);
        const here = (a: { cluster: string }) => clusters.has(a.cluster);
        if (!s.accounts.some((a) => a.name === name && here(a))) return nothing('deleted');
        if (s.accounts.some((a) => a.parent === name && here(a))) fail(` Error with request: account ${name} has child accounts`);
        this.refuseIfActive(step.argv, (j) => j.account === name && here(j));
        s.accounts = s.accounts.filter((a) => !(a.name === name && here(a)));
        s.users = s.users.filter((u) => !(u.account === name && here(u)));
        return done('Deleting accounts...');
      }
      case 'add user': {
        const user = positional[0] ?? fail('no user name');
        const account = set.get('account') ?? fail('no account');
        const partition = set.get('partition') ?? null;
        let added = 0;
        for (const cluster of clusterOf(set)) {
          if (!s.accounts.some((a) => a.name === account && a.cluster === cluster)) fail(` Account ${account} doesn't exist on cluster ${cluster}`);
          const assoc: SlurmUserAssociation = { user, account, cluster, partition, qos: null, defaultQos: null };
          if (s.users.some((u) => associationKey(u) === associationKey(assoc))) continue;
          s.users.push(assoc);
          added++;
        }
        return added ? done(`Adding User(s) ${user}`) : nothing('new added');
      }
      case 'modify user': {
        const matches = s.users.filter(this.userMatch(where, onClusters(where)));
        if (!matches.length) return nothing('modified');
        for (const u of matches) {
          if (set.has('qos')) u.qos = this.qosList(set.get('qos')!, fail);
          if (set.has('defaultqos')) u.defaultQos = set.get('defaultqos')!;
        }
        return done('Modified user associations...');
      }
      case 'remove user': {
        const match = this.userMatch(where, onClusters(where));
        if (!s.users.some(match)) return nothing('deleted');
        this.refuseIfActive(step.argv, (j) => j.user === where.get('name') && (!where.has('account') || j.account === where.get('account')) && match(j));
        s.users = s.users.filter((u) => !match(u));
        return done('Deleting user associations...');
      }
      default:
        return fail(`emulator: unsupported sacctmgr command ${verb} ${entity}`);
    }
  }

  /**
   * sbatch as a user: refused without an association for the cluster and partition, when the QOS
   * is blocked, or (DenyOnLimit) when the job's GPUs × time limit would overrun what is left of the
   * QOS's GPU-minute budget; otherwise it runs if the QOS's GrpTRES still has room, and pends with
   * QOSGrpGRES if not. The partition defaults to the cluster's default, `debug` as on the test node.
   */
  submit(job: { user: string; account: string; gpus: number; cluster?: string; partition?: string; minutes?: number }): SchedulerJob {
    const s = this.snapshot.state;
    const cluster = job.cluster ?? this.snapshot.clusters[0]!;
    const partition = job.partition ?? 'debug';
    const assoc = s.users.find(
      (u) => u.user === job.user && u.account === job.account && u.cluster === cluster && (u.partition === null || u.partition === partition),
    );
    if (!assoc) throw new Error('Invalid account or account/partition combination specified');
    const account = s.accounts.find((a) => a.name === job.account && a.cluster === cluster)!;
    const qosName = assoc.defaultQos ?? account.defaultQos ?? 'normal';
    const qos = s.qos.find((q) => q.name === qosName);
    if (qos?.blocked) throw new Error("QOSGrpSubmitJobsLimit: Job violates accounting/QOS policy (job submit limit, user's size and/or time limits)");
    if (qos && qos.gpuMinutes !== null && qos.flags.includes('DenyOnLimit') && job.minutes !== undefined) {
      const used = this.snapshot.usage[qos.name] ?? 0;
      if (used + job.gpus * job.minutes > qos.gpuMinutes)
        throw new Error("QOSGrpGRESMinutes: Job violates accounting/QOS policy (job submit limit, user's size and/or time limits)");
    }
    const running = this.snapshot.jobs.filter((j) => j.qos === qosName && j.state === 'RUNNING').reduce((n, j) => n + j.gpus, 0);
    const fits = qos?.gpus === null || qos === undefined || running + job.gpus <= qos.gpus;
    const created: EmulatedJob = {
      jobId: this.snapshot.nextJobId++,
      user: job.user,
      account: job.account,
      qos: qosName,
      state: fits ? 'RUNNING' : 'PENDING',
      reason: fits ? 'None' : 'QOSGrpGRES',
      gpus: job.gpus,
      cluster,
      partition,
    };
    this.snapshot.jobs.push(created);
    return { ...created };
  }

  /** A running job ends after `minutes`: its GPU-minutes are charged to its QOS for good (NoDecay). */
  finish(jobId: number, minutes: number): void {
    const job = this.snapshot.jobs.find((j) => j.jobId === jobId && j.state === 'RUNNING');
    if (!job) throw new Error(`job ${jobId} is not running`);
    job.state = 'COMPLETED';
    if (job.qos in this.snapshot.usage) this.snapshot.usage[job.qos]! += job.gpus * minutes;
  }

  /** What a QOS has used, as `scontrol show assoc_mgr flags=qos` shows in GrpTRESMins=gres/gpu=N(used). */
  qosUsage(name: string): number | undefined {
    return this.snapshot.usage[name];
  }

  async queue(): Promise<SchedulerJob[]> {
    return structuredClone(this.snapshot.jobs.filter((j) => j.state === 'RUNNING' || j.state === 'PENDING'));
  }

  async jobs(query: { accounts?: string[] } = {}): Promise<SchedulerJob[]> {
    return structuredClone(this.snapshot.jobs.filter((j) => !query.accounts?.length || query.accounts.includes(j.account)));
  }

  private scancel(argv: readonly string[], args: string[]): StepOutcome {
    const opt = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
    const account = opt('account');
    const user = opt('user');
    const clusters = opt('clusters')?.split(',');
    const partition = opt('partition');
    if (!account && !user) throw new SlurmCommandError(argv, 1, 'scancel: no filter given');
    for (const c of clusters ?? []) if (!this.snapshot.clusters.includes(c)) throw new SlurmCommandError(argv, 1, `scancel: error: Invalid cluster name ${c}`);
    for (const j of this.snapshot.jobs) {
      if (
        (j.state === 'RUNNING' || j.state === 'PENDING') &&
        (!account || j.account === account) &&
        (!user || j.user === user) &&
        (!clusters || clusters.includes(j.cluster)) &&
        (!partition || j.partition === partition)
      ) {
        j.state = 'CANCELLED';
      }
    }
    return { unchanged: false, output: '' };
  }

  private refuseIfActive(argv: readonly string[], match: (j: EmulatedJob) => boolean): void {
    const active = this.snapshot.jobs.filter((j) => (j.state === 'RUNNING' || j.state === 'PENDING') && match(j));
    if (active.length) {
      throw new SlurmCommandError(
        argv,
        1,
        ` Error with request: Job(s) active, cancel job(s) before remove\n${active.map((j) => `  JobID = ${j.jobId}`).join('\n')}`,
      );
    }
  }

  /** `where name=U account=A partition=P` on the given clusters; a clause left out matches any. */
  private userMatch(where: Map<string, string>, clusters: Set<string>) {
    return (u: Pick<SlurmUserAssociation, 'user' | 'account' | 'cluster' | 'partition'>) =>
      u.user === where.get('name') &&
      (!where.has('account') || u.account === where.get('account')) &&
      clusters.has(u.cluster) &&
      (!where.has('partition') || u.partition === where.get('partition'));
  }

  private qosList(value: string, fail: (m: string) => never): string[] {
    const names = value.split(',').filter(Boolean);
    for (const n of names) if (n !== 'normal' && !this.snapshot.state.qos.some((q) => q.name === n)) fail(` Unknown QOS ${n}`);
    return names.sort();
  }
}

function splitClauses(words: string[]): { where: Map<string, string>; set: Map<string, string>; positional: string[] } {
  const where = new Map<string, string>();
  const set = new Map<string, string>();
  const positional: string[] = [];
  let mode: 'where' | 'set' | 'plain' = 'plain';
  for (const w of words) {
    if (w === 'where') mode = 'where';
    else if (w === 'set') mode = 'set';
    else {
      const m = /^([a-z]+)([+-]?=)(.*)$/i.exec(w);
      if (!m) positional.push(w);
      else {
        const key = (m[1]!.toLowerCase() + (m[2] === '=' ? '' : m[2]![0]))!;
        (mode === 'where' ? where : set).set(key, m[3]!);
      }
    }
  }
  return { where, set, positional };
}

function applyQosSettings(q: SlurmQos, set: Map<string, string>, fail: (m: string) => never): void {
  for (const [key, value] of set) {
    switch (key) {
      case 'grptres':
        q.gpus = value === 'gres/gpu=-1' ? null : (gpuFromTres(value) ?? fail(` Unknown TRES ${value}`));
        break;
      case 'grptresmins':
        q.gpuMinutes = value === 'gres/gpu=-1' ? null : (gpuFromTres(value) ?? fail(` Unknown TRES ${value}`));
        break;
      case 'grpsubmitjobs':
        q.blocked = value === '0';
        break;
      case 'flags':
        q.flags = parseFlags(value, fail);
        break;
      case 'flags+':
        q.flags = [...new Set([...q.flags, ...parseFlags(value, fail)])].sort();
        break;
      case 'flags-': {
        const gone = parseFlags(value, fail);
        q.flags = q.flags.filter((f) => !gone.includes(f));
        break;
      }
      default:
        fail(` Unknown option: ${key}`);
    }
  }
}

function parseFlags(value: string, fail: (m: string) => never): ManagedQosFlag[] {
  const flags = value.split(',');
  for (const f of flags) if (f !== 'NoDecay' && f !== 'DenyOnLimit') fail(` emulator: unsupported QOS flag ${f}`);
  return (flags as ManagedQosFlag[]).sort();
}

const done = (output: string): StepOutcome => ({ unchanged: false, output });
const nothing = (what: string): StepOutcome => ({ unchanged: true, output: ` Nothing ${what}` });
