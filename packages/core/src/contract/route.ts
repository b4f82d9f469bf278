import { z } from 'zod';

/**
 * One API route as both sides see it: its method and path, and zod schemas for what it takes
 * (params, querystring, body) and what it answers per status. The app registers the route with
 * these schemas (requests validated, responses checked and serialised, OpenAPI from them); the web
 * infers its types and calls from the same entry, so a change here breaks whichever side disagrees.
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** A response that is a file (zip, PDF, Excel, text), described by its media type only. */
export interface FileResponse {
  description: string;
  content: Record<string, { schema: z.ZodType }>;
}

export interface RouteSchema {
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  response: Record<number, z.ZodType | FileResponse>;
}

export interface RouteContract<M extends Method = Method, P extends string = string, S extends RouteSchema = RouteSchema> {
  method: M;
  path: P;
  schema: S;
}

export function route<const M extends Method, const P extends string, const S extends RouteSchema>(method: M, path: P, schema: S): RouteContract<M, P, S> {
  return { method, path, schema };
}

/** A file answer of the given media types (the bytes are not described further). */
export function file(description: string, ...mediaTypes: string[]): FileResponse {
  const schema = z.string().meta({ format: 'binary' });
  return { description, content: Object.fromEntries(mediaTypes.map((t) => [t, { schema }])) };
}

/** What JSON.stringify makes of a value on the server: dates become ISO strings, undefined fields vanish. */
export type Jsonify<T> = T extends Date
  ? string
  : T extends string | number | boolean | null
    ? T
    : T extends readonly unknown[]
      ? { -readonly [K in keyof T]: Jsonify<T[K]> } // a tuple (an interval's [low, high]) stays a tuple
      : T extends object
        ? Flat<
            { [K in keyof T as MayBeAbsent<T[K]> extends true ? never : K]: Jsonify<T[K]> } & {
              [K in keyof T as MayBeAbsent<T[K]> extends true ? K : never]?: Jsonify<Exclude<T[K], undefined>>;
            }
          >
        : T;
type Flat<T> = { [K in keyof T]: T[K] };
/** an optional field; `unknown` (any JSON) stays as it is */
type MayBeAbsent<V> = unknown extends V ? false : undefined extends V ? true : false;

type SchemaOf<C extends RouteContract> = C extends RouteContract<Method, string, infer S> ? S : never;

/** The JSON body a client receives from the route with status S (200 unless said). */
export type ResponseOf<C extends RouteContract, S extends number = 200> = SchemaOf<C>['response'] extends { [K in S]: infer R extends z.ZodType }
  ? Jsonify<z.output<R>>
  : never;

/** The body a client sends. */
export type BodyOf<C extends RouteContract> = SchemaOf<C> extends { body: infer B extends z.ZodType } ? z.input<B> : never;

/** The path parameters a client fills in. */
export type ParamsOf<C extends RouteContract> = SchemaOf<C> extends { params: infer P extends z.ZodType } ? z.output<P> : never;

/** The query a client may add: each field as it is written in the URL. */
export type QueryOf<C extends RouteContract> =
  SchemaOf<C> extends { querystring: infer Q extends z.ZodType } ? { [K in keyof z.output<Q>]?: string | number | boolean } : never;

/** What a client passes to call the route: the path parameters, body and query it has. */
export type CallInput<C extends RouteContract> = (SchemaOf<C> extends { params: z.ZodType } ? { params: ParamsOf<C> } : { params?: undefined }) &
  (SchemaOf<C> extends { body: z.ZodType } ? { body: BodyOf<C> } : { body?: undefined }) &
  (SchemaOf<C> extends { querystring: z.ZodType } ? { query?: QueryOf<C> } : { query?: undefined });

/** Schemas several areas of the contract share. */
export const idParam = z.object({ id: z.string().min(1).max(80) });
export const slugParam = z.object({ slug: z.string().min(1).max(80) });
export const uuidParam = z.object({ id: z.uuid() });
/** Text in both languages as the server writes it (no minimum: a stored text is shown as stored). */
export const text = z.object({ ko: z.string(), en: z.string() });
