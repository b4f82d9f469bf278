import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { FieldIssue } from '@stagegate/core/shared/localized';

/** The one error shape of the API: `{ error: { code, message, field?, issues? } }`. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const forbidden = () => new ApiError(403, 'forbidden', 'you are not allowed to do this');
export const unauthenticated = () => new ApiError(401, 'unauthenticated', 'sign in first');

/** Refusal of a domain validation: 422 with every field issue (ko/en); the message names the first field. */
export function invalid(issues: FieldIssue[]): ApiError {
  const first = issues[0];
  return new ApiError(422, 'invalid', first ? `${first.field}: ${first.message.en}` : 'invalid input', first?.field, issues);
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
    if (err instanceof ApiError) {
      return reply.status(err.statusCode).send({ error: { code: err.code, message: err.message, field: err.field, issues: err.issues } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues: FieldIssue[] = err.validation.map((v) => {
        const field = [err.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.');
        return { field, message: { ko: `잘못된 값: ${v.message}`, en: v.message ?? 'invalid' } };
      });
      const first = issues[0]!;
      return reply.status(400).send({ error: { code: 'invalid_input', message: `${first.field}: ${first.message.en}`, field: first.field, issues } });
    }
    if (err.statusCode && err.statusCode < 500) {
      // fastify's own 4xx (malformed JSON, body too large, unsupported media type)
      return reply.status(err.statusCode).send({ error: { code: err.code ?? 'bad_request', message: err.message } });
    }
    const pgCode = databaseErrorCode(err);
    if (pgCode?.startsWith('22')) {
      // a data exception (number out of range, NUL, bad encoding) that a schema let through: the
      // input was bad, not the server; the stack stays in the log
      req.log.warn({ err }, 'value refused by the database');
      return reply.status(400).send({ error: { code: 'invalid_input', message: 'a value is out of range or cannot be stored' } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: 'internal error' } });
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } }));
}

/** The SQLSTATE of a PostgreSQL/PGlite error, also when an ORM wrapped it (`cause`). */
function databaseErrorCode(err: unknown): string | undefined {
  for (let e: unknown = err, i = 0; e && typeof e === 'object' && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}
