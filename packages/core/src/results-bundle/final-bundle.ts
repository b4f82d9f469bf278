import { z } from 'zod';
import { designateExcellent, excellenceRule, type ExcellenceRule } from '../final-evaluation/excellence.ts';
import { csvNumber, csvText, toCsv } from './csv-table.ts';
import { cells, jsonText, readCsv, readJson, type BuiltBundle, type BundleFiles, type PrivateInput } from './bundle-files.ts';
import type { ResultPublication } from './public-inputs.ts';

/** A final evaluation: the configured excellence rule applied to the final scores. Reports stay out, by hash. */
export const FINAL_FILES = { computation: 'computation.json', scores: 'final-scores.csv', result: 'result.json' } as const;

export interface FinalFigures {
  designations: Record<string, { rank: number | null; excellent: boolean }>;
}

export interface FinalBundleInput {
  rule: ExcellenceRule;
  scores: { task: string; score: number | null }[];
  reports: { task: string; sha256: string | null }[];
  published: FinalFigures;
}

export function buildFinalBundle(input: FinalBundleInput, publication: ResultPublication): BuiltBundle {
  const files: Record<string, string> = {};
  const priv: PrivateInput[] = [];
  files[FINAL_FILES.computation] = jsonText({ excellenceRule: input.rule });
  const scores = toCsv(
    ['task', 'score'],
    input.scores.map((s) => [s.task, s.score]),
  );
  if (publication.finalScores === 'public') files[FINAL_FILES.scores] = scores;
  else priv.push({ input: 'finalScores', what: { ko: '최종 점수', en: 'final scores' }, content: scores, items: input.scores.length });
  // the reports are the teams' documents: only their hashes, as recorded on upload
  priv.push({
    input: 'finalReports',
    what: { ko: '최종 보고서(PDF) SHA-256 목록', en: 'the final reports (PDF), listed by their SHA-256' },
    content: toCsv(
      ['task', 'report_sha256'],
      input.reports.map((r) => [r.task, r.sha256]),
    ),
    items: input.reports.filter((r) => r.sha256).length,
  });
  files[FINAL_FILES.result] = jsonText(input.published);
  return { computationVersion: 1, files, private: priv };
}

export function recomputeFinalV1(files: BundleFiles): FinalFigures {
  const c = readJson(files, FINAL_FILES.computation, z.object({ excellenceRule }));
  const name = FINAL_FILES.scores;
  const scores = cells(() =>
    readCsv(files, name).map((r, i) => ({ task: csvText(r, 'task', name), score: r.score === '' ? null : csvNumber(r, 'score', name, i + 2) })),
  );
  const { designations } = designateExcellent(scores, c.excellenceRule);
  return { designations: Object.fromEntries(designations.map((d) => [d.task, { rank: d.rank, excellent: d.excellent }])) };
}
