import { findJsonSyntaxError } from './json-syntax-error.ts';
import { SacctFormatError } from './sacct-format-error.ts';

/** One element of the watched array, parsed, with where it began in the input. */
export interface ArrayElement {
  index: number;
  value: unknown;
  offset: number;
  line: number;
  column: number;
}

const enum S {
  Start,
  KeyOrEnd,
  Key,
  Colon,
  Value,
  AfterValue,
  ElemFirst,
  ElemNext,
  ElemValue,
  Done,
  Capture,
}
const enum Cap {
  Container,
  String,
  Scalar,
}
const enum Role {
  Key,
  Other,
  Element,
}

const BOM = [0xef, 0xbb, 0xbf];
const isWs = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * An incremental reader of a JSON document `{ ..., "<key>": [ e0, e1, ... ], ... }` that hands out
 * each element of the one array as soon as its last byte has arrived, so memory holds one chunk and
 * one element, whatever the document's size.
 *
 * It only finds where each value starts and ends (depth, strings, escapes) over raw bytes — UTF-8
 * multi-byte sequences never contain ASCII, so structure can be found without decoding — and lets
 * JSON.parse build each element. When JSON.parse refuses one, a slower validator says exactly
 * where and in which field. Other top-level members (sacct's `meta`, `errors`) are parsed whole
 * and handed to `onMember`; they are small.
 */
export class JsonArrayScanner {
  private state = S.Start;
  private afterCapture = S.Done;
  private role = Role.Other;
  private capKind = Cap.Container;
  private depth = 0;
  private inString = false;
  private escape = false;
  private parts: Uint8Array[] = [];
  private capStart = 0; // index in the current chunk
  private capOffset = 0; // absolute byte offset of the capture's first byte
  private capLine = 1;
  private capColumn = 1;
  private key = '';
  private seenKey = false;
  private index = 0;
  private bomSeen = 0;

  // position bookkeeping: absolute offset of the current chunk, and a cursor counting newlines
  private chunkOffset = 0;
  private chunk: Buffer = Buffer.alloc(0);
  /** index of the next backslash at or after the scan point in this chunk, -2 when none is left */
  private nextBackslash = -1;
  private cursor = 0;
  private line = 1;
  private lineStart = 0; // absolute offset of the first byte of `line`

  constructor(
    private readonly arrayKey: string,
    private readonly onMember: (key: string, value: unknown) => void = () => {},
  ) {}

  /** Feeds the next bytes; returns the elements completed by them, in order. */
  push(input: Uint8Array | string): ArrayElement[] {
    // Buffer, not a plain Uint8Array: its indexOf is a native memchr
    const buf =
      typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    this.nextBackslash = -1;
    this.chunk = buf;
    this.cursor = 0;
    if (this.state === S.Capture) this.capStart = 0; // a value begun in an earlier chunk continues here
    const out: ArrayElement[] = [];
    const n = buf.length;
    let i = 0;
    while (i < n) {
      const b = buf[i]!;
      switch (this.state) {
        case S.Capture: {
          i = this.scanCapture(buf, i, out);
          continue;
        }
        case S.Start:
          if (isWs(b)) break;
          if (this.chunkOffset + i === this.bomSeen && b === BOM[this.bomSeen]) {
            // a UTF-8 byte-order mark, possibly split over chunks; columns on line 1 start after it
            this.bomSeen++;
            this.lineStart = this.bomSeen;
            break;
          }
          if (b !== 0x7b) this.fail(i, 'expected a JSON object (sacct --json output starts with "{")');
          this.state = S.KeyOrEnd;
          break;
        case S.KeyOrEnd:
        case S.Key:
          if (isWs(b)) break;
          if (b === 0x7d && this.state === S.KeyOrEnd) {
            this.state = S.Done;
            break;
          }
          if (b !== 0x22) this.fail(i, `expected a property name, found ${show(b)}`);
          this.beginCapture(i, Role.Key, S.Colon);
          continue;
        case S.Colon:
          if (isWs(b)) break;
          if (b !== 0x3a) this.fail(i, `expected ':' after the property name, found ${show(b)}`, this.key);
          this.state = S.Value;
          break;
        case S.Value:
          if (isWs(b)) break;
          if (this.key === this.arrayKey) {
            if (this.seenKey) this.fail(i, 'appears twice', this.key);
            this.seenKey = true;
            if (b !== 0x5b) this.fail(i, `expected an array, found ${show(b)}`, this.key);
            this.state = S.ElemFirst;
            break;
          }
          this.beginCapture(i, Role.Other, S.AfterValue);
          continue;
        case S.AfterValue:
          if (isWs(b)) break;
          if (b === 0x2c) this.state = S.Key;
          else if (b === 0x7d) this.state = S.Done;
          else this.fail(i, `expected ',' or '}' after a property, found ${show(b)}`);
          break;
        case S.ElemFirst:
          if (isWs(b)) break;
          if (b === 0x5d) {
            this.state = S.AfterValue;
            break;
          }
          this.beginCapture(i, Role.Element, S.ElemNext);
          continue;
        case S.ElemNext:
          if (isWs(b)) break;
          if (b === 0x2c) this.state = S.ElemValue;
          else if (b === 0x5d) this.state = S.AfterValue;
          else this.fail(i, `expected ',' or ']' after an element, found ${show(b)}`, `${this.arrayKey}[${this.index - 1}]`);
          break;
        case S.ElemValue:
          if (isWs(b)) break;
          if (b === 0x5d) this.fail(i, "expected a value after ','", `${this.arrayKey}[${this.index}]`);
          this.beginCapture(i, Role.Element, S.ElemNext);
          continue;
        case S.Done:
          if (isWs(b)) break;
          this.fail(i, `unexpected data after the end of the document: ${show(b)}`);
      }
      i++;
    }
    if (this.state === S.Capture) this.parts.push(buf.subarray(this.capStart));
    this.advanceLines(n);
    this.chunkOffset += n;
    this.chunk = Buffer.alloc(0);
    this.cursor = 0;
    return out;
  }

  /** Declares the input complete; throws if the document is unfinished or lacks the array. */
  end(): ArrayElement[] {
    const out: ArrayElement[] = [];
    if (this.state === S.Capture && this.capKind === Cap.Scalar) {
      // a number at the very end of the input ends there
      this.finishCapture(this.chunk, 0, out);
    }
    if (this.state !== S.Done) {
      const where = this.state === S.Capture && this.role === Role.Element ? `${this.arrayKey}[${this.index}]` : undefined;
      throw new SacctFormatError('unexpected end of input', where, {
        offset: this.chunkOffset,
        line: this.line,
        column: this.chunkOffset - this.lineStart + 1,
      });
    }
    if (!this.seenKey) throw new SacctFormatError(`missing the "${this.arrayKey}" array`, undefined, undefined);
    return out;
  }

  private beginCapture(i: number, role: Role, after: S) {
    const b = this.chunk[i]!;
    this.state = S.Capture;
    this.role = role;
    this.afterCapture = after;
    this.capStart = i;
    this.capOffset = this.chunkOffset + i;
    this.advanceLines(i);
    this.capLine = this.line;
    this.capColumn = this.capOffset - this.lineStart + 1;
    this.parts.length = 0;
    this.escape = false;
    if (b === 0x7b || b === 0x5b) {
      this.capKind = Cap.Container;
      this.depth = 0;
      this.inString = false;
    } else if (b === 0x22) {
      this.capKind = Cap.String;
      this.depth = 0;
      this.inString = false;
    } else {
      this.capKind = Cap.Scalar;
    }
  }

  /** Scans capture bytes from i; returns the index to continue from. */
  private scanCapture(buf: Buffer, i: number, out: ArrayElement[]): number {
    const n = buf.length;
    if (this.capKind === Cap.Scalar) {
      while (i < n) {
        const b = buf[i]!;
        if (isWs(b) || b === 0x2c || b === 0x5d || b === 0x7d) {
          this.finishCapture(buf, i, out);
          return i;
        }
        i++;
      }
      return i;
    }
    let depth = this.depth;
    let inString = this.inString;
    let escape = this.escape;
    const stringOnly = this.capKind === Cap.String;
    while (i < n) {
      if (inString) {
        if (escape) {
          escape = false;
          i++;
          continue;
        }
        // jump to the closing quote unless a backslash comes first (most strings have none)
        const quote = buf.indexOf(0x22, i);
        if (this.nextBackslash !== -2 && this.nextBackslash < i) {
          const bs = buf.indexOf(0x5c, i);
          this.nextBackslash = bs === -1 ? -2 : bs;
        }
        const bs = this.nextBackslash;
        if (bs >= 0 && (quote === -1 || bs < quote)) {
          i = bs + 1;
          escape = true;
          continue;
        }
        if (quote === -1) {
          i = n;
          break;
        }
        i = quote + 1;
        inString = false;
        if (stringOnly) {
          this.finishCapture(buf, i, out);
          return i;
        }
        continue;
      }
      const b = buf[i]!;
      i++;
      if (b === 0x22) inString = true;
      else if (b === 0x7b || b === 0x5b) depth++;
      else if (b === 0x7d || b === 0x5d) {
        if (--depth === 0) {
          this.finishCapture(buf, i, out);
          return i;
        }
      }
    }
    this.depth = depth;
    this.inString = inString;
    this.escape = escape;
    return i;
  }

  /** The captured value ends just before index `end` of `buf`. */
  private finishCapture(buf: Uint8Array, end: number, out: ArrayElement[]) {
    const tail = buf.subarray(this.capStart, end);
    const bytes = this.parts.length === 0 ? tail : Buffer.concat([...this.parts, tail]);
    this.parts.length = 0;
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    const path = this.role === Role.Element ? `${this.arrayKey}[${this.index}]` : this.role === Role.Other ? this.key : '';
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw this.locateSyntaxError(text, path, e as Error);
    }
    this.state = this.afterCapture;
    if (this.role === Role.Key) {
      this.key = value as string;
    } else if (this.role === Role.Other) {
      this.onMember(this.key, value);
    } else {
      out.push({ index: this.index, value, offset: this.capOffset, line: this.capLine, column: this.capColumn });
      this.index++;
    }
  }

  private locateSyntaxError(text: string, path: string, parseError: Error): SacctFormatError {
    const problem = findJsonSyntaxError(text, path);
    if (!problem) return new SacctFormatError(parseError.message, path || undefined, { offset: this.capOffset, line: this.capLine, column: this.capColumn });
    const before = text.slice(0, problem.index);
    const newlines = before.split('\n').length - 1;
    const offset = this.capOffset + Buffer.byteLength(before, 'utf8');
    const lastNl = before.lastIndexOf('\n');
    const column = newlines === 0 ? this.capColumn + Buffer.byteLength(before, 'utf8') : Buffer.byteLength(before.slice(lastNl + 1), 'utf8') + 1;
    return new SacctFormatError(problem.reason, problem.path || undefined, { offset, line: this.capLine + newlines, column });
  }

  /** Counts newlines of the current chunk up to (not including) index `to`. */
  private advanceLines(to: number) {
    const buf = this.chunk;
    let nl = this.cursor;
    while (nl < to) {
      const at = buf.indexOf(0x0a, nl);
      if (at === -1 || at >= to) break;
      this.line++;
      this.lineStart = this.chunkOffset + at + 1;
      nl = at + 1;
    }
    this.cursor = to;
  }

  private fail(i: number, reason: string, field?: string): never {
    this.advanceLines(i);
    const offset = this.chunkOffset + i;
    throw new SacctFormatError(reason, field, { offset, line: this.line, column: offset - this.lineStart + 1 });
  }
}

function show(b: number): string {
  return b >= 0x20 && b < 0x7f ? JSON.stringify(String.fromCharCode(b)) : `byte 0x${b.toString(16).padStart(2, '0')}`;
}
