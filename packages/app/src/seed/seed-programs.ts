import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { programs } from '../db/schema/index.ts';
import type { AppContext } from '../context.ts';
import { importProgram } from '../programs/program-store.ts';

const seedDir = fileURLToPath(new URL('../../seed/programs/', import.meta.url));

/** Imports the versioned program seed files (idempotent: an unchanged program is left as it is). */
export async function seedPrograms(ctx: AppContext): Promise<{ slug: string; status: string }[]> {
  const out: { slug: string; status: string }[] = [];
  const files = (await readdir(seedDir)).filter((f) => f.endsWith('.json')).sort();
  const loaded = new Map((await ctx.db.select({ slug: programs.slug, seedVersion: programs.seedVersion }).from(programs)).map((p) => [p.slug, p.seedVersion]));
  for (const f of files) {
    const json = JSON.parse(await readFile(seedDir + f, 'utf8'));
    // every start: a seed whose version is loaded already is left alone (as importProgram would)
    // without validating the whole definition again
    const version = loaded.get(json?.slug);
    if (version !== undefined && typeof json.version === 'number' && version >= json.version) {
      out.push({ slug: json.slug, status: 'unchanged' });
      continue;
    }
    const res = await importProgram(ctx.db, null, json, 'commit');
    if (res.status === 'invalid') throw new Error(`seed ${f}: ${res.issues.map((i) => `${i.field}: ${i.message.en}`).join('; ')}`);
    out.push({ slug: res.slug ?? f, status: res.status });
  }
  return out;
}
