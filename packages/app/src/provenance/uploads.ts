import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FieldIssue } from '@stagegate/core/shared/localized';

/** Small checkpoints may be uploaded; large ones are placed in the checkpoints folder by the operator. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

export type UploadResult =
  { status: 'stored'; path: string; bytes: number } | { status: 'invalid'; issues: FieldIssue[] } | { status: 'too_large'; message: string };

/** A name safe on any file system, keeping the extension the reader looks for. */
function safeName(name: string): string {
  const base = name
    .split(/[/\\]/)
    .pop()!
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '');
  return base || 'model.safetensors';
}

/**
 * Stores an uploaded .safetensors file under `<root>/uploads/<uuid>/`, where comparisons can then
 * name it like any other checkpoint. The stream is cut at the limit and the partial file removed.
 */
export async function storeUpload(root: string, upload: { stream: Readable & { truncated?: boolean }; fileName: string }): Promise<UploadResult> {
  if (!upload.fileName.toLowerCase().endsWith('.safetensors')) {
    upload.stream.resume();
    return {
      status: 'invalid',
      issues: [{ field: 'file', message: { ko: '.safetensors 파일만 올릴 수 있습니다', en: 'only .safetensors files can be uploaded' } }],
    };
  }
  const folder = join(root, 'uploads', randomUUID());
  await mkdir(folder, { recursive: true });
  const name = safeName(upload.fileName);
  const target = join(folder, name);
  await pipeline(upload.stream, createWriteStream(target));
  if (upload.stream.truncated) {
    await rm(folder, { recursive: true, force: true });
    return {
      status: 'too_large',
      message: `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; place it in the checkpoints folder on the server instead`,
    };
  }
  const bytes = (await stat(target)).size;
  return { status: 'stored', path: `uploads/${folder.split(/[/\\]/).pop()}/${name}`, bytes };
}
