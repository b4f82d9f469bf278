/**
 * Bounds every request body is held to before any route sees it (see guards/json-body.ts), and
 * the zod building blocks route schemas use for tighter, field-specific bounds. The generic bounds
 * are generous on purpose: they stop work that grows without limit, the route schemas say what a
 * field may really hold.
 */
export const REQUEST_LIMITS = {
  /** bytes of a JSON or form body (uploads have their own per-route multipart limits) */
  bodyBytes: 2 * 1024 * 1024,
  /** nesting of arrays and objects */
  jsonDepth: 32,
  /** characters of one string */
  stringChars: 200_000,
  /** elements of one array, keys of one object */
  arrayItems: 20_000,
  objectKeys: 10_000,
} as const;
