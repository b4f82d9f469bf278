import { readFile } from 'node:fs/promises';
import { parseCsvResults } from './csv-results.ts';
import { parseHarnessResults } from './harness-results.ts';
import { ImportError } from '../import-error.ts';
import type { ScoreTable } from './score-table.ts';

/** Reads a harness results JSON or a plain CSV (by extension) into a score table. */
export async function loadScoreTable(path: string): Promise<ScoreTable> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ImportError(path, '', `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return path.toLowerCase().endsWith('.csv') ? parseCsvResults(text, path) : parseHarnessResults(text, path);
}
