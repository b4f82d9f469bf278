import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { issue, type FieldIssue } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { ImportError } from '../adapters/import-error.ts';
import { loadSuite } from '../adapters/openai-endpoint/suite.ts';
import { enqueueJob } from '../jobs/job-queue.ts';
import { notRegistered, outboundPolicyFor } from './model-endpoints.ts';
import { getSuite } from './catalog.ts';
import { SUITE_RUN, type SuiteRunPayload } from './suite-run-job.ts';
import type { TaskRow } from '../tasks/task-membership.ts';

export interface SuiteRunRequest {
  suite: string;
  endpoint: string;
  model: string;
  suiteFile: string;
  concurrency?: number;
  mode: 'preview' | 'commit';
}

export type SuiteRunStart =
  | { status: 'invalid'; issues: FieldIssue[] }
  | { status: 'preview'; tasks: { name: string; kind: string }[]; suiteFile: string }
  | { status: 'committed'; jobId: string };

/** Checks the request (suite of the program, endpoint URL, SUITE.json inside the suites folder), then queues the run (audited). */
export async function startSuiteRun(db: Db, root: string, actor: Actor, task: TaskRow, req: SuiteRunRequest): Promise<SuiteRunStart> {
  const issues: FieldIssue[] = [];
  if (!(await getSuite(db, task.programSlug, req.suite)))
    issues.push(issue('suite', `"${req.suite}" 평가 묶음이 없습니다`, `the program has no suite "${req.suite}"`));
  let url: URL | null = null;
  try {
    url = new URL(req.endpoint);
  } catch {
    /* reported below */
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    issues.push(issue('endpoint', 'http(s) 주소를 입력하세요', 'expected an http(s) URL of an OpenAI-compatible server'));
  else if (!(await outboundPolicyFor(db, task.programSlug, req.endpoint))) issues.push(notRegistered('endpoint'));
  if (!req.model.trim()) issues.push(issue('model', '모델 이름을 입력하세요', 'enter the model name the endpoint serves'));
  let suiteFile = '';
  let tasks: { name: string; kind: string }[] = [];
  try {
    const rootReal = await realpath(root).catch(() => resolve(root));
    const full = resolve(rootReal, req.suiteFile);
    const real = await realpath(full);
    if (isAbsolute(req.suiteFile) || !real.startsWith(rootReal + sep))
      issues.push(issue('suiteFile', '평가 묶음 폴더 밖의 파일입니다', 'the suite file must be inside the suites folder, given relative to it'));
    else {
      suiteFile = relative(rootReal, real).split(sep).join('/');
      const suite = await loadSuite(real);
      tasks = suite.tasks.map((t) => ({ name: t.name, kind: t.kind }));
    }
  } catch (e) {
    if (e instanceof ImportError) issues.push(issue('suiteFile', `평가 묶음 파일 오류: ${e.message}`, e.message));
    else issues.push(issue('suiteFile', `"${req.suiteFile}" 파일이 없습니다`, `"${req.suiteFile}" does not exist in the suites folder`));
  }
  if (issues.length) return { status: 'invalid', issues };
  if (req.mode === 'preview') return { status: 'preview', tasks, suiteFile };
  return db.transaction(async (tx) => {
    const payload: SuiteRunPayload = {
      taskId: task.id,
      suite: req.suite,
      endpoint: req.endpoint,
      model: req.model.trim(),
      suiteFile,
      concurrency: req.concurrency ?? 8,
    };
    const job = await enqueueJob(tx, { kind: SUITE_RUN, payload: { ...payload }, createdBy: actor.id, maxAttempts: 3 });
    await appendAudit(tx, actor, { action: 'evaluation.suite-run.start', objectType: 'task', objectId: task.id, after: { jobId: job.id, ...payload } });
    return { status: 'committed', jobId: job.id };
  });
}
