import { z } from 'zod';
import { localizedText, type FieldIssue } from '../shared/localized.ts';

const key = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes');

export const criteriaGroup = z.object({
  key,
  name: localizedText,
  points: z.number().positive(),
  subCriteria: z.array(localizedText).default([]),
});

/** Criteria groups with their points: the call's review scheme, or a round's own. */
export const selectionScheme = z.object({
  totalPoints: z.number().positive(),
  groups: z.array(criteriaGroup).min(1),
  assumption: localizedText.optional(),
});
export type SelectionScheme = z.infer<typeof selectionScheme>;

/** Points of the groups add up to the total; keys are unique (a sheet is keyed by them). */
export function schemeIssues(field: string, scheme: SelectionScheme): FieldIssue[] {
  const out: FieldIssue[] = [];
  const sum = Math.round(scheme.groups.reduce((s, g) => s + g.points, 0) * 1000) / 1000;
  if (sum !== scheme.totalPoints) {
    out.push({
      field: `${field}.groups`,
      message: {
        ko: `평가 항목 배점 합계가 ${sum}점으로 총점 ${scheme.totalPoints}점과 다릅니다`,
        en: `criteria points add up to ${sum}, not the scheme's total of ${scheme.totalPoints}`,
      },
    });
  }
  const seen = new Set<string>();
  scheme.groups.forEach((g, i) => {
    if (seen.has(g.key))
      out.push({ field: `${field}.groups.${i}.key`, message: { ko: `평가 항목 "${g.key}"가 중복됩니다`, en: `criterion "${g.key}" appears twice` } });
    seen.add(g.key);
  });
  return out;
}

/**
 * The criteria a round is scored on: its own scheme when the program gives one (a presentation
 * weighs delivery and feasibility, not the documents' criteria), else the call's scheme. Sheets of
 * the round are made and checked against it, and the round's ranking breaks ties by its groups.
 */
export function schemeForRound(
  program: {
    selectionScheme: SelectionScheme;
    calls: { key: string; selectionRounds?: { key: string; scheme?: SelectionScheme | undefined }[] | undefined }[];
  },
  callKey: string,
  roundKey: string,
): SelectionScheme {
  const round = program.calls.find((c) => c.key === callKey)?.selectionRounds?.find((r) => r.key === roundKey);
  return round?.scheme ?? program.selectionScheme;
}

/** Ties go to the heavier criteria group first; equal points keep scheme order. */
export function tieBreakOrder(scheme: SelectionScheme): string[] {
  return scheme.groups
    .map((g, i) => ({ g, i }))
    .sort((a, b) => b.g.points - a.g.points || a.i - b.i)
    .map(({ g }) => g.key);
}
