import { execFile } from 'node:child_process';
import { basename, join } from 'node:path';

/**
 * Where Slurm's tools are and how to reach them: a folder for the binaries, and a prefix such as
 * `['sudo']` or `['ssh', 'head']` for a cluster run elsewhere. Always execFile with an argv, never
 * a shell; through ssh the remote shell does join the words, so each is single-quoted then.
 */
export interface SlurmCommandConfig {
  binDir?: string;
  prefix?: string[];
  /** extra environment, e.g. SLURM_CONF */
  env?: Record<string, string>;
  timeoutMs?: number;
}

export interface CommandResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export function commandLine(argv: readonly string[], config: SlurmCommandConfig): { file: string; args: string[] } {
  const [tool, ...args] = argv;
  if (!tool) throw new Error('empty command');
  const toolPath = config.binDir ? join(config.binDir, tool) : tool;
  const prefix = config.prefix ?? [];
  if (prefix.length === 0) return { file: toolPath, args };
  const overSsh = basename(prefix[0]!) === 'ssh';
  const words = [toolPath, ...args].map((w) => (overSsh ? shellQuote(w) : w));
  return { file: prefix[0]!, args: [...prefix.slice(1), ...words] };
}

const shellQuote = (w: string) => `'${w.replaceAll("'", `'\\''`)}'`;

export function runCommand(argv: readonly string[], config: SlurmCommandConfig): Promise<CommandResult> {
  const { file, args } = commandLine(argv, config);
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { env: { ...process.env, ...config.env }, timeout: config.timeoutMs ?? 60_000, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new Error(`cannot run ${file}: not found (set the Slurm binary folder or prefix)`));
          return;
        }
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ exitCode: code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}
