import { open, type FileHandle } from 'node:fs/promises';
import { SafetensorsError } from './safetensors-error.ts';
import { parseHeader, readHeaderLength, type SafetensorsHeader, type TensorEntry } from './safetensors-header.ts';

/** One open .safetensors file: header parsed and validated, tensor bytes read on demand. */
export class SafetensorsFile {
  private constructor(
    readonly path: string,
    readonly size: number,
    readonly header: SafetensorsHeader,
    private readonly handle: FileHandle,
  ) {}

  static async open(path: string): Promise<SafetensorsFile> {
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (e) {
      throw new SafetensorsError(path, null, `cannot open: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    try {
      const { size } = await handle.stat();
      await refuseLfsPointer(handle, path, size);
      const first8 = new Uint8Array(8);
      await handle.read(first8, 0, Math.min(8, size), 0);
      const n = readHeaderLength(path, first8, size);
      const headerBytes = new Uint8Array(n);
      await readFully(handle, path, headerBytes, 8);
      return new SafetensorsFile(path, size, parseHeader(path, headerBytes, size), handle);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  get tensors(): TensorEntry[] {
    return this.header.tensors;
  }

  /** The open descriptor, for scan workers' positional reads (valid until close). */
  get fd(): number {
    return this.handle.fd;
  }

  /** Fills `into` from absolute byte `position`; a short read (file shrank) is an error there. */
  read(into: Uint8Array, position: number): Promise<void> {
    return readFully(this.handle, this.path, into, position);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

const LFS_POINTER = 'version https://git-lfs.github.com/spec/';

/**
 * A checkpoint cloned without `git lfs pull` is a ~130-byte text file in place of the weights; its
 * first 8 bytes would otherwise be read as an absurd header length.
 */
async function refuseLfsPointer(handle: FileHandle, path: string, size: number): Promise<void> {
  if (size > 1024) return;
  const head = new Uint8Array(Math.min(size, LFS_POINTER.length));
  await handle.read(head, 0, head.length, 0);
  if (new TextDecoder().decode(head) === LFS_POINTER) {
    throw new SafetensorsError(path, 0, 'this is a Git LFS pointer, not the weights (run `git lfs pull` in the checkout, or download the file itself)');
  }
}

async function readFully(handle: FileHandle, path: string, into: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < into.length) {
    const { bytesRead } = await handle.read(into, done, into.length - done, position + done);
    if (bytesRead === 0) {
      throw new SafetensorsError(path, position + done, `unexpected end of file: ${into.length - done} more bytes expected (truncated data)`);
    }
    done += bytesRead;
  }
}
