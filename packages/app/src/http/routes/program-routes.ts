import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getProgram, importProgram, listPrograms, updateProgram, type MutationResult } from '../../programs/program-store.ts';
import { canProgram } from '../../policies/program-policy.ts';
import { ApiError, invalid, notFound } from '../errors.ts';
import type { AppContext } from '../../context.ts';

import { programsContract as c } from '@stagegate/core/contract/programs';
import { programSummary } from '../../programs/program-summary.ts';

/** Maps a store answer to HTTP: 422 invalid, 409 conflict, 200 otherwise. */
export function sendMutation(result: MutationResult) {
  if (result.status === 'invalid') throw invalid(result.issues);
  if (result.status === 'conflict') throw new ApiError(409, 'conflict', result.message, 'expectedRevision');
  return result;
}

export const programRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      c.list.path,
      { config: { authorize: (a) => canProgram(a, 'read') }, schema: { ...c.list.schema, tags: ['programs'], summary: 'List programs with their GPU pools' } },
      async () => {
        const rows = await listPrograms(ctx.db);
        return { programs: rows.map(programSummary) };
      },
    );

    app.get(
      c.get.path,
      { config: { authorize: (a) => canProgram(a, 'read') }, schema: { ...c.get.schema, tags: ['programs'], summary: 'One program, its whole definition' } },
      async (req) => {
        const row = await getProgram(ctx.db, req.params.slug);
        if (!row) throw notFound(`program "${req.params.slug}"`);
        return { slug: row.slug, revision: row.revision, updatedAt: row.updatedAt, definition: row.definition };
      },
    );

    app.put(
      c.update.path,
      {
        config: { authorize: (a) => canProgram(a, 'update') },
        schema: { ...c.update.schema, tags: ['programs'], summary: 'Edit a program: preview returns the diff, commit stores it with an audit row' },
      },
      async (req) => sendMutation(await updateProgram(ctx.db, req.actor!, req.params.slug, req.body.definition, req.body)),
    );

    app.post(
      c.import.path,
      {
        config: { authorize: (a) => canProgram(a, 'import') },
        schema: { ...c.import.schema, tags: ['programs'], summary: 'Import a program definition (idempotent)' },
      },
      async (req) => sendMutation(await importProgram(ctx.db, req.actor, req.body.definition, req.body.mode)),
    );
  };
