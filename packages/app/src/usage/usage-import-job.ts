import { Readable } from 'node:stream';
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { compareImportedUsage } from '@stagegate/core/usage/import-difference';
import type { UsageSummary } from '@stagegate/core/usage/aggregate';
import type { FieldIssue } from '@stagegate/core/shared/localized';
import type { Actor } from '../auth/actor.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { blobStoreFor } from '../blobs/blob-store-for.ts';
import type { AppContext } from '../context.ts';
import type { Db, Tx } from '../db/connect.ts';
import { jobs, tasks, usageDaily } from '../db/schema/index.ts';
import { getUser } from '../evaluation/users.ts';
import { InputNotVisibleHere } from '../jobs/input-not-visible.ts';
import type { JobHandler, JobTools } from '../jobs/job-handler.ts';
import { enqueueJob, getJob, type JobRow } from '../jobs/job-queue.ts';
import { summarizeSacct, type SacctSource } from '../adapters/sacct/read-sacct.ts';
import { taskIdsByAccount } from './account-tasks.ts';
import { checkWholeDays, chunks, MAX_SACCT_BYTES, pullSacct, UsageWindowError } from './import-sacct.ts';
import { storeUsageSummaryIn } from './store-usage.ts';
import { coveredDays } from '@stagegate/core/usage/covered-days';

/**
 * Usage imports from the browser as durable jobs: a preview job reads the file (or pulls sacct) and
 * says, task by task, what the covered days would hold; a commit job, asked for with that preview's
 * id, reads the same bytes again and stores them — once, and only if the stored days did not change
 * in between. A pull from the cluster is kept in the blob store as the preview takes it, so the
 * commit stores what the office saw, not a later sacct answer with more jobs in it. Any worker
 * process runs either, since uploads and pulls live in the shared blob store.
 */
export const USAGE_IMPORT = 'usage.import';

export type UsageImportSource = { kind: 'upload'; sha256: string; fileName: string } | { kind: 'slurm' };

interface ImportPayload {
  mode: 'preview' | 'commit';
  source: UsageImportSource;
  /** Unix seconds; null: the file's own days */
  start: number | null;
  end: number | null;
  previewJobId?: string;
  /** the covered days' stored rows when previewed, so a commit over changed days is refused */
  storedFingerprint?: string;
  /** a commit of a pull: the sacct answer its preview took, kept in the blob store */
  pulled?: PulledDump;
}

/** A sacct answer a preview pulled: where its bytes are kept and when sacct gave it. */
interface PulledDump {
  sha256: string;
  takenAt: number;
  label: string;
}

/** At most this many accounts without a task are listed (all are counted). */
const UNMAPPED_LISTED = 200;

type Requested = { ok: true; job: JobRow } | { ok: false; status: 404 | 409 | 422; issues: FieldIssue[] };

const refuse = (status: 404 | 409 | 422, field: string, ko: string, en: string): Requested => ({ ok: false, status, issues: [{ field, message: { ko, en } }] });

/** Queues a preview of importing an uploaded file or the cluster's sacct for a whole-day window. */
export async function requestUsagePreview(
  ctx: AppContext,
  actor: Actor,
  input: { source: UsageImportSource; start: number | null; end: number | null },
): Promise<Requested> {
  const window = { start: input.start ?? -Infinity, end: input.end ?? Infinity };
  try {
    checkWholeDays(window);
  } catch (e) {
    if (e instanceof UsageWindowError)
      return refuse(422, e.field, '기간은 서울 기준 자정에 시작하고 끝나는 날짜로 주세요(시작일과 종료일 모두).', e.message.replaceAll('--', ''));
    throw e;
  }
  if (input.source.kind === 'slurm') {
    if (input.start === null) return refuse(422, 'start', '클러스터에서 가져오려면 기간을 정해 주세요.', 'give the days to pull from the cluster');
    if (ctx.config.slurm.emulator)
      return refuse(
        422,
        'source',
        '이 서버는 연습용 가상 클러스터에 연결되어 있어 작업 기록이 없습니다. sacct --json 파일을 올려 주세요.',
        'this server talks to an emulated cluster, which keeps no job accounting; upload a sacct --json file instead',
      );
  } else {
    if ((await blobStoreFor(ctx).size(input.source.sha256)) === null)
      return refuse(404, 'source', '올린 파일을 찾을 수 없습니다. 다시 올려 주세요.', 'no uploaded file with that SHA-256; upload it again');
  }
  const payload: ImportPayload = { mode: 'preview', source: input.source, start: input.start, end: input.end };
  const job = await ctx.db.transaction(async (tx) => {
    const row = await enqueueJob(tx, { kind: USAGE_IMPORT, payload: { ...payload }, createdBy: actor.id, maxAttempts: 3 });
    await appendAudit(tx, actor, { action: 'usage.import.preview', objectType: 'job', objectId: row.id, after: { ...payload } });
    return row;
  });
  return { ok: true, job };
}

