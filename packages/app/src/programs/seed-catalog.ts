import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProgramDefinition } from '@stagegate/core/program/definition';
import { validateProgram } from '@stagegate/core/program/validate-program';

const seedDir = fileURLToPath(new URL('../../seed/programs/', import.meta.url));

/**
 * The programs shipped as seed files, each validated as an import would. A broken seed file is a
 * defect of the release, so it throws naming the file and its fields rather than being skipped.
 */
export async function readSeedPrograms(dir: string = seedDir): Promise<ProgramDefinition[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const out: ProgramDefinition[] = [];
  for (const file of files) {
    const text = await readFile(join(dir, file), 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new Error(`seed program ${file}: invalid JSON: ${(e as Error).message}`, { cause: e });
    }
    const { program, issues } = validateProgram(json);
    if (!program) throw new Error(`seed program ${file}: ${issues.map((i) => `${i.field}: ${i.message.en}`).join('; ')}`);
    out.push(program);
  }
  return out;
}

export async function findSeedProgram(slug: string): Promise<ProgramDefinition | undefined> {
  return (await readSeedPrograms()).find((p) => p.slug === slug);
}
