import { eq } from 'drizzle-orm';
import { convertToPoints, type PointsConversion } from '@stagegate/core/arena/points-conversion';
import { issue, type LocalizedText } from '@stagegate/core/shared/localized';
import type { Db } from '../db/connect.ts';
import { stageEvaluationMeasurements } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { userEvaluationComponents } from '../arena/user-evaluation-points.ts';
import { loadEvaluation } from './evaluation-store.ts';
import { inputsOpen, putMeasurements, type MeasurementChange, type MeasurementEntry } from './inputs-store.ts';
import { invalidResult, type MutationMode, type StageMutation } from './mutation.ts';
import { leafComponents } from './scheme-components.ts';

export interface PulledUserEvaluation {
  team: string;
  component: string;
  arenaId: string;
  kind: 'pairwise' | 'likert';
  /** the arena rating or the Likert mean: what the stage scoring converts with its frozen rule */
  value: number;
  /** the arena's own points for the team (its configured conversion and full points) */
  arenaPoints: number;
  /** the points the frozen stage scoring gives the same value */
  stagePoints: number;
}

export interface UserEvaluationPull {
  changes: MeasurementChange[];
  pulled: PulledUserEvaluation[];
  skipped: { team: string | null; component: string; reason: LocalizedText }[];
  /** set when the arena and the frozen scheme convert the same values into different points */
  conversionWarning: LocalizedText | null;
  /** the frozen conversion that turns the pulled values into points, named and described */
  conversion: { kind: PointsConversion['kind']; description: LocalizedText };
  /**
   * Likert means this pull replaces with arena ratings: a different scale, so the operator must name
   * the conversion (`conversion` in the request) before the commit.
   */
  replacesLikert: { team: string; component: string; likertMean: number; arenaValue: number }[];
}

/** What a conversion does, in words a program office reads in the preview. */
export function describeConversion(c: PointsConversion): LocalizedText {
  switch (c.kind) {
    case 'proportionalToBest':
      return { ko: '최고 팀 대비 비례 환산 (만점 × 값 ÷ 최고값)', en: 'proportional to the best team (full × value ÷ best)' };
    case 'linearFromFloorToBest':
      return { ko: `하한 ${c.floor}부터 최고값까지 선형 환산`, en: `linear from the floor ${c.floor} to the best value` };
    case 'expectedScoreVsBest':
      return { ko: '최고 팀을 이길 기대 승률로 환산 (Elo 400 척도)', en: 'expected score against the best team (Elo scale 400)' };
    case 'linearOnScale':
      return { ko: `${c.min}–${c.max} 척도에서 선형 환산`, en: `linear on the scale ${c.min}–${c.max}` };
  }
}

/** Points this close are the same (each side rounds differently). */
const SAME_POINTS = 0.05;

/**
 * User-evaluation scores from the stage's arenas (matched on program, stage and component). The
 * arena's measured value — rating or Likert mean — is what is stored: the stage scoring converts it
 * with the rule frozen in the scheme, and the arena's own points are shown beside the points the
 * scheme gives, with a warning when the two conversions disagree, so points are never converted
 * twice. validate → preview → commit through the same path as manual entry and CSV, audited.
 */
