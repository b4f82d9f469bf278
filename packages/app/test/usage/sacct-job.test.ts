import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allocatedGpus, decodeSacctJob, SacctFieldError } from '../../src/adapters/sacct/sacct-job.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/sacct/${name}`, import.meta.url), 'utf8'));

describe('decoding sacct --json jobs', () => {
  const v22 = fixture('sacct-22.05.json').jobs.map((j: unknown, k: number) => decodeSacctJob(j, `jobs[${k}]`));
  const v24 = fixture('sacct-24.05.json').jobs.map((j: unknown, k: number) => decodeSacctJob(j, `jobs[${k}]`));

  it('reads Slurm 22.05 (dbv0.0.37) and 24.05 (data_parser v0.0.41) output to the same jobs', () => {
    expect(v24).toEqual(v22);
    expect(v22[0]).toEqual({
      jobId: '1001',
      account: 'sfm-med',
      user: 'kim',
      gpus: 16,
      requestedGpus: 16,
      state: 'COMPLETED',
      start: 1772294400,
      end: 1772301600,
      elapsedSeconds: 7200,
    });
  });

  it('marks a running job (end 0) as running and a pending job (start 0) as never started', () => {
    expect(v22[3]).toMatchObject({ jobId: '1004', start: 1772362800, end: null });
    expect(v22[4]).toMatchObject({ jobId: '1005', start: null, end: null, gpus: 0 });
  });

  it('counts gres/gpu once even when gres/gpu:b200 is recorded beside it', () => {
    const both = [
      { type: 'cpu', name: '', id: 1, count: 128 },
      { type: 'gres', name: 'gpu', id: 1001, count: 16 },
      { type: 'gres', name: 'gpu:b200', id: 1002, count: 16 },
    ];
    expect(allocatedGpus(both, 'a')).toBe(16);
  });

  it('falls back to the typed entries when only those were recorded', () => {
    expect(
      allocatedGpus(
        [
          { type: 'gres', name: 'gpu:b200', count: 8 },
          { type: 'gres', name: 'gpu:h100', count: 2 },
        ],
        'a',
      ),
    ).toBe(10);
    expect(v22[6]).toMatchObject({ jobId: '1007', gpus: 2 });
  });

  it('ignores non-GPU generic resources and job steps', () => {
    expect(
      allocatedGpus(
        [
          { type: 'gres', name: 'shard', count: 4 },
          { type: 'license', name: 'gpu', count: 3 },
        ],
        'a',
      ),
    ).toBe(0);
    const withHugeStep = { ...fixture('sacct-22.05.json').jobs[0] };
    withHugeStep.steps = [{ tres: { allocated: [{ type: 'gres', name: 'gpu', count: 999 }] } }];
    expect(decodeSacctJob(withHugeStep, 'jobs[0]').gpus).toBe(16);
  });

  it('reads { set, infinite, number } values and treats an unset one as absent', () => {
    const job = {
      job_id: { set: true, infinite: false, number: 7 },
      account: 'a',
      user: 'u',
      time: {
        start: { set: true, infinite: false, number: 100 },
        end: { set: false, infinite: false, number: 0 },
        elapsed: { set: true, infinite: false, number: 5 },
      },
      tres: { allocated: [{ type: 'gres', name: 'gpu', count: { set: true, infinite: false, number: 4 } }] },
    };
    expect(decodeSacctJob(job, 'jobs[0]')).toEqual({
      jobId: '7',
      account: 'a',
      user: 'u',
      gpus: 4,
      requestedGpus: 0,
      state: null,
      start: 100,
      end: null,
      elapsedSeconds: 5,
    });
  });

  it('17.2 reads every shape from Slurm 21.08 to 24.11 to the same jobs', () => {
    for (const name of ['sacct-21.08.json', 'sacct-23.02.json', 'sacct-23.11.json', 'sacct-24.11.json']) {
      const jobs = fixture(name).jobs.map((j: unknown, k: number) => decodeSacctJob(j, `jobs[${k}]`));
      expect(jobs, name).toEqual(v22);
    }
  });

  it('17.2 reads the state as a string or as an array whose first entry is the base state', () => {
    const states = (name: string) => fixture(name).jobs.map((j: unknown, k: number) => decodeSacctJob(j, `jobs[${k}]`).state);
    expect(states('sacct-21.08.json')).toEqual(['COMPLETED', 'COMPLETED', 'TIMEOUT', 'RUNNING', 'PENDING', 'COMPLETED', 'CANCELLED', 'COMPLETED']);
    expect(states('sacct-24.11.json')).toEqual(states('sacct-21.08.json'));
    expect(fixture('sacct-24.11.json').jobs[6].state.current).toEqual(['CANCELLED', 'REQUEUED']);
  });

  it('17.1 reads a Slurm 22.05 job whose start and end are null (pending, then cancelled)', () => {
    const cancelled = fixture('sacct-22.05-states.json').jobs[1];
    expect(cancelled.time.start).toBeNull();
    expect(decodeSacctJob(cancelled, 'jobs[1]')).toMatchObject({ jobId: '2002', state: 'CANCELLED', start: null, end: null, gpus: 0, requestedGpus: 4 });
  });

  // a job as read from the file, loose enough to be broken on purpose
  type LooseJob = { time?: { elapsed: unknown; start: number; end: unknown }; user: unknown; tres: { allocated: { count: number }[] } };
  it('names the field that has the wrong type', () => {
    const bad = (patch: (j: LooseJob) => void) => {
      const j = structuredClone(fixture('sacct-22.05.json').jobs[2]);
      patch(j);
      try {
        decodeSacctJob(j, 'jobs[12]');
      } catch (e) {
        return (e as SacctFieldError).message;
      }
      return 'no error';
    };
    expect(bad((j) => (j.time!.elapsed = '2h'))).toBe('jobs[12].time.elapsed: expected a number');
    expect(bad((j) => delete j.time)).toBe('jobs[12].time: expected an object');
    expect(bad((j) => (j.user = 17))).toBe('jobs[12].user: expected a string');
    expect(bad((j) => (j.tres.allocated[4].count = -1))).toBe('jobs[12].tres.allocated[4].count: expected a non-negative integer');
    expect(bad((j) => (j.time!.end = j.time!.start - 1))).toBe('jobs[12].time.end: ends before the job started');
  });
});
