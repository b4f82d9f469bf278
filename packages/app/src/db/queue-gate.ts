/**
 * At most `limit` callers at once inside, the rest wait in arrival order. For work that queues
 * behind one database lock anyway (a call's receipt counter, the audit chain's head): a caller
 * waiting here holds no connection and no backend, while one waiting in PostgreSQL holds both and
 * wakes the server for nothing. The database lock stays what makes it correct across processes.
 */
export function queueGate(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let inside = 0;
  const waiting: (() => void)[] = [];
  const leave = () => {
    const next = waiting.shift();
    if (next) next();
    else inside--;
  };
  return async (work) => {
    if (inside < limit) inside++;
    else await new Promise<void>((enter) => waiting.push(enter));
    try {
      return await work();
    } finally {
      leave();
    }
  };
}
