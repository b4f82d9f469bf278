import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { resultBundles } from '../db/schema/index.ts';
import { writeZip } from './zip.ts';
import type { ResultBundleRow } from './publish-bundle.ts';

const MAX_BUNDLES = 10_000;

/** Every edition of every bundle of a program, oldest first. */
export async function listProgramBundles(db: Db, programSlug: string): Promise<ResultBundleRow[]> {
  return db
    .select()
    .from(resultBundles)
    .where(eq(resultBundles.programSlug, programSlug))
    .orderBy(asc(resultBundles.publishedAt), asc(resultBundles.edition))
    .limit(MAX_BUNDLES);
}

/** The current edition per published result (a correction replaces the edition before it). */
export function currentEditions(rows: readonly ResultBundleRow[]): ResultBundleRow[] {
  const latest = new Map<string, ResultBundleRow>();
  for (const r of rows) {
    const k = `${r.kind}|${r.subjectId}`;
    if ((latest.get(k)?.edition ?? 0) < r.edition) latest.set(k, r);
  }
  return [...latest.values()];
}

/** A folder name a person can read: kind, the result's English name, edition. */
export function bundleFolderName(row: ResultBundleRow): string {
  const manifest = JSON.parse(row.manifest) as { subject: { name: { en: string } } };
  const slug = manifest.subject.name.en
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 90);
  return `${row.programSlug}-${row.kind}-${slug}-e${row.edition}`;
}

export async function writeBundleFolder(dir: string, row: ResultBundleRow): Promise<string> {
  const folder = join(dir, bundleFolderName(row));
  await mkdir(folder, { recursive: true });
  for (const [path, text] of Object.entries(row.files)) await writeFile(join(folder, path), text);
  return folder;
}

export function bundleZip(row: ResultBundleRow): Buffer {
  const top = bundleFolderName(row);
  return writeZip(
    Object.keys(row.files)
      .sort()
      .map((path) => ({ name: `${top}/${path}`, data: Buffer.from(row.files[path]!, 'utf8') })),
  );
}
