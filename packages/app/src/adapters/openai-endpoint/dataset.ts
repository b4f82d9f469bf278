import { readFile } from 'node:fs/promises';
import { ImportError } from '../import-error.ts';

/** One line of a dataset JSONL: a question, optional choices, and the answer (index or text). */
export interface DatasetItem {
  /** position among the file's non-empty lines; the harness's doc_id */
  docId: number;
  question: string;
  choices?: string[];
  answer: number | string;
  /** the line as read, kept for the samples file */
  doc: Record<string, unknown>;
}

export async function loadDataset(path: string): Promise<DatasetItem[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ImportError(path, '', `cannot read dataset: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseDataset(text, path);
}

export function parseDataset(text: string, file: string): DatasetItem[] {
  const items: DatasetItem[] = [];
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    const line = index + 1;
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch (e) {
      throw new ImportError(file, '', `invalid JSON: ${(e as Error).message}`, line);
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new ImportError(file, '', 'expected a JSON object', line);
    const r = row as Record<string, unknown>;
    if (typeof r.question !== 'string' || r.question === '') throw new ImportError(file, 'question', 'expected a non-empty string', line);
    let choices: string[] | undefined;
    if (r.choices !== undefined) {
      if (!Array.isArray(r.choices) || r.choices.length < 2 || !r.choices.every((c) => typeof c === 'string')) {
        throw new ImportError(file, 'choices', 'expected a list of at least two strings', line);
      }
      choices = r.choices as string[];
    }
    let answer = r.answer;
    if (typeof answer === 'number') {
      if (!choices || !Number.isInteger(answer) || answer < 0 || answer >= choices.length) {
        throw new ImportError(file, 'answer', choices ? `expected an index from 0 to ${choices.length - 1}` : 'an index needs choices', line);
      }
    } else if (typeof answer === 'string' && answer !== '') {
      if (choices) {
        const i = choices.indexOf(answer);
        if (i < 0) throw new ImportError(file, 'answer', `"${answer}" is not one of the choices`, line);
        answer = i;
      }
    } else throw new ImportError(file, 'answer', 'expected a choice index or the answer text', line);
    items.push({ docId: items.length, question: r.question, choices, answer: answer as number | string, doc: r });
  });
  if (items.length === 0) throw new ImportError(file, '', 'the dataset has no items');
  return items;
}

/** Option letters A, B, C … for multiple choice shown in a prompt. */
export function choiceLetter(i: number): string {
  return String.fromCharCode(65 + i);
}
