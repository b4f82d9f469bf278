// What every CLI command module exports. Commands live one per file in ./commands, named
// `<group>-<sub>.ts` (e.g. `eligibility-check.ts` answers `stagegate eligibility check`), and are
// listed with their one-line summary in command-list.ts, which loads a module only when it runs.
export interface CliCommand {
  /** full usage text for `stagegate <group> <sub> --help` */
  usage: string;
  /** returns the exit code: 0 success, 1 a negative answer, 2 bad input or failure */
  run(argv: string[], io: CliIO): Promise<number>;
}

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

/** Thrown for bad input or failure; main prints the message on stderr and exits 2. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export const EXIT = { ok: 0, negative: 1, failure: 2 } as const;
