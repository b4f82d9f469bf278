import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { freshTestDatabase } from '../support/test-context.ts';
import { openDatabase, type Database } from '../../src/db/connect.ts';

// A server meets a burst after a quiet spell (the last minute of a call) with the connections it
// already has: opening them again cost PostgreSQL 20–40 ms of CPU each, half of a surge's CPU.
const serverUrl = process.env.STAGEGATE_TEST_DATABASE_URL;
const QUIET_MS = 11_000; // node-postgres closes a connection idle for 10 s unless told otherwise

describe.skipIf(!serverUrl)('the PostgreSQL pool through a quiet spell', () => {
  const opened: Database[] = [];
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await Promise.all(opened.map((d) => d.close()));
    await drop?.();
  });

  const backendOf = async (database: Database) =>
    ((await database.db.execute(sql`select pg_backend_pid() as pid`)) as unknown as { rows: { pid: number }[] }).rows[0]!.pid;

  it(
    "keeps a server's connection open, and lets a one-shot command's go",
    async () => {
      const fresh = await freshTestDatabase(serverUrl!, 'sg_pool');
      drop = fresh.drop;
      const server = await openDatabase({ url: fresh.url, poolSize: 1 });
      const command = await openDatabase({ url: fresh.url, poolSize: 1, oneShot: true });
      opened.push(server, command);
      const before = { server: await backendOf(server), command: await backendOf(command) };
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
      expect(await backendOf(server)).toBe(before.server);
      expect(await backendOf(command)).not.toBe(before.command);
    },
    QUIET_MS + 30_000,
  );
});
