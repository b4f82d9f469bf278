import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { SafetensorsError } from './safetensors-error.ts';
import { SafetensorsFile } from './safetensors-file.ts';
import type { TensorEntry } from './safetensors-header.ts';

export interface CheckpointTensor extends TensorEntry {
  file: SafetensorsFile;
}

/** A model's weights: one .safetensors file, or shards listed by model.safetensors.index.json. */
export interface Checkpoint {
  path: string;
  label: string;
  files: SafetensorsFile[];
  tensors: CheckpointTensor[];
  byName: Map<string, CheckpointTensor>;
  bytes: number;
  parameters: number;
  close(): Promise<void>;
}

export const indexFileName = 'model.safetensors.index.json';

/** Opens PATH: a .safetensors file, or a folder holding one, or holding shards and their index. */
export async function openCheckpoint(path: string): Promise<Checkpoint> {
  const full = resolve(path);
  let info;
  try {
    info = await stat(full);
  } catch (e) {
    throw new SafetensorsError(path, null, `cannot open: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (!info.isDirectory()) {
    if (full.endsWith('.json')) return openIndexed(path, full, resolve(full, '..'));
    return assemble(path, [await SafetensorsFile.open(full)], null);
  }
  const names = await readdir(full);
  if (names.includes(indexFileName)) return openIndexed(path, join(full, indexFileName), full);
  const shards = names.filter((n) => n.endsWith('.safetensors')).sort();
  if (!shards.length) throw new SafetensorsError(path, null, `folder holds no .safetensors file and no ${indexFileName}`);
  return assemble(path, await openAll(shards.map((n) => join(full, n))), null);
}

async function openIndexed(path: string, indexPath: string, folder: string): Promise<Checkpoint> {
  let index: unknown;
  try {
    index = JSON.parse(await readFile(indexPath, 'utf8'));
  } catch (e) {
    throw new SafetensorsError(indexPath, null, `cannot read the shard index: ${(e as Error).message}`);
  }
  const map = (index as { weight_map?: unknown })?.weight_map;
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    throw new SafetensorsError(indexPath, null, 'shard index has no "weight_map" object');
  }
  const weightMap = map as Record<string, unknown>;
  for (const [tensor, file] of Object.entries(weightMap)) {
    if (typeof file !== 'string' || file.includes('/') || file.includes('\\')) {
      throw new SafetensorsError(indexPath, null, `weight_map entry '${tensor}' does not name a shard file in the same folder`);
    }
  }
  const shardNames = [...new Set(Object.values(weightMap) as string[])].sort();
  const files = await openAll(shardNames.map((n) => join(folder, n)));
  return assemble(path, files, { indexPath, weightMap: weightMap as Record<string, string> });
}

async function openAll(paths: string[]): Promise<SafetensorsFile[]> {
  const files: SafetensorsFile[] = [];
  try {
    for (const p of paths) files.push(await SafetensorsFile.open(p));
  } catch (e) {
    await Promise.all(files.map((f) => f.close()));
    throw e;
  }
  return files;
}

async function assemble(path: string, files: SafetensorsFile[], index: { indexPath: string; weightMap: Record<string, string> } | null): Promise<Checkpoint> {
  const byName = new Map<string, CheckpointTensor>();
  const close = () => Promise.all(files.map((f) => f.close())).then(() => undefined);
  try {
    for (const file of files) {
      for (const t of file.tensors) {
        const owner = index?.weightMap[t.name];
        if (index && owner !== undefined && owner !== basename(file.path)) continue;
        const seen = byName.get(t.name);
        if (seen) throw new SafetensorsError(file.path, t.start, `tensor '${t.name}' is also in ${seen.file.path}`);
        byName.set(t.name, { ...t, file });
      }
    }
    if (index) {
      for (const [tensor, shard] of Object.entries(index.weightMap)) {
        if (!byName.has(tensor)) throw new SafetensorsError(index.indexPath, null, `weight_map lists tensor '${tensor}' in ${shard}, which does not hold it`);
      }
    }
  } catch (e) {
    await close();
    throw e;
  }
  // file order, then byte order: reading in this order is sequential on disk
  const tensors = [...byName.values()].sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file) || a.start - b.start);
  return {
    path,
    label: basename(resolve(path)),
    files,
    tensors,
    byName,
    bytes: files.reduce((a, f) => a + f.size, 0),
    parameters: tensors.reduce((a, t) => a + t.shape.reduce((x, d) => x * d, 1), 0),
    close,
  };
}
