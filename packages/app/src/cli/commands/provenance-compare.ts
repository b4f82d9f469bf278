import { writeFile } from 'node:fs/promises';
import { nameMappingRule, parseInlineRule, type NameMappingRule } from '@stagegate/core/provenance/name-mapping';
import { z } from 'zod';
import { parseFlags, requireFlag } from '../args.ts';
import { CliError, EXIT, type CliCommand, type CliIO } from '../command.ts';
import { readJsonFile } from '../files.ts';
import { compareCheckpoints, CompareInputError, type CompareProgress } from '../../provenance/compare-checkpoints.ts';
import { renderReportHtml } from '../../provenance/render-html.ts';
import { renderReportText } from '../../provenance/render-text.ts';
import { SafetensorsError } from '../../adapters/safetensors/safetensors-error.ts';

const usage = `Usage: stagegate provenance compare --candidate PATH --reference PATH [--reference PATH …]
                                    [--baseline PATH --baseline PATH …] [--map 'FROM=>TO' …]
                                    [--mappings FILE] [--no-auto-map] [--json] [--out REPORT]
                                    [--lang ko|en] [--quiet]

Compares a submitted checkpoint's weights with known models, tensor by tensor (cosine similarity,
relative L2), grouped by kind and layer, and gives a verdict per component: likely shared,
inconclusive or independent, with the thresholds stated in the report.

PATH is a .safetensors file, or a folder holding one, or shards with model.safetensors.index.json.
Files are streamed: memory stays at a few chunks whatever the model size.

  --candidate PATH      the checkpoint under examination
  --reference PATH      a known model to compare with (repeat for several; with two or more, the
                        references are also compared with each other as the baseline)
  --baseline PATH       models known to be unrelated, compared pairwise for the baseline instead
                        (give at least two)
  --map 'FROM=>TO'      a tensor rename rule between architectures: FROM a regular expression, TO
                        its replacement ($1 …), e.g. 'model\\.layers\\.(\\d+)\\.self_attn\\.q_proj=>transformer.h.$1.attn.q'
                        (repeat; applied in order, in both directions)
  --mappings FILE       the same rules as JSON: [{"from": "…", "to": "…"}, …]
  --no-auto-map         pair by names only, not leftovers by shape and position in the layer order
  --json                print the report as JSON on stdout instead of the summary
  --out REPORT          also write the report: REPORT.html as a self-contained page (Korean and
                        English), any other name as JSON
  --lang ko|en          language of the summary (and of the HTML page, which has both if omitted)
  --quiet               no progress on stderr

Exit codes: 0 no component likely shared, 1 some component likely shared with a reference,
2 unreadable or malformed file (named, with the byte offset) or bad options.`;

export const command: CliCommand = {
  usage,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      candidate: { type: 'string' },
      reference: { type: 'string', multiple: true },
      baseline: { type: 'string', multiple: true },
      map: { type: 'string', multiple: true },
      mappings: { type: 'string' },
      'no-auto-map': { type: 'boolean' },
      json: { type: 'boolean' },
      out: { type: 'string' },
      lang: { type: 'string' },
      quiet: { type: 'boolean' },
    });
    const candidate = requireFlag(values.candidate, 'candidate');
    const references = values.reference ?? [];
    if (!references.length) throw new CliError('missing required option --reference');
    const baselines = values.baseline ?? [];
    if (baselines.length === 1) throw new CliError('--baseline needs at least two models to compare with each other');
    const lang = values.lang;
    if (lang !== undefined && lang !== 'ko' && lang !== 'en') throw new CliError(`--lang must be ko or en, not '${lang}'`);
    const mappings = await readMappings(values.map ?? [], values.mappings);

    let report;
    const progress = values.quiet ? undefined : progressPrinter(io);
    try {
      report = await compareCheckpoints({
        candidate,
        references,
        baselines,
        mappings,
        autoMap: !values['no-auto-map'],
        onProgress: progress?.update,
      });
    } catch (e) {
      if (e instanceof SafetensorsError || e instanceof CompareInputError) throw new CliError(e.message);
      throw e;
    } finally {
      progress?.done();
    }

    if (values.out) {
      const html = /\.html?$/i.test(values.out);
      const body = html ? renderReportHtml(report, lang) : JSON.stringify(report, null, 2) + '\n';
      try {
        await writeFile(values.out, body);
      } catch (e) {
        throw new CliError(`cannot write ${values.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    }
    io.out(values.json ? JSON.stringify(report, null, 2) : renderReportText(report, lang ?? 'en'));
    return report.verdict === 'likely_shared' ? EXIT.negative : EXIT.ok;
  },
};

async function readMappings(inline: string[], file: string | undefined): Promise<NameMappingRule[]> {
  const rules: NameMappingRule[] = [];
  for (const text of inline) {
    const rule = parseInlineRule(text);
    if (!rule) throw new CliError(`--map '${text}': expected FROM=>TO`);
    rules.push(rule);
  }
  if (file) {
    const parsed = z.array(nameMappingRule).safeParse(await readJsonFile(file));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new CliError(`${file}: ${issue.path.length ? `at ${issue.path.join('.')}: ` : ''}${issue.message} (expected [{"from": "…", "to": "…"}, …])`);
    }
    rules.push(...parsed.data);
  }
  return rules;
}

/** A bar redrawn in place on a terminal; elsewhere a line per 10 % or per 10 seconds. */
function progressPrinter(io: CliIO) {
  const tty = process.stderr.isTTY === true;
  const started = Date.now();
  let lastLine = 0,
    lastFraction = -1,
    lastPhase = '',
    lastDraw = 0;
  const mb = (b: number) => (b / 1e6).toFixed(0);
  const update = (p: CompareProgress) => {
    const fraction = p.totalBytes ? p.doneBytes / p.totalBytes : 1;
    const now = Date.now();
    const rate = p.doneBytes / 1e6 / Math.max(0.001, (now - started) / 1000);
    if (tty) {
      if (now - lastDraw < 100 && fraction < 1) return;
      lastDraw = now;
      const width = 30,
        filled = Math.round(fraction * width);
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${mb(p.doneBytes)}/${mb(p.totalBytes)} MB  ${rate.toFixed(0)} MB/s  ${p.phase}\x1b[K`,
      );
      return;
    }
    if (p.phase !== lastPhase || fraction - lastFraction >= 0.1 || now - lastLine >= 10_000) {
      io.err(`progress: ${p.phase} ${p.detail} — ${(fraction * 100).toFixed(0)}% (${mb(p.doneBytes)}/${mb(p.totalBytes)} MB, ${rate.toFixed(0)} MB/s)`);
      lastPhase = p.phase;
      lastFraction = fraction;
      lastLine = now;
    }
  };
  return { update, done: () => tty && process.stderr.write('\n') };
}
