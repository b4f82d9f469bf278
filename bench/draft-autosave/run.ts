// Server memory across 1,000 autosaves of one large draft (issue 12 item 11): RSS sampled every
// 100 saves on the embedded database in a data folder, as `stagegate serve` runs it.
// Run: npx tsx bench/draft-autosave/run.ts [saves] [kilobytes]
import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../packages/app/src/config.ts';
import { createContext } from '../../packages/app/src/context.ts';
import { seed } from '../../packages/app/src/seed/seed.ts';
import { applications, organisations } from '../../packages/app/src/db/schema/index.ts';
import { saveDraft } from '../../packages/app/src/applications/application-store.ts';
import { sql } from 'drizzle-orm';

const saves = Number(process.argv[2] ?? 1000);
const kb = Number(process.argv[3] ?? 900);
const dir = await mkdtemp(join(tmpdir(), 'sg-draft-bench-'));
const ctx = await createContext({ ...loadConfig({}), dataDir: join(dir, 'data'), logLevel: 'silent' });
await seed(ctx, { demo: false });
const [org] = await ctx.db
  .insert(organisations)
  .values({ nameKo: '벤치', nameEn: 'Bench', type: 'startup', country: 'KR' } as never)
  .returning();
const [app] = await ctx.db
  .insert(applications)
  .values({
    programSlug: 'specialized-fm',
    callKey: '2025-call',
    organisationId: org!.id,
    consortium: { lead: { name: '벤치' }, participants: [] },
    proposal: {},
  })
  .returning();
const actor = { id: 'bench', email: 'bench@example.kr', name: 'bench', role: 'applicant' as const };
const mb = () => Math.round(process.memoryUsage().rss / 1048576);
let version = 1;
const samples: string[] = [];
const started = Date.now();
for (let i = 1; i <= saves; i++) {
  // incompressible text, as a pasted document would be after TOAST's compression
  const summary = randomBytes((kb * 1024 * 3) / 4).toString('base64');
  const r = await saveDraft(ctx.db, actor, app!.id, version, { proposal: { title: `draft ${i}`, summary } });
  if (r.status !== 'saved') throw new Error(`save ${i}: ${JSON.stringify(r).slice(0, 300)}`);
  version = r.version;
  if (i % 100 === 0) samples.push(`${i}:${mb()}`);
}
const res = await ctx.db.execute(sql`select count(*)::int as n, pg_total_relation_size('application_versions')::bigint as bytes from application_versions`);
const row = (res as unknown as { rows: { n: number; bytes: string }[] }).rows[0]!;
console.log(
  `draft autosave: ${saves} saves of ${kb} KB in ${((Date.now() - started) / 1000).toFixed(1)} s; versions kept ${row.n}; table ${Math.round(Number(row.bytes) / 1048576)} MB`,
);
console.log(`RSS MB by save: ${samples.join(' ')}`);
await ctx.close();
await rm(dir, { recursive: true, force: true });
