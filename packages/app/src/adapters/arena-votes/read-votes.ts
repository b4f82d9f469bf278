import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { PairTableBuilder, type PairTable } from '@stagegate/core/arena/pair-table';
import { arenaWinners, isArenaWinner } from '@stagegate/core/arena/vote';

/** A vote line that cannot be used, with its 1-based line number and the field at fault. */
export class VoteLineError extends Error {
  constructor(
    readonly line: number,
    readonly field: string | undefined,
    readonly detail: string,
  ) {
    super(`line ${line}: ${field ? `field "${field}" ` : ''}${detail}`);
  }
}

/**
 * Checks one parsed vote line and adds it to the table. Extra fields (timestamps, judge ids, the
 * conversation) are ignored so LMArena-style exports load as they are.
 */
export function addVoteLine(builder: PairTableBuilder, parsed: unknown, line: number): void {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new VoteLineError(line, undefined, 'expected a JSON object');
  }
  const v = parsed as Record<string, unknown>;
  for (const field of ['model_a', 'model_b'] as const) {
    if (typeof v[field] !== 'string' || v[field] === '') {
      throw new VoteLineError(line, field, v[field] === undefined ? 'is missing' : 'must be a non-empty string');
    }
  }
  if (v.model_a === v.model_b) throw new VoteLineError(line, 'model_b', 'must differ from "model_a"');
  if (!isArenaWinner(v.winner)) {
    throw new VoteLineError(
      line,
      'winner',
      `${v.winner === undefined ? 'is missing' : `is ${JSON.stringify(v.winner)}`}; expected one of ${arenaWinners.map((w) => `"${w}"`).join(', ')}`,
    );
  }
  builder.addBattle(v.model_a as string, v.model_b as string, v.winner);
}

/**
 * Streams a JSON-lines vote file (one vote per line, blank lines skipped) into pair counts, so a
 * 1.6-million-line file never sits in memory as objects.
 */
export async function readVotesFile(path: string): Promise<PairTable> {
  const builder = new PairTableBuilder();
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    n++;
    if (text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new VoteLineError(n, undefined, `invalid JSON (${(e as Error).message})`);
    }
    addVoteLine(builder, parsed, n);
  }
  return builder.build();
}
