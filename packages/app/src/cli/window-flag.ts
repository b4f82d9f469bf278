import { parseWindowInstant, WindowInstantError } from '../usage/window-instant.ts';
import { CliError } from './command.ts';

/** A usage window bound given as --start/--end; a bad one names the flag (exit 2). */
export function windowFlag(text: string, flag: 'start' | 'end'): number {
  try {
    return parseWindowInstant(text, flag);
  } catch (e) {
    if (e instanceof WindowInstantError) throw new CliError(`--${e.field}: ${e.detail}`);
    throw e;
  }
}
