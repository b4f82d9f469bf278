import type { SlurmStep } from '@stagegate/core/slurm/plan';
import type { SlurmState } from '@stagegate/core/slurm/state';
import { runCommand, type CommandResult, type SlurmCommandConfig } from './command-runner.ts';
import { ASSOC_FORMAT, QOS_FORMAT, parseAssociations, parseQos } from './sacctmgr-output.ts';
import { SlurmCommandError, isNothingChanged, type SchedulerClient, type SchedulerJob, type StepOutcome } from './scheduler-client.ts';

export interface SlurmClientOptions extends SlurmCommandConfig {
  /** how long a removal keeps retrying while cancelled jobs finish (Slurm: "Job(s) active") */
  activeJobsWaitMs?: number;
}

/** The real scheduler: sacctmgr (22.05 has no --json there, so `-n -P`), squeue and sacct --json. */
export class SlurmClient implements SchedulerClient {
  constructor(private readonly options: SlurmClientOptions = {}) {}

  async clusters(): Promise<string[]> {
    const text = await this.output(['sacctmgr', '-n', '-P', 'show', 'cluster', 'format=cluster']);
    return text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  }

  async readState(): Promise<SlurmState> {
    const qos = await this.output(['sacctmgr', '-n', '-P', 'show', 'qos', `format=${QOS_FORMAT}`]);
    const assoc = await this.output(['sacctmgr', '-n', '-P', 'show', 'assoc', `format=${ASSOC_FORMAT}`]);
    return { qos: parseQos(qos), ...parseAssociations(assoc) };
  }

  async run(step: SlurmStep): Promise<StepOutcome> {
    const deadline = Date.now() + (this.options.activeJobsWaitMs ?? 30_000);
    for (;;) {
      const r = await runCommand(step.argv, this.options);
      const output = `${r.stdout}${r.stderr}`;
      if (r.exitCode === 0) return { unchanged: isNothingChanged(output), output };
      if (isNothingChanged(output)) return { unchanged: true, output };
      // a removal right after scancel: the jobs are still completing
      if (/Job\(s\) active/i.test(output) && Date.now() < deadline) {
        await new Promise((res) => setTimeout(res, 500));
        continue;
      }
      throw new SlurmCommandError(step.argv, r.exitCode, output);
    }
  }

  async queue(): Promise<SchedulerJob[]> {
    const text = await this.output(['squeue', '-h', '-a', '-t', 'all', '-o', '%i|%u|%a|%q|%T|%r|%b']);
    return text
      .split('\n')
      .filter((l) => l.trim())
      .map((line) => {
        const [id = '', user = '', account = '', qos = '', state = '', reason = '', gres = ''] = line.split('|');
        return { jobId: Number(id), user, account, qos, state, reason, gpus: gpusFromGres(gres) };
      });
  }

  async jobs(query: { accounts?: string[] } = {}): Promise<SchedulerJob[]> {
    const argv = ['sacct', '--json', '-X', '--allusers', '--starttime=1970-01-01T00:00:00'];
    if (query.accounts?.length) argv.push(`--accounts=${query.accounts.join(',')}`);
    const parsed = JSON.parse(await this.output(argv)) as { jobs?: SacctJob[] };
    return (parsed.jobs ?? []).map((j) => ({
      jobId: j.job_id,
      user: j.user ?? j.association?.user ?? '',
      account: j.account ?? j.association?.account ?? '',
      qos: j.qos ?? '',
      state: j.state?.current ?? '',
      reason: j.state?.reason ?? '',
      gpus: (j.tres?.allocated?.length ? j.tres.allocated : (j.tres?.requested ?? []))
        .filter((t) => t.type === 'gres' && t.name === 'gpu')
        .reduce((n, t) => n + (t.count ?? 0), 0),
    }));
  }

  private async output(argv: string[]): Promise<string> {
    const r: CommandResult = await runCommand(argv, this.options);
    if (r.exitCode !== 0) throw new SlurmCommandError(argv, r.exitCode, `${r.stdout}${r.stderr}`);
    return r.stdout;
  }
}

/** squeue's %b, e.g. `gres:gpu:b200:4` or `gres/gpu:2`; N/A when none. */
export function gpusFromGres(gres: string): number {
  let total = 0;
  for (const part of gres.split(',')) {
    const m = /gpu(?::[a-z0-9_]+)?[:=](\d+)$/.exec(part.trim());
    if (m) total += Number(m[1]);
  }
  return total;
}

interface SacctJob {
  job_id: number;
  user?: string;
  account?: string;
  qos?: string;
  association?: { user?: string; account?: string };
  state?: { current?: string; reason?: string };
  tres?: { allocated?: SacctTres[]; requested?: SacctTres[] };
}
interface SacctTres {
  type: string;
  name?: string;
  count?: number;
}
