import { mkdir, readdir, realpath, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { issue, type FieldIssue } from '@stagegate/core/shared/localized';
import type { Config } from '../config.ts';
import { particle } from '@stagegate/core/shared/korean-particles';

/**
 * The one folder on the server whose checkpoints may be compared: $STAGEGATE_CHECKPOINTS, else
 * `checkpoints` in the data folder. Paths from requests are resolved inside it and refused when
 * they lead outside (`..`, absolute paths elsewhere, symbolic links pointing out).
 */
export function checkpointsRoot(config: Pick<Config, 'dataDir'>, env: NodeJS.ProcessEnv = process.env): string {
  if (env.STAGEGATE_CHECKPOINTS) return resolve(env.STAGEGATE_CHECKPOINTS);
  if (config.dataDir.startsWith('memory://')) return join(tmpdir(), 'stagegate-checkpoints');
  return resolve(config.dataDir, 'checkpoints');
}

export interface ResolvedCheckpoint {
  /** relative to the root, with forward slashes: what is stored and shown */
  relative: string;
  absolute: string;
  kind: 'file' | 'folder';
  bytes: number;
}

/** A path from a request, checked to be a checkpoint (a .safetensors file or a folder of them) inside the root. */
export async function resolveCheckpoint(root: string, input: string, field: string): Promise<ResolvedCheckpoint | FieldIssue> {
  await mkdir(root, { recursive: true });
  const rootReal = await realpath(root);
  const trimmed = input.trim();
  if (!trimmed) return issue(field, '경로를 입력하세요', 'enter a path');
  const candidate = isAbsolute(trimmed) ? trimmed : resolve(rootReal, trimmed);
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return issue(field, `체크포인트 폴더에 "${trimmed}"${particle(trimmed, '이/가')} 없습니다`, `"${trimmed}" does not exist in the checkpoints folder`);
  }
  if (real !== rootReal && !real.startsWith(rootReal + sep)) {
    return issue(field, '허용된 체크포인트 폴더 밖의 경로는 쓸 수 없습니다', `"${trimmed}" is outside the allowed checkpoints folder`);
  }
  const info = await stat(real);
  const rel = relative(rootReal, real).split(sep).join('/');
  if (info.isFile()) {
    if (!real.endsWith('.safetensors')) return issue(field, '.safetensors 파일이 아닙니다', `"${trimmed}" is not a .safetensors file`);
    return { relative: rel, absolute: real, kind: 'file', bytes: info.size };
  }
  if (info.isDirectory()) {
    const files = (await readdir(real)).filter((f) => f.endsWith('.safetensors'));
    if (files.length === 0) return issue(field, '폴더에 .safetensors 파일이 없습니다', `"${trimmed}" holds no .safetensors files`);
    let bytes = 0;
    for (const f of files) bytes += (await stat(join(real, f))).size;
    return { relative: rel, absolute: real, kind: 'folder', bytes };
  }
  return issue(field, '파일이나 폴더가 아닙니다', `"${trimmed}" is neither a file nor a folder`);
}

export function isIssue(x: ResolvedCheckpoint | FieldIssue): x is FieldIssue {
  return 'message' in x;
}

/**
 * What can be picked in the UI: .safetensors files, and folders holding a sharded checkpoint
 * (model.safetensors.index.json), up to a few levels deep.
 */
export async function listCheckpoints(root: string, maxDepth = 4): Promise<{ path: string; kind: 'file' | 'folder'; bytes: number }[]> {
  await mkdir(root, { recursive: true });
  const out: { path: string; kind: 'file' | 'folder'; bytes: number }[] = [];
  const walk = async (dir: string, depth: number) => {
    const entries = await readdir(dir, { withFileTypes: true });
    if (entries.some((e) => e.name === 'model.safetensors.index.json')) {
      let bytes = 0;
      for (const e of entries) if (e.name.endsWith('.safetensors')) bytes += (await stat(join(dir, e.name))).size;
      out.push({ path: relative(root, dir).split(sep).join('/'), kind: 'folder', bytes });
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory() && depth < maxDepth) await walk(p, depth + 1);
      else if (e.isFile() && e.name.endsWith('.safetensors'))
        out.push({ path: relative(root, p).split(sep).join('/'), kind: 'file', bytes: (await stat(p)).size });
    }
  };
  await walk(root, 0);
  return out.slice(0, 500);
}
