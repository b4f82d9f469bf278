import { z } from 'zod';
import { CsvError, parseCsv } from './csv-table.ts';

/** A bundle's files by name, as text (every file of a bundle is JSON or CSV). */
export type BundleFiles = Readonly<Record<string, string>>;

/** The bundle cannot be read as a bundle (a file missing, malformed JSON or CSV): exit 2. */
export class BundleInputError extends Error {
  constructor(
    message: string,
    /** the input the file holds, when the program publishes it by hash only */
    readonly file?: string,
  ) {
    super(message);
  }
}

/** A file the bundle leaves out for privacy, with its content so the office can hash it. */
export interface PrivateInput {
  input: string;
  what: { ko: string; en: string };
  content: string;
  items: number;
}

export interface BuiltBundle {
  computationVersion: number;
  files: Record<string, string>;
  private: PrivateInput[];
}

export const jsonText = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

export function readFile(files: BundleFiles, name: string): string {
  const text = files[name];
  if (text === undefined) throw new BundleInputError(`${name} is not in the bundle`, name);
  return text;
}

export function readJson<T>(files: BundleFiles, name: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFile(files, name));
  } catch (e) {
    if (e instanceof BundleInputError) throw e;
    throw new BundleInputError(`${name}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new BundleInputError(`${name}: ${i.path.join('.') || '(top)'}: ${i.message}`);
  }
  return parsed.data;
}

export function readCsv(files: BundleFiles, name: string): Record<string, string>[] {
  try {
    return parseCsv(readFile(files, name), name);
  } catch (e) {
    if (e instanceof CsvError) throw new BundleInputError(e.message);
    throw e;
  }
}

/** Runs a CSV reader, turning a bad cell into a bundle input error. */
export function cells<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CsvError) throw new BundleInputError(e.message);
    throw e;
  }
}
