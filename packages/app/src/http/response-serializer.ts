import { isDeepStrictEqual } from 'node:util';
import type { FastifySerializerCompiler } from 'fastify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { $ZodType, safeEncode } from 'zod/v4/core';

type ResponseSchema = $ZodType | { properties: $ZodType };

const zodSchemaOf = (s: ResponseSchema): $ZodType => (s instanceof $ZodType ? s : s.properties);

/**
 * Responses are checked against the route's contract schema and written as JSON (a reply that breaks
 * its contract is a 500, never bytes the web cannot read). With `strict` (the tests), a field the
 * route returns but the contract does not name fails too, instead of being dropped silently: the
 * contract must describe everything the route says.
 */
export function responseSerializer(opts: { strict: boolean }): FastifySerializerCompiler<ResponseSchema> {
  return ({ schema, method, url }) => {
    const zodSchema = zodSchemaOf(schema);
    return (data) => {
      const result = safeEncode(zodSchema, data);
      if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
      const json = JSON.stringify(result.data);
      if (opts.strict) {
        const sent = JSON.parse(json) as unknown;
        const returned = JSON.parse(JSON.stringify(data)) as unknown;
        if (!isDeepStrictEqual(sent, returned))
          throw new Error(`${method} ${url}: the response has fields its contract does not name: ${firstDifference(returned, sent)}`);
      }
      return json;
    };
  };
}

function firstDifference(returned: unknown, sent: unknown, path = ''): string {
  if (returned && sent && typeof returned === 'object' && typeof sent === 'object') {
    for (const k of Object.keys(returned)) {
      const a = (returned as Record<string, unknown>)[k];
      const b = (sent as Record<string, unknown>)[k];
      if (!isDeepStrictEqual(a, b)) return firstDifference(a, b, `${path}.${k}`);
    }
  }
  return path || '(root)';
}
