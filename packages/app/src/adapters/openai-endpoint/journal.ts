import { open, readFile, type FileHandle } from 'node:fs/promises';

/** The first line of a journal: which run it belongs to, so another run's answers are never mixed in. */
export interface JournalHeader {
  kind: 'run';
  model: string;
  endpoint: string;
  suite: string;
}

/** One finished item: what was asked, what came back, and the sample row it scored to. */
export interface JournalEntry {
  kind: 'item';
  task: string;
  docId: number;
  attempts: number;
  request: unknown;
  response: unknown;
  sample: Record<string, unknown>;
  at: string;
}

/** An item that failed for good in this run; it is asked again when the run resumes. */
export interface JournalFailure {
  kind: 'failure';
  task: string;
  docId: number;
  error: string;
  at: string;
}

export type JournalLine = JournalHeader | JournalEntry | JournalFailure;

export const itemKey = (task: string, docId: number) => `${task}\u0000${docId}`;

/**
 * Reads a journal. A line cut short by a crash is skipped (and counted), so that item is simply
 * asked again; the writer starts a fresh line after it.
 */
export async function readJournal(path: string): Promise<{ header?: JournalHeader; done: Map<string, JournalEntry>; damagedLines: number }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { done: new Map(), damagedLines: 0 };
    throw e;
  }
  const lines = text.split('\n');
  const done = new Map<string, JournalEntry>();
  let header: JournalHeader | undefined;
  let damagedLines = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    let parsed: JournalLine;
    try {
      parsed = JSON.parse(line);
    } catch {
      damagedLines++;
      continue;
    }
    if (parsed.kind === 'run') header ??= parsed;
    else if (parsed.kind === 'item') done.set(itemKey(parsed.task, parsed.docId), parsed);
  }
  return { header, done, damagedLines };
}

/** Appends whole lines one after another, so concurrent items never interleave their bytes. */
export class JournalWriter {
  private chain: Promise<void> = Promise.resolve();
  private constructor(private readonly handle: FileHandle) {}

  static async open(path: string): Promise<JournalWriter> {
    const handle = await open(path, 'a+');
    const { size } = await handle.stat();
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      // A crash mid-line left no newline: start clean so the next entry is not glued to the fragment.
      if (last[0] !== 10) await handle.write('\n');
    }
    return new JournalWriter(handle);
  }

  append(line: JournalLine): Promise<void> {
    const text = JSON.stringify(line) + '\n';
    this.chain = this.chain.then(() => this.handle.write(text).then(() => undefined));
    return this.chain;
  }

  async close(): Promise<void> {
    await this.chain;
    await this.handle.close();
  }
}
