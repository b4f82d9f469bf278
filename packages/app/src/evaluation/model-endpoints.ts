import { and, asc, eq } from 'drizzle-orm';
import { issue, type FieldIssue } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { modelEndpoints } from '../db/schema/index.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import type { OutboundPolicy } from '../adapters/openai-endpoint/outbound.ts';

export type ModelEndpoint = typeof modelEndpoints.$inferSelect;

/** One spelling per endpoint: origin and path, without trailing slashes or /v1 (the runner adds it). */
export function endpointKey(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.username || u.password || u.search || u.hash) return null;
  return `${u.origin}${u.pathname.replace(/\/+$/, '').replace(/\/v1$/, '')}`;
}

export async function listModelEndpoints(db: Db, programSlug: string): Promise<ModelEndpoint[]> {
  return db.select().from(modelEndpoints).where(eq(modelEndpoints.programSlug, programSlug)).orderBy(asc(modelEndpoints.createdAt));
}

/** The registered endpoint behind a URL a run or a fetch names, as the policy its calls follow; null when not registered. */
export async function outboundPolicyFor(db: Db, programSlug: string, url: string): Promise<OutboundPolicy | null> {
  const key = endpointKey(url);
  if (!key) return null;
  const [row] = await db
    .select()
    .from(modelEndpoints)
    .where(and(eq(modelEndpoints.programSlug, programSlug), eq(modelEndpoints.url, key)));
  return row ? { allowPrivate: row.allowPrivate } : null;
}

export const notRegistered = (field: string) =>
  issue(field, '프로그램 사무국이 등록한 모델 엔드포인트가 아닙니다', 'not a model endpoint the program office registered; ask the office to register it');

export type EndpointChange =
  | { status: 'invalid'; issues: FieldIssue[] }
  | { status: 'preview' | 'committed'; endpoint: Omit<ModelEndpoint, 'id' | 'createdAt' | 'createdBy'> & { id?: string } }
  | { status: 'not_found' };

/** validate → preview → commit: the office adds an endpoint (audited). */
export async function registerModelEndpoint(
  db: Db,
  actor: Actor,
  programSlug: string,
  input: { url: string; label: string; allowPrivate: boolean; mode: 'preview' | 'commit' },
): Promise<EndpointChange> {
  const url = endpointKey(input.url);
  if (!url)
    return {
      status: 'invalid',
      issues: [issue('url', 'http(s) 주소만 등록할 수 있습니다 (계정 정보·쿼리 없이)', 'expected an http(s) URL without credentials, query or fragment')],
    };
  const endpoint = { programSlug, url, label: input.label.trim(), allowPrivate: input.allowPrivate };
  if ((await listModelEndpoints(db, programSlug)).some((e) => e.url === url))
    return { status: 'invalid', issues: [issue('url', '이미 등록된 엔드포인트입니다', 'this endpoint is already registered')] };
  if (input.mode === 'preview') return { status: 'preview', endpoint };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(modelEndpoints)
      .values({ ...endpoint, createdBy: actor.id })
      .returning();
    await appendAudit(tx, actor, { action: 'evaluation.endpoint.register', objectType: 'model-endpoint', objectId: row!.id, after: endpoint });
    return { status: 'committed', endpoint: row! };
  });
}

/** validate → preview → commit: the office removes an endpoint; runs already queued for it stop at their next start. */
export async function removeModelEndpoint(db: Db, actor: Actor, id: string, mode: 'preview' | 'commit'): Promise<EndpointChange> {
  const [row] = await db.select().from(modelEndpoints).where(eq(modelEndpoints.id, id));
  if (!row) return { status: 'not_found' };
  if (mode === 'preview') return { status: 'preview', endpoint: row };
  return db.transaction(async (tx) => {
    await tx.delete(modelEndpoints).where(eq(modelEndpoints.id, id));
    await appendAudit(tx, actor, {
      action: 'evaluation.endpoint.remove',
      objectType: 'model-endpoint',
      objectId: id,
      before: { programSlug: row.programSlug, url: row.url, label: row.label, allowPrivate: row.allowPrivate },
    });
    return { status: 'committed', endpoint: row };
  });
}
