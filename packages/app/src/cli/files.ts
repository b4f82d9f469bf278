import { readFile } from 'node:fs/promises';
import { locateJsonError } from '@stagegate/core/shared/json-error-position';
import { CliError } from './command.ts';

export async function readTextFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Parses JSON and, on a syntax error, says where (line and column), naming the file. */
export async function readJsonFile(path: string): Promise<unknown> {
  const text = await readTextFile(path);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`${path}: invalid JSON: ${describeJsonError(text, e as Error)}`);
  }
}

export function describeJsonError(text: string, _error: Error): string {
  const at = locateJsonError(text);
  return `expected ${at.expected} at line ${at.line}, column ${at.column} (character ${at.offset})`;
}
