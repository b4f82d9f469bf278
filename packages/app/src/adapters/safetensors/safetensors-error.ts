/** A checkpoint that cannot be read as safetensors; says which file and where. */
export class SafetensorsError extends Error {
  constructor(
    readonly file: string,
    readonly offset: number | null,
    readonly reason: string,
  ) {
    super(offset === null ? `${file}: ${reason}` : `${file}: at byte ${offset}: ${reason}`);
    this.name = 'SafetensorsError';
  }
}
