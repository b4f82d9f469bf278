import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { derive, gptRules, randomModel, renameToGpt, transplant, writeModel } from './model-fixtures.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

let dir: string;
const p: Record<string, string> = {};
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'provenance-cli-'));
  const R = randomModel(1),
    I = randomModel(2);
  p.R = await writeModel(dir, 'R', R);
  p.I = await writeModel(dir, 'I', I);
  p.U = await writeModel(dir, 'U', randomModel(3));
  p.D = await writeModel(dir, 'D', derive(R, 5));
  p.C = await writeModel(dir, 'C', transplant(I, R, 'vision_tower.'));
  p.G = await writeModel(dir, 'G', renameToGpt(R));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('stagegate provenance compare', () => {
  it('prints the JSON report and exits 0 for an independent model', async () => {
    const c = capture();
    expect(await main(['provenance', 'compare', '--candidate', p.I!, '--reference', p.R!, '--json', '--quiet'], c.io)).toBe(0);
    const report = JSON.parse(c.out.join(''));
    expect(report.format).toBe('stagegate.provenance/1');
    expect(report.comparisons[0].verdict).toBe('independent');
    expect(c.err).toEqual([]);
  });

  it('exits 1 for a copied encoder, names it, and writes a bilingual HTML report with plots', async () => {
    const c = capture();
    const out = join(dir, 'report.html');
    const code = await main(['provenance', 'compare', '--candidate', p.C!, '--reference', p.R!, '--reference', p.U!, '--out', out], c.io);
    expect(code).toBe(1);
    expect(c.out.join('\n')).toMatch(/R\.safetensors: Likely shared — Components likely shared: Vision encoder\./);
    expect(c.err.some((l) => l.startsWith('progress: '))).toBe(true);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('비전 인코더');
    expect(html).toContain('Vision encoder');
    expect(html).toContain('Baseline: the same measures between the references');
    expect(html).not.toMatch(/<script|src="http|href="http/);
  });

  it('uses mapping rules from --map and --mappings for a renamed architecture', async () => {
    const file = join(dir, 'rules.json');
    await writeFile(file, JSON.stringify(gptRules.slice(1)));
    const out = join(dir, 'renamed.json');
    const c = capture();
    const code = await main(
      [
        'provenance',
        'compare',
        '--candidate',
        p.G!,
        '--reference',
        p.R!,
        '--map',
        `${gptRules[0]!.from}=>${gptRules[0]!.to}`,
        '--mappings',
        file,
        '--no-auto-map',
        '--out',
        out,
        '--quiet',
      ],
      c.io,
    );
    expect(code).toBe(1);
    const report = JSON.parse(await readFile(out, 'utf8'));
    expect(report.comparisons[0].unmatched).toEqual({ candidate: [], reference: [] });
    expect(report.comparisons[0].components.find((x: { kind: string }) => x.kind === 'attention').verdict).toBe('likely_shared');
  });

  it('exits 2 naming the file and the byte offset of a malformed checkpoint', async () => {
    const bad = join(dir, 'bad.safetensors');
    const header = Buffer.from(JSON.stringify({ w: { dtype: 'Q4', shape: [2], data_offsets: [0, 2] } }));
    const bytes = Buffer.alloc(8 + header.length + 2);
    bytes.writeBigUInt64LE(BigInt(header.length));
    header.copy(bytes, 8);
    await writeFile(bad, bytes);
    const c = capture();
    expect(await main(['provenance', 'compare', '--candidate', bad, '--reference', p.R!, '--quiet'], c.io)).toBe(2);
    expect(c.err.join('\n')).toBe(
      `error: ${bad}: at byte 9: tensor 'w': unknown dtype 'Q4' (known: BOOL, U8, I8, F8_E5M2, F8_E4M3, F8_E8M0, I16, U16, F16, BF16, I32, U32, F32, C64, F64, I64, U64)`,
    );
  });

  it('exits 2 on a missing file, a missing reference and a malformed rule', async () => {
    const c = capture();
    expect(await main(['provenance', 'compare', '--candidate', join(dir, 'nope.safetensors'), '--reference', p.R!, '--quiet'], c.io)).toBe(2);
    expect(c.err.join('\n')).toContain('nope.safetensors: cannot open: ENOENT');
    expect(await main(['provenance', 'compare', '--candidate', p.D!], c.io)).toBe(2);
    expect(c.err.at(-1)).toContain('--reference');
    expect(await main(['provenance', 'compare', '--candidate', p.D!, '--reference', p.R!, '--map', 'no-arrow'], c.io)).toBe(2);
    expect(c.err.at(-1)).toContain("--map 'no-arrow': expected FROM=>TO");
  });
});
