import type { FieldIssue, LocalizedText } from './localized.ts';

/**
 * The words every state change answers with (validate → preview → commit), so a route maps the same
 * status to the same HTTP answer in every area. An area's result type is a union of the shapes it can
 * give; the spelling is snake_case throughout (`not_found`, not `not-found` or `notFound`).
 *
 * ok → 200 with the payload · valid / preview → 200, nothing written · committed → 200 (or 201),
 * written and audited · unchanged → 200, nothing to write · invalid → 400/422 with field issues ·
 * not_found → 404 · conflict → 409 · refused → 409/422 with a message for people. Area-specific
 * words (`forbidden`, `deadline`, `battle`…) stay in the area's own union beside these.
 */
export type Invalid<I extends FieldIssue = FieldIssue> = { status: 'invalid'; issues: I[] };
/** `what` names the missing thing when one result can miss several (the route says which in its 404). */
export type NotFound<W extends { what?: string } = object> = { status: 'not_found' } & W;
export type Conflict<M extends string | LocalizedText = string> = { status: 'conflict'; message: M };
export type Refused<M extends string | LocalizedText = LocalizedText> = { status: 'refused'; message: M };
export type Unchanged = { status: 'unchanged' };
export type Preview<P = object> = { status: 'preview' } & P;
export type Committed<P = object> = { status: 'committed' } & P;
