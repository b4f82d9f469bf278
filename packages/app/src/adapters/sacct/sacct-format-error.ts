/**
 * A `sacct --json` file that cannot be read as usage: where (byte offset, line, column — columns
 * count bytes, which equals characters for the ASCII sacct writes) and which field.
 */
export class SacctFormatError extends Error {
  constructor(
    readonly reason: string,
    readonly field: string | undefined,
    readonly position: { offset: number; line: number; column: number } | undefined,
  ) {
    const where = position ? `line ${position.line}, column ${position.column} (byte ${position.offset}): ` : '';
    super(`${where}${field ? `${field}: ` : ''}${reason}`);
    this.name = 'SacctFormatError';
  }
}