/** Queues the import a finished preview showed: same source, same days, once. */
export async function requestUsageCommit(ctx: AppContext, actor: Actor, previewJobId: string, reason: string | undefined): Promise<Requested> {
  const preview = await getJob(ctx.db, previewJobId);
  const previewPayload = preview?.payload as unknown as ImportPayload | undefined;
  if (!preview || preview.kind !== USAGE_IMPORT || previewPayload?.mode !== 'preview')
    return refuse(404, 'previewJobId', '그런 가져오기 미리 보기가 없습니다.', 'no usage import preview with that id');
  if (preview.status !== 'done')
    return refuse(
      409,
      'previewJobId',
      '미리 보기가 아직 끝나지 않았거나 실패했습니다. 끝난 미리 보기를 확인한 뒤 가져오세요.',
      `the preview is ${preview.status}; commit a preview that has finished`,
    );
  const pulled = preview.result?.pulled as PulledDump | undefined;
  if (previewPayload.source.kind === 'slurm' && !pulled)
    return refuse(
      409,
      'previewJobId',
      '이 미리 보기에는 가져온 기록이 남아 있지 않습니다. 다시 미리 보세요.',
      'this preview kept no copy of what it pulled; preview again',
    );
  const payload: ImportPayload = {
    ...previewPayload,
    mode: 'commit',
    previewJobId,
    storedFingerprint: String(preview.result?.storedFingerprint ?? ''),
    ...(pulled ? { pulled } : {}),
  };
  return ctx.db.transaction(async (tx): Promise<Requested> => {
    // two confirmations of one preview (two tabs, two processes) queue one import
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`usage.import:${previewJobId}`}))`);
    const [twice] = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.kind, USAGE_IMPORT), sql`${jobs.payload}->>'previewJobId' = ${previewJobId}`, inArray(jobs.status, ['queued', 'running', 'done'])))
      .limit(1);
    if (twice) return refuse(409, 'previewJobId', '이 미리 보기는 이미 가져오기로 확정되었습니다.', `this preview was already committed (job ${twice.id})`);
    const job = await enqueueJob(tx, { kind: USAGE_IMPORT, payload: { ...payload }, createdBy: actor.id, maxAttempts: 3 });
    await appendAudit(tx, actor, { action: 'usage.import.request', objectType: 'job', objectId: job.id, reason: reason ?? null, after: { ...payload } });
    return { ok: true, job };
  });
}

/** The stored rows of the covered days, summed per task, and a fingerprint that changes when any of them does. */
async function storedOnDays(db: Db | Tx, days: { firstDay: string; lastDay: string } | null) {
  if (!days) return { rows: [], fingerprint: 'none' };
  const where = and(gte(usageDaily.day, days.firstDay), lte(usageDaily.day, days.lastDay));
  const rows = await db
    .select({
      taskId: usageDaily.taskId,
      gpuSeconds: sql<number>`coalesce(sum(${usageDaily.gpuSeconds}), 0)::float8`,
      count: sql<number>`count(*)::int`,
      maxImport: sql<string | null>`max(${usageDaily.importId}::text)`,
    })
    .from(usageDaily)
    .where(where)
    .groupBy(usageDaily.taskId);
  const fingerprint = rows
    .map((r) => `${r.taskId ?? '-'}:${r.count}:${r.gpuSeconds}:${r.maxImport ?? ''}`)
    .sort()
    .join('|');
  return { rows: rows.map((r) => ({ taskId: r.taskId, gpuSeconds: Number(r.gpuSeconds) })), fingerprint: fingerprint || 'empty' };
}

/** Counts the bytes as the reader takes them, for the progress bar. */
async function* counted(source: AsyncIterable<Uint8Array | string>, total: number, tools: JobTools): AsyncGenerator<Uint8Array | string> {
  let read = 0;
  for await (const chunk of source) {
    if (tools.signal.aborted) throw tools.signal.reason ?? new Error('stopped');
    read += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    tools.progress({ phase: 'reading', bytesRead: read, totalBytes: total });
    yield chunk;
  }
}

async function readSource(
  ctx: AppContext,
  payload: ImportPayload,
  tools: JobTools,
): Promise<{ source: SacctSource; label: string; dumpEnd?: number; pulled?: PulledDump }> {
  const window = { start: payload.start ?? -Infinity, end: payload.end ?? Infinity };
  const store = blobStoreFor(ctx);
  if (payload.source.kind === 'upload') {
    const bytes = await store.open(payload.source.sha256);
    if (!bytes) throw new InputNotVisibleHere(`uploaded file ${payload.source.fileName}`);
    return {
      source: counted(bytes, (await store.size(payload.source.sha256)) ?? 0, tools),
      label: `upload ${payload.source.fileName} (${payload.source.sha256.slice(0, 12)})`,
    };
  }
  if (payload.pulled) {
    const bytes = await store.open(payload.pulled.sha256);
    if (!bytes) throw new InputNotVisibleHere(`the sacct answer the preview pulled (${payload.pulled.sha256.slice(0, 12)})`);
    return { source: counted(bytes, (await store.size(payload.pulled.sha256)) ?? 0, tools), label: payload.pulled.label, dumpEnd: payload.pulled.takenAt };
  }
  tools.progress({ phase: 'pulling' });
  const answer = await pullSacct(ctx.db, window, { binDir: ctx.config.slurm.binDir, prefix: ctx.config.slurm.prefix });
  const kept = await store.put(Readable.from([Buffer.from(answer.text)]), { maxBytes: MAX_SACCT_BYTES, headBytes: 0, inspectHead: () => undefined });
  const pulled = { sha256: kept.sha256, takenAt: answer.takenAt, label: answer.label };
  return { source: counted(chunks(answer.text), kept.sizeBytes, tools), label: answer.label, dumpEnd: answer.takenAt, pulled };
}

async function taskLabels(db: Db, ids: string[]): Promise<Map<string, { key: string; programSlug: string }>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: tasks.id, key: tasks.key, programSlug: tasks.programSlug }).from(tasks).where(inArray(tasks.id, ids));
  return new Map(rows.map((r) => [r.id, { key: r.key, programSlug: r.programSlug }]));
}

async function describeImport(ctx: AppContext, summary: UsageSummary, label: string) {
  const days = coveredDays(summary);
  const accounts = await taskIdsByAccount(ctx.db);
  const stored = await storedOnDays(ctx.db, days);
  const imported = summary.daily.map((d) => ({ taskId: accounts.get(d.account) ?? null, gpuSeconds: d.gpuSeconds }));
  const changes = compareImportedUsage(stored.rows, imported);
  const labels = await taskLabels(
    ctx.db,
    changes.flatMap((c) => (c.taskId ? [c.taskId] : [])),
  );
  const unmapped = [...new Set(summary.daily.map((d) => d.account).filter((a) => !accounts.has(a)))].sort();
  return {
    source: label,
    firstDay: days?.firstDay ?? null,
    lastDay: days?.lastDay ?? null,
    jobsRead: summary.jobsRead,
    rowsToWrite: summary.daily.length,
    changes: changes.map((c) => ({
      ...c,
      task: c.taskId ? (labels.get(c.taskId)?.key ?? null) : null,
      program: c.taskId ? (labels.get(c.taskId)?.programSlug ?? null) : null,
    })),
    unmappedAccounts: unmapped.slice(0, UNMAPPED_LISTED),
    unmappedCount: unmapped.length,
    notCharged: { count: summary.notCharged.count, byReason: summary.notCharged.byReason },
    storedFingerprint: stored.fingerprint,
  };
}

/** Reads the source, then previews or stores it. */
export const usageImportJob: JobHandler = async (ctx, job, tools) => {
  const payload = job.payload as unknown as ImportPayload;
  const window = { start: payload.start ?? -Infinity, end: payload.end ?? Infinity };
  const { source, label, dumpEnd, pulled } = await readSource(ctx, payload, tools);
  const summary = await summarizeSacct(source, window, dumpEnd);
  tools.progress({ phase: 'comparing' });
  const described = await describeImport(ctx, summary, label);
  if (payload.mode === 'preview') return { result: { mode: 'preview', ...described, ...(pulled ? { pulled } : {}) } };
  const actor = job.createdBy ? await getUser(ctx.db, job.createdBy) : null;
  return {
    result: { mode: 'commit', previewJobId: payload.previewJobId ?? null, ...described },
    commit: async (tx) => {
      const now = await storedOnDays(tx, coveredDays(summary));
      if (now.fingerprint !== payload.storedFingerprint)
        throw new Error('the stored usage of these days changed since the preview (another import); preview again');
      const report = await storeUsageSummaryIn(tx, actor, summary, label);
      return { importId: report.importId, rowsWritten: report.rowsWritten, rowsReplaced: report.rowsReplaced };
    },
  };
};
