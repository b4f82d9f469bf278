import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';

let dir: string;
let env: Record<string, string>;
const OP = 'operator@demo.stagegate.kr';
const base = ['review', 'close-round', '--program', 'k-ai', '--call', '2025-call'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sg-close-round-'));
  env = { STAGEGATE_DATA: join(dir, 'data') };
  // the demo: K-AI's documents round closed (15 → 10), its presentation open and the last round
  expect((await runCli(['seed'], env)).code).toBe(0);
}, 240_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('stagegate review close-round on the demo data', () => {
  it('is listed in the help', async () => {
    const help = await runCli(['--help'], env);
    expect(help.stdout).toContain('review close-round');
  });

  it('refuses a commit without --reason before touching anything', async () => {
    const res = await runCli([...base, '--round', 'documents', '--as', OP, '--yes'], env);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--reason');
    expect(res.stdout).toBe('');
  });

  it('says why the demo rounds cannot close: the documents round is closed already, the presentation is the last round', async () => {
    const documents = await runCli([...base, '--round', 'documents', '--as', OP], env);
    expect(documents.code).toBe(2);
    expect(documents.stderr).toContain('the Document review is closed');
    const presentation = await runCli([...base, '--round', 'presentation', '--as', OP, '--json'], env);
    expect(presentation.code).toBe(2);
    expect(presentation.stderr).toContain('the Presentation review is the last round');
    expect(JSON.parse(presentation.stdout)).toMatchObject({ status: 'invalid', issues: [{ field: 'round' }] });
  }, 60_000);

  it('acts only as an operator, on a round that exists', async () => {
    const applicant = await runCli([...base, '--round', 'documents', '--as', 'nuri@demo.stagegate.kr'], env);
    expect(applicant.code).toBe(2);
    expect(applicant.stderr).toContain('is not an operator');
    const unknown = await runCli([...base, '--round', 'interview', '--as', OP], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('has no round "interview" (rounds: documents, presentation)');
  }, 60_000);
});
