import { describe, expect, it } from 'vitest';
import { locateJsonError } from '../src/shared/json-error-position.ts';

describe('locateJsonError', () => {
  it('points at a missing value', () => {
    expect(locateJsonError('{\n  "version": 1,\n  "slug": \n}')).toMatchObject({ line: 4, column: 1, expected: 'a value' });
  });
  it('points at a trailing comma, a truncated file and an unclosed string', () => {
    expect(locateJsonError('[1, 2,]')).toMatchObject({ line: 1, column: 7 });
    expect(locateJsonError('{"a": [1, 2')).toMatchObject({ offset: 11, expected: '"," or "]"' });
    expect(locateJsonError('{"a": "x\n"}')).toMatchObject({ line: 1, column: 9 });
  });
});
