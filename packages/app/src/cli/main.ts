import { CliError, type CliCommand, type CliIO } from './command.ts';
import { commands } from './command-list.ts';
import { preloadPglite } from '../db/pglite-artifacts.ts';

const stdio: CliIO = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
};

async function loadCommand(name: string): Promise<CliCommand> {
  return (await commands[name]!.load()).command;
}

function printHelp(io: CliIO): void {
  const lines = ['Usage: stagegate <command> [options]', '', 'Commands:'];
  for (const name of Object.keys(commands).sort()) lines.push(`  ${name.replace('-', ' ').padEnd(24)} ${commands[name]!.summary}`);
  lines.push('', 'Exit codes: 0 success, 1 a negative answer, 2 bad input or failure (reason on stderr).');
  io.out(lines.join('\n'));
}

/** Resolves `group sub` (or a single word like `serve`) to a command file and runs it. */
export async function main(argv: string[], io: CliIO = stdio): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    printHelp(io);
    return 0;
  }
  const names = Object.keys(commands);
  let name: string | undefined;
  let rest: string[] = [];
  if (argv.length >= 2 && names.includes(`${argv[0]}-${argv[1]}`)) {
    name = `${argv[0]}-${argv[1]}`;
    rest = argv.slice(2);
  } else if (names.includes(argv[0]!)) {
    name = argv[0];
    rest = argv.slice(1);
  }
  if (!name) {
    const group = names.filter((n) => n.startsWith(`${argv[0]}-`));
    if (group.length) {
      io.err(`unknown or missing subcommand for '${argv[0]}'; one of: ${group.map((g) => g.split('-').slice(1).join('-')).join(', ')}`);
    } else {
      io.err(`unknown command '${argv[0]}'; see stagegate --help`);
    }
    return 2;
  }
  // DATABASE_URL is the switch to PostgreSQL (config.ts); without it the command opens PGlite
  if (commands[name]!.oneShotDatabase && !process.env.DATABASE_URL && !rest.includes('--help') && !rest.includes('-h')) preloadPglite();
  const cmd = await loadCommand(name);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(cmd.usage);
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`error: ${e.message}`);
      return e.exitCode;
    }
    // the message only: a stack trace names our internals, not what the user can fix
    io.err(`error: ${e instanceof Error ? e.message : String(e)}`);
    if (process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace') io.err((e as Error).stack ?? '');
    return 2;
  }
}
