import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.ts';
import { REQUEST_LIMITS } from '../input-limits.ts';

type Limits = typeof REQUEST_LIMITS;

const refuse = (field: string, ko: string, en: string) => new ApiError(400, 'invalid_input', `${field}: ${en}`, field, [{ field, message: { ko, en } }]);

/**
 * Deepest nesting of a JSON text, counted in one pass before parsing, so a body of 1 MB of `[`
 * costs a scan, not a parse and a walk. Brackets inside strings do not count.
 */
export function jsonDepth(text: string, stopAbove: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * Checks a parsed body against the generic bounds and names the first offending field the way
 * schema errors do (`body.items.3.name`). Recursion is bounded by the depth check that ran first.
 */
export function checkJsonValue(value: unknown, limits: Limits, path = 'body'): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw refuse(path, '값에 NUL 문자를 쓸 수 없습니다', 'must not contain NUL characters');
    if (value.length > limits.stringChars)
      throw refuse(path, `${limits.stringChars.toLocaleString('ko-KR')}자를 넘을 수 없습니다`, `longer than ${limits.stringChars} characters`);
  } else if (typeof value === 'number') {
    // JSON.parse turns 1e999 into Infinity; beyond 2^53 integers are no longer exact
    if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER)
      throw refuse(path, '숫자가 허용 범위를 벗어났습니다', `number out of range (at most ${Number.MAX_SAFE_INTEGER} in size)`);
  } else if (Array.isArray(value)) {
    if (value.length > limits.arrayItems)
      throw refuse(path, `항목은 ${limits.arrayItems.toLocaleString('ko-KR')}개를 넘을 수 없습니다`, `more than ${limits.arrayItems} items`);
    for (let i = 0; i < value.length; i++) checkJsonValue(value[i], limits, `${path}.${i}`);
  } else if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length > limits.objectKeys)
      throw refuse(path, `항목은 ${limits.objectKeys.toLocaleString('ko-KR')}개를 넘을 수 없습니다`, `more than ${limits.objectKeys} keys`);
    for (const k of keys) {
      const at = `${path}.${k.split('\u0000').join('\\0')}`;
      if (k.includes('\u0000')) throw refuse(at, '이름에 NUL 문자를 쓸 수 없습니다', 'key must not contain NUL characters');
      if (k.length > 1000) throw refuse(path, '항목 이름이 너무 깁니다', 'a key is longer than 1000 characters');
      // same rule as fastify's default parser: no prototype poisoning through merged objects
      if (k === '__proto__' || (k === 'constructor' && typeof (value as Record<string, unknown>)[k] === 'object'))
        throw refuse(at, '허용되지 않는 항목 이름입니다', 'key not allowed');
      checkJsonValue((value as Record<string, unknown>)[k], limits, at);
    }
  }
}

/** Parses a JSON body within the bounds; every refusal is a 400 naming the field. */
export function parseBoundedJson(text: string, limits: Limits = REQUEST_LIMITS): unknown {
  if (text.trim() === '') throw refuse('body', '본문이 비어 있습니다', 'the JSON body is empty');
  if (jsonDepth(text, limits.jsonDepth) > limits.jsonDepth)
    throw refuse('body', `${limits.jsonDepth}단계보다 깊게 중첩할 수 없습니다`, `nested deeper than ${limits.jsonDepth} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw refuse('body', 'JSON 형식이 아닙니다', `not valid JSON: ${(e as Error).message}`);
  }
  checkJsonValue(value, limits);
  return value;
}

/** Replaces fastify's JSON parser with the bounded one, for every route and /api/auth alike. */
export function installJsonBodyGuard(app: FastifyInstance, limits: Limits = REQUEST_LIMITS): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: limits.bodyBytes }, (_req, body, done) => {
    try {
      done(null, parseBoundedJson(body as string, limits));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
}
