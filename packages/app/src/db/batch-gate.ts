/**
 * Callers that queue behind one database lock anyway (a call's receipt counter, the audit chain's
 * head), taken in batches: at most `limit` batches at once, and each batch takes everyone who
 * arrived while the ones before it ran, up to `maxBatch`, in arrival order. A lone caller goes
 * straight in as a batch of one, so nothing waits for company; under a surge, one transaction
 * serves many callers and its begin, its round trips, its commit and the queue's hand-over are paid
 * once for all of them. Two callers with the same key never share a batch (the second waits for
 * the next): one batch's work on a key must not race with itself. The database locks stay what
 * makes it correct across processes.
 */
export function batchGate<I, R>(
  limit: number,
  maxBatch: number,
  keyOf: (item: I) => string,
  run: (items: I[]) => Promise<PromiseSettledResult<R>[]>,
): (item: I) => Promise<R> {
  interface Waiting {
    item: I;
    settle: (result: PromiseSettledResult<R>) => void;
  }
  const waiting: Waiting[] = [];
  let running = 0;

  const takeBatch = (): Waiting[] => {
    const batch: Waiting[] = [];
    const keys = new Set<string>();
    // skips at most four batches' worth of callers whose key it holds, so a flood of one key costs no more
    for (let i = 0; i < waiting.length && i < 4 * maxBatch && batch.length < maxBatch;) {
      const key = keyOf(waiting[i]!.item);
      if (keys.has(key)) {
        i++;
        continue;
      }
      keys.add(key);
      batch.push(...waiting.splice(i, 1));
    }
    return batch;
  };

  const start = () => {
    while (running < limit && waiting.length) {
      const batch = takeBatch();
      running++;
      void runBatch(batch).finally(() => {
        running--;
        start();
      });
    }
  };

  const runBatch = async (batch: Waiting[]) => {
    let results: PromiseSettledResult<R>[];
    try {
      results = await run(batch.map((w) => w.item));
    } catch (reason) {
      results = batch.map(() => ({ status: 'rejected', reason }));
    }
    batch.forEach((w, i) => w.settle(results[i] ?? { status: 'rejected', reason: new Error('batch gave no result for this caller') }));
  };

  return (item) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, settle: (r) => (r.status === 'fulfilled' ? resolve(r.value) : reject(r.reason)) });
      start();
    });
}
