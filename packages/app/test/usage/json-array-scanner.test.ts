import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonArrayScanner } from '../../src/adapters/sacct/json-array-scanner.ts';
import { SacctFormatError } from '../../src/adapters/sacct/sacct-format-error.ts';

/** Feeds `bytes` cut at the given boundaries; returns elements and the other members seen. */
function scan(bytes: Buffer, cuts: number[], key = 'jobs') {
  const members: Record<string, unknown> = {};
  const scanner = new JsonArrayScanner(key, (k, v) => (members[k] = v));
  const values: unknown[] = [];
  let from = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b).concat(bytes.length)) {
    if (cut < from) continue;
    for (const el of scanner.push(bytes.subarray(from, cut))) values.push(el.value);
    from = cut;
  }
  for (const el of scanner.end()) values.push(el.value);
  return { values, members };
}

const arbJob = fc.record({
  job_id: fc.integer({ min: 1, max: 2 ** 31 }),
  account: fc.string({ unit: 'grapheme' }),
  user: fc.string({ unit: 'binary' }),
  time: fc.record({ elapsed: fc.nat(), start: fc.oneof(fc.nat(), fc.record({ set: fc.boolean(), infinite: fc.boolean(), number: fc.nat() })) }),
  tres: fc.record({
    allocated: fc.array(fc.record({ type: fc.constantFrom('gres', 'cpu', 'mem'), name: fc.constantFrom('gpu', 'gpu:b200', ''), count: fc.nat() })),
  }),
  extra: fc.jsonValue(),
});

describe('streaming the jobs array', () => {
  it('yields exactly what JSON.parse finds, whatever the formatting and chunk boundaries', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(arbJob, fc.jsonValue()), { maxLength: 12 }),
        fc.jsonValue(),
        fc.constantFrom(0, 1, 2, '\t'),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 30 }),
        (jobs, meta, indent, jobsFirst, rawCuts) => {
          const doc = jobsFirst ? { jobs, meta, errors: [] } : { meta, errors: [], jobs };
          const text = JSON.stringify(doc, null, indent);
          const bytes = Buffer.from(text, 'utf8');
          const cuts = rawCuts.map((c) => c % (bytes.length + 1));
          const { values, members } = scan(bytes, cuts);
          const expected = JSON.parse(text);
          expect(values).toEqual(expected.jobs);
          expect(members.meta).toEqual(expected.meta);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('cuts through multi-byte UTF-8 characters and escapes without changing them', () => {
    const jobs = [{ user: '김철수', name: 'a"b\\c\u0001 \ud83d\ude80 모델', account: 'sfm-의료' }];
    const bytes = Buffer.from(JSON.stringify({ jobs }), 'utf8');
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(scan(bytes, [cut]).values).toEqual(jobs);
    }
    // every byte its own chunk
    expect(scan(bytes, [...bytes.keys()]).values).toEqual(jobs);
  });

  it('accepts a UTF-8 byte-order mark and an empty jobs array', () => {
    expect(scan(Buffer.from('\ufeff{"jobs": [], "errors": []}', 'utf8'), [1, 2]).values).toEqual([]);
  });
});

function errorOf(text: string, cuts: number[] = []): SacctFormatError {
  try {
    scan(Buffer.from(text, 'utf8'), cuts);
  } catch (e) {
    if (e instanceof SacctFormatError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('malformed input', () => {
  it('names the line, column and field of a syntax error inside a job, at any chunking', () => {
    const text = '{\n  "jobs": [\n    {"job_id": 1},\n    {"job_id": 2, "time": {"elapsed": 12 "end": 3}}\n  ]\n}';
    for (const cuts of [[], [20], [40, 41, 42], [50]]) {
      const e = errorOf(text, cuts);
      // line 4 is `    {"job_id": 2, "time": {"elapsed": 12 "end": 3}}`: "end" is its 42nd character
      expect(e.position).toEqual({ line: 4, column: 42, offset: text.indexOf('"end"') });
      expect(e.field).toBe('jobs[1].time');
      expect(e.message).toMatch(/^line 4, column 42 \(byte 74\): jobs\[1\]\.time: expected ',' or '}'/);
    }
  });

  it('counts byte offsets, not characters, after Korean text', () => {
    const text = '{"jobs": [{"user": "김"}, {"user": x}]}';
    const e = errorOf(text);
    expect(e.position!.offset).toBe(Buffer.byteLength(text.slice(0, text.indexOf('x'))));
    expect(e.field).toBe('jobs[1].user');
  });

  it('reports a truncated file as an unexpected end inside the job being read', () => {
    const text = '{"jobs": [{"job_id": 1}, {"job_id": 2, "time": {';
    const e = errorOf(text, [10]);
    expect(e.reason).toBe('unexpected end of input');
    expect(e.field).toBe('jobs[1]');
    expect(e.position!.offset).toBe(Buffer.byteLength(text));
  });

  it('rejects a document that is not an object, lacks jobs, or has jobs that is not an array', () => {
    expect(errorOf('[1, 2]').message).toContain('expected a JSON object');
    expect(errorOf('{"meta": {}}').message).toContain('missing the "jobs" array');
    expect(errorOf('{"jobs": {"a": 1}}').message).toMatch(/line 1, column 10 .*jobs: expected an array/);
    expect(errorOf('{"jobs": [1,]}').message).toContain("jobs[1]: expected a value after ','");
    expect(errorOf('{"jobs": []} x').message).toContain('unexpected data after the end');
  });
});
