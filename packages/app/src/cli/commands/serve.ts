import type { CliCommand } from '../command.ts';
import { parseFlags } from '../args.ts';
import { loadConfig } from '../../config.ts';
import { createContext } from '../../context.ts';
import { DataDirLockedError, lockDataDir } from '../../db/data-dir-lock.ts';
import { CliError } from '../command.ts';
import { buildServer } from '../../http/server.ts';
import { seed } from '../../seed/seed.ts';
import { startWorker } from '../../jobs/worker.ts';
import { startMailer } from '../../notifications/mailer.ts';
import { startReminderSweep } from '../../notifications/reminder-sweep.ts';

export const command: CliCommand = {
  usage: `stagegate serve [--port N]

Starts Stagegate at http://localhost:$PORT (default 3000) on the embedded PGlite database in
$STAGEGATE_DATA (default ./.stagegate), or on PostgreSQL when DATABASE_URL is set. The database is
migrated and the program seeds loaded on every start (idempotent); demo accounts unless STAGEGATE_DEMO=0.
With STAGEGATE_SMTP_URL (smtp://host:port) queued mail is sent from STAGEGATE_MAIL_FROM; without
it, mail waits in the outbox.`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { port: { type: 'string' } });
    const config = loadConfig(values.port ? { ...process.env, PORT: values.port } : process.env);
    const unlock = config.databaseUrl
      ? undefined
      : await lockDataDir(config.dataDir, 'stagegate serve').catch((e: Error) => {
          throw e instanceof DataDirLockedError ? new CliError(e.message) : e;
        });
    const ctx = await createContext(config);
    const report = await ctx.database.exclusive(() => seed(ctx, { demo: config.demo })); // two processes starting at once
    const { app } = await buildServer(ctx);
    await app.listen({ port: config.port, host: config.host });
    const worker = startWorker(ctx); // durable jobs (provenance comparisons, suite runs)
    // without a mail server, mail waits in the outbox (the office sees it at /outbox)
    const mailer = config.smtpUrl
      ? startMailer(ctx.db, {
          transport: (await import('../../adapters/smtp/smtp-transport.ts')).smtpTransport(config.smtpUrl),
          from: config.mailFrom,
          publicUrl: config.publicUrl,
          onError: (e) => app.log.error(e, 'mailer round failed'),
        })
      : undefined;
    // reminders before a call closes, reviews are due, an appeal window ends (idempotent, any process)
    const reminders = startReminderSweep(ctx.db, { onError: (e) => app.log.error(e, 'reminder sweep failed') });
    io.err(`Stagegate on ${ctx.database.description}; programs: ${report.programs.map((p) => `${p.slug} (${p.status})`).join(', ')}`);
    io.err(`open http://localhost:${config.port}  (API docs: /api/docs)`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await worker.stop();
    await reminders.stop();
    await mailer?.stop();
    await app.close();
    await ctx.close();
    await unlock?.();
    return 0;
  },
};
