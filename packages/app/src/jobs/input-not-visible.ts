/**
 * Thrown by a job handler when the job's input (a checkpoint, a suite file) is not visible on this
 * worker — a filesystem it does not mount, a file not yet synced. The job is not failed: it goes
 * back to the queue for another worker (job-queue.ts deferJob), and fails only when its attempts
 * are used up.
 */
export class InputNotVisibleHere extends Error {
  constructor(readonly what: string) {
    super(`${what} is not visible on this worker`);
  }
}

/** A missing file (ENOENT) read by a handler, as the deferral it means. */
export function asInputNotVisible(err: unknown, what: string): unknown {
  return (err as NodeJS.ErrnoException)?.code === 'ENOENT' ? new InputNotVisibleHere(what) : err;
}
