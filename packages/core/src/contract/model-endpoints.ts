import { z } from 'zod';
import { route, slugParam, uuidParam } from './route.ts';

const mode = z.enum(['preview', 'commit']);
/** A string with a length cap; NUL is refused before it reaches the database. */
const boundedText = (max: number, min = 0) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');

/** A registered endpoint; a preview of a new one has no id, author or date yet. */
const endpoint = z.object({
  id: z.string().optional(),
  programSlug: z.string(),
  /** origin and path, without trailing slashes or /v1 */
  url: z.string(),
  label: z.string(),
  allowPrivate: z.boolean(),
  createdBy: z.string().nullable().optional(),
  createdAt: z.date().optional(),
});
const endpointChange = z.object({ status: z.enum(['preview', 'committed']), endpoint });

/** The office's registry of model endpoints: the only places the server sends evaluation requests. */
export const modelEndpointsContract = {
  list: route('GET', '/api/v1/programs/:slug/model-endpoints', {
    params: slugParam,
    response: { 200: z.object({ endpoints: z.array(endpoint.required({ id: true, createdBy: true, createdAt: true })) }) },
  }),
  register: route('POST', '/api/v1/programs/:slug/model-endpoints', {
    params: slugParam,
    body: z.object({ url: boundedText(2000, 1), label: boundedText(200, 1), allowPrivate: z.boolean().default(false), mode }),
    response: { 200: endpointChange, 201: endpointChange },
  }),
  remove: route('DELETE', '/api/v1/model-endpoints/:id', {
    params: uuidParam,
    body: z.object({ mode }),
    response: { 200: endpointChange },
  }),
};
