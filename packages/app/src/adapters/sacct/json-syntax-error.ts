/**
 * Finds the first JSON syntax error in a text and the field it sits in. Only called after
 * JSON.parse has already refused the text: V8 does not always say where ("Unexpected token 'x',
 * ... is not valid JSON"), and never in which field. Returns null when the text is valid.
 */
export interface JsonSyntaxProblem {
  /** index into the text (UTF-16 code units) */
  index: number;
  /** dotted/bracketed path of the value being read, relative to the text's root ('' for the root) */
  path: string;
  reason: string;
}

export function findJsonSyntaxError(text: string, rootPath = ''): JsonSyntaxProblem | null {
  let i = 0;
  const fail = (path: string, reason: string): never => {
    throw { index: i, path, reason } satisfies JsonSyntaxProblem;
  };
  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const describe = () => (i >= text.length ? 'unexpected end of input' : `unexpected character ${JSON.stringify(text[i])}`);
  const str = (path: string): string => {
    const begin = i;
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return JSON.parse(text.slice(begin, i)) as string;
      }
      if (c < 0x20) fail(path, 'control character in a string');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i++;
            fail(path, 'bad \\u escape in a string');
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          fail(path, 'bad escape in a string');
        }
      } else i++;
    }
    return fail(path, 'unterminated string');
  };
  const value = (path: string): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(path, `expected a property name, found ${describe().replace('unexpected ', '')}`);
        const key = str(path);
        const child = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
        ws();
        if (text[i] !== ':') fail(child, `expected ':' after the property name, found ${describe().replace('unexpected ', '')}`);
        i++;
        value(child);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(path, `expected ',' or '}' after a property, found ${describe().replace('unexpected ', '')}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let k = 0; ; k++) {
        value(`${path}[${k}]`);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(path, `expected ',' or ']' after an element, found ${describe().replace('unexpected ', '')}`);
      }
    }
    if (c === '"') {
      str(path);
      return;
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m && m[0].length > 0) {
      i += m[0].length;
      return;
    }
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return;
      }
    }
    fail(path, `expected a value, found ${describe().replace('unexpected ', '')}`);
  };
  try {
    value(rootPath);
    ws();
    if (i < text.length) fail(rootPath, `unexpected data after the value: ${describe().replace('unexpected ', '')}`);
    return null;
  } catch (e) {
    if (typeof e === 'object' && e !== null && 'reason' in e) return e as JsonSyntaxProblem;
    throw e;
  }
}
