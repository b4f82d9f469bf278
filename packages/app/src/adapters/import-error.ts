/**
 * A file that cannot be imported, said with where (file, line, column when known) and which field,
 * so a person can open the file and fix it. Parsers throw it before returning anything: an import
 * is all or nothing.
 */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    const at = line === undefined ? '' : column === undefined ? `:${line}` : `:${line}:${column}`;
    super(`${file}${at}: ${field ? `field ${field}: ` : ''}${problem}`);
  }
}

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1,
    lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Where a JSON path's last key sits in the text, found by looking for each key in turn after the
 * previous one. Good enough to point a person at the right line; undefined when not found.
 */
export function locateKeyPath(text: string, keys: readonly string[]): { line: number; column: number } | undefined {
  let at = 0;
  for (const key of keys) {
    const i = text.indexOf(JSON.stringify(key), at);
    if (i < 0) return undefined;
    at = i;
  }
  return lineColumn(text, at);
}

/** `results["arc_easy"]["acc,none"]` style path for messages. */
export function jsonPath(keys: readonly string[]): string {
  const [head, ...rest] = keys;
  return head + rest.map((k) => `[${JSON.stringify(k)}]`).join('');
}

/** Parses JSON or throws an ImportError naming the line and column of the syntax error. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const m = /position (\d+)/.exec(message);
    const pos = m ? lineColumn(text, Number(m[1])) : undefined;
    throw new ImportError(file, '', `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, pos?.line, pos?.column);
  }
}