export async function pullUserEvaluation(
  db: Db,
  actor: Actor | null,
  id: string,
  mode: MutationMode,
  options: { conversion?: string } = {},
): Promise<StageMutation<UserEvaluationPull>> {
  const loaded = await loadEvaluation(db, id);
  if (!loaded) return invalidResult(issue('id', '단계 평가가 없습니다', 'no such stage evaluation'));
  const { evaluation, version, teams } = loaded;
  if (!inputsOpen(evaluation.status))
    return invalidResult(issue('status', '결정이 확정되어 입력을 바꿀 수 없습니다', 'the decision is confirmed; inputs can no longer change'));
  const arenas = (await userEvaluationComponents(db, id)) ?? [];
  if (arenas.length === 0) {
    return invalidResult(
      issue('arena', `${evaluation.stageKey} 단계의 사용자 평가(아레나)가 없습니다`, `there is no user evaluation (arena) for stage ${evaluation.stageKey}`),
    );
  }
  const leaves = leafComponents(version.scheme).filter((c) => c.kind === 'userEvaluation');
  const existing = await db.select().from(stageEvaluationMeasurements).where(eq(stageEvaluationMeasurements.evaluationId, id));
  const pulled: PulledUserEvaluation[] = [];
  const skipped: UserEvaluationPull['skipped'] = [];
  for (const arena of arenas) {
    const component = leaves.find((c) => c.key === arena.componentKey);
    if (!component) {
      skipped.push({
        team: null,
        component: arena.componentKey,
        reason: {
          ko: `평가 기준에 "${arena.componentKey}" 사용자 평가 항목이 없습니다`,
          en: `the scheme has no user-evaluation component "${arena.componentKey}"`,
        },
      });
      continue;
    }
    const mine = arena.teams.filter((t) => teams.some((x) => x.id === t.taskId));
    for (const t of arena.teams.filter((x) => !mine.includes(x))) {
      skipped.push({ team: t.taskKey, component: component.key, reason: { ko: '이 평가의 팀이 아닙니다', en: 'not a team of this evaluation' } });
    }
    // the stage scoring converts every team's value together (relative conversions look at the best)
    const values: Record<string, number> = {};
    for (const m of existing.filter((x) => x.componentKey === component.key)) {
      const key = teams.find((x) => x.id === m.taskId)?.key;
      if (key) values[key] = m.value;
    }
    for (const t of mine) values[t.taskKey] = t.value;
    let stagePoints: Record<string, number>;
    try {
      stagePoints = convertToPoints(values, component.points, version.rules.userEvaluation.conversion);
    } catch (e) {
      const why = (e as Error).message;
      return invalidResult(
        issue('rules.userEvaluation.conversion', `고정된 환산 규칙을 이 값에 쓸 수 없습니다: ${why}`, `the frozen conversion cannot take these values: ${why}`),
      );
    }
    for (const t of mine) {
      pulled.push({
        team: t.taskKey,
        component: component.key,
        arenaId: arena.arenaId,
        kind: arena.kind,
        value: t.value,
        arenaPoints: t.points,
        stagePoints: stagePoints[t.taskKey]!,
      });
    }
  }
  const differs = pulled.filter((p) => Math.abs(p.arenaPoints - p.stagePoints) > SAME_POINTS);
  const conversionWarning = differs.length
    ? {
        ko: `아레나의 점수 환산과 고정된 평가 기준의 환산이 다릅니다 (${differs.map((d) => d.team).join(', ')}). 평가 기준의 환산이 적용됩니다.`,
        en: `the arena converts to points differently from the frozen scheme (${differs.map((d) => d.team).join(', ')}); the scheme's conversion applies`,
      }
    : null;
  const frozen = version.rules.userEvaluation.conversion;
  const conversion = { kind: frozen.kind, description: describeConversion(frozen) };
  const replacesLikert = pulled.flatMap((p) => {
    if (p.kind === 'likert') return [];
    const taskId = teams.find((x) => x.key === p.team)?.id;
    const before = existing.find((m) => m.taskId === taskId && m.componentKey === p.component && m.source === 'likert');
    return before ? [{ team: p.team, component: p.component, likertMean: before.value, arenaValue: p.value }] : [];
  });
  const base = { pulled, skipped, conversionWarning, conversion, replacesLikert };
  // a rating is not a Likert mean: replacing one commits only when the operator names the conversion that applies
  if (mode === 'commit' && replacesLikert.length && options.conversion !== frozen.kind) {
    return invalidResult(
      issue(
        'conversion',
        `리커트 평균을 아레나 점수로 바꾸려면 적용할 환산 방식(${frozen.kind}: ${conversion.description.ko})을 지정해야 합니다`,
        `replacing Likert means with arena ratings needs the conversion named (${frozen.kind}: ${conversion.description.en})`,
      ),
    );
  }
  if (pulled.length === 0)
    return mode === 'commit' ? { status: 'committed', ...base, changes: [] } : { status: mode === 'validate' ? 'valid' : 'preview', ...base, changes: [] };
  const entries: MeasurementEntry[] = pulled.map((p) => ({
    team: p.team,
    component: p.component,
    value: p.value,
    source: p.kind === 'likert' ? 'likert' : 'arena',
    sourceRef: `arena:${p.arenaId}`,
    note: p.kind === 'likert' ? `Likert mean; arena points ${p.arenaPoints.toFixed(2)}` : `arena rating; arena points ${p.arenaPoints.toFixed(2)}`,
  }));
  const res = await putMeasurements(db, actor, id, entries, mode, { auditAction: 'stageEvaluation.measurements.pull.userEvaluation' });
  if (res.status === 'invalid' || res.status === 'conflict') return res;
  return { ...res, ...base };
}
