import { parseFlags, requireFlag } from '../args.ts';
import { CliError, EXIT, type CliCommand } from '../command.ts';
import { ImportError } from '../../adapters/import-error.ts';
import { runSuite, type RunProgress } from '../../adapters/openai-endpoint/run-suite.ts';
import { loadSuite } from '../../adapters/openai-endpoint/suite.ts';

const usage = `Usage: stagegate eval run --endpoint URL --model NAME --suite SUITE.json --out DIR
         [--concurrency 8] [--timeout 120] [--retries 6]

Runs a suite of benchmark tasks against an OpenAI-compatible endpoint: generative tasks through
/v1/chat/completions (the answer extracted by the task's pattern), multiple choice by
log-likelihood through /v1/completions with echo and logprobs.

SUITE.json: { "name": "...", "tasks": [ { "name", "kind": "generate" | "loglikelihood",
  "dataset": "data.jsonl", "template": "Question: {{question}}\\n{{choices}}", "pattern": "answer is ([A-D])",
  "choiceTemplate": " {{choice}}", "maxTokens": 256 } ] }   (dataset paths relative to SUITE.json;
  each dataset line: { "question": "...", "choices": ["...", ...], "answer": 0 | "text" })

Every answer is appended to DIR/journal.jsonl; run the same command again to resume a stopped run:
only unanswered items are asked. 429 and 5xx answers and timeouts are retried with exponential
back-off (honouring Retry-After). When all items are answered, DIR gets results_<time>.json and
samples_<task>_<time>.jsonl in the lm-evaluation-harness layout (readable by 'eval compare').
The API key, if any, is read from STAGEGATE_EVAL_API_KEY.

Exit: 0 complete, 2 bad input, failed items (listed; run again to retry them) or interrupted.`;

export const command: CliCommand = {
  usage,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      endpoint: { type: 'string' },
      model: { type: 'string' },
      suite: { type: 'string' },
      out: { type: 'string' },
      concurrency: { type: 'string' },
      timeout: { type: 'string' },
      retries: { type: 'string' },
    });
    const endpoint = requireFlag(values.endpoint, 'endpoint');
    if (!/^https?:\/\/[^/]+/.test(endpoint)) throw new CliError(`--endpoint: expected an http(s) URL, got "${endpoint}"`);
    const model = requireFlag(values.model, 'model');
    const suitePath = requireFlag(values.suite, 'suite');
    const outDir = requireFlag(values.out, 'out');
    const concurrency = intFlag(values.concurrency, 'concurrency', 8, 1, 256);
    const timeoutMs = intFlag(values.timeout, 'timeout', 120, 1, 86_400) * 1000;
    const retries = intFlag(values.retries, 'retries', 6, 0, 100);

    let suite;
    try {
      suite = await loadSuite(suitePath);
    } catch (e) {
      if (e instanceof ImportError) throw new CliError(e.message);
      throw e;
    }
    const stop = new AbortController();
    const onSignal = () => {
      io.err('\nstopping: waiting for the requests already sent; run the same command again to resume');
      stop.abort();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const progress = progressPrinter(io);
    try {
      const outcome = await runSuite({
        endpoint,
        model,
        suite,
        outDir,
        concurrency,
        retry: { timeoutMs, retries },
        apiKey: process.env.STAGEGATE_EVAL_API_KEY,
        // the CLI runs on the operator's own machine, against the endpoint they name
        outbound: { allowPrivate: true },
        signal: stop.signal,
        onProgress: progress.update,
      }).catch((e: Error) => {
        throw new CliError(e.message);
      });
      progress.finish();
      if (outcome.status === 'complete') {
        io.out(`${outcome.total} items (${outcome.resumed} from the journal, ${outcome.requested} asked now); results: ${outcome.resultsPath}`);
        return EXIT.ok;
      }
      if (outcome.status === 'stopped') {
        throw new CliError(`stopped after ${outcome.done} of ${outcome.total} items; run the same command again to resume`);
      }
      const shown = outcome.failures.slice(0, 10).map((f) => `  ${f.task} #${f.docId}: ${f.error}`);
      throw new CliError(
        `${outcome.failures.length} item(s) failed (${outcome.done} of ${outcome.total} answered); run the same command again to retry them:\n${shown.join('\n')}`,
      );
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};

/** A bar redrawn in place on a terminal; elsewhere (CI logs, pipes) a line every 10 % or 15 s. */
function progressPrinter(io: { err(t: string): void }) {
  const tty = Boolean(process.stderr.isTTY);
  let lastLine = 0,
    lastShare = -1,
    drawn = false;
  return {
    update(p: RunProgress) {
      const share = p.total ? p.done / p.total : 1;
      if (tty) {
        const width = 30;
        const filled = Math.round(share * width);
        process.stderr.write(
          `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total} ${(share * 100).toFixed(1)} %  failed ${p.failed}  ${p.task.slice(0, 30).padEnd(30)}`,
        );
        drawn = true;
        return;
      }
      const now = Date.now();
      if (Math.floor(share * 10) > Math.floor(lastShare * 10) || now - lastLine > 15_000) {
        io.err(`progress: ${p.done}/${p.total} items (${(share * 100).toFixed(0)} %), ${p.failed} failed`);
        lastLine = now;
        lastShare = share;
      }
    },
    finish() {
      if (drawn) process.stderr.write('\n');
    },
  };
}

function intFlag(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const v = /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(v) || v < min || v > max) throw new CliError(`--${name}: expected a whole number from ${min} to ${max}, got "${raw}"`);
  return v;
}
