// The peer for the surge: a bare Fastify + pg handler doing the serialised part of a submission —
// the per-call counter upsert, one insert, commit — with node-postgres's default pool of 10.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query('create table if not exists bench_counter (k text primary key, last int not null)');
await pool.query('create table if not exists bench_receipt (no int primary key, payload jsonb)');
const app = Fastify({ logger: false });
app.post('/submit', async (req) => {
  const c = await pool.connect();
  try {
    await c.query('begin');
    const { rows } = await c.query("insert into bench_counter values ('c', 1) on conflict (k) do update set last = bench_counter.last + 1 returning last");
    await c.query('insert into bench_receipt values ($1, $2)', [rows[0].last, req.body]);
    await c.query('commit');
    return { receiptNo: rows[0].last };
  } catch (e) {
    await c.query('rollback');
    throw e;
  } finally {
    c.release();
  }
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write('ready\n');
