import type { StageEvaluationScheme } from '../program/definition.ts';
import type { LocalizedText } from '../shared/localized.ts';

/**
 * A stage-evaluation scheme as it stood from one instant on. Version 1 is frozen when the
 * evaluation opens; every later version carries the published reason for the change and the list
 * of what changed, because teams must be able to see when and why criteria moved.
 */
export interface SchemeVersion<S = StageEvaluationScheme> {
  version: number;
  scheme: S;
  effectiveFrom: string;
  reason?: LocalizedText;
  changes: string[];
}

export class SchemeChangedError extends Error {
  constructor(
    readonly changes: string[],
    readonly text: LocalizedText,
  ) {
    super(text.en);
  }
}

export function freezeScheme<S>(scheme: S, openedAt: string): SchemeVersion<S> {
  return { version: 1, scheme: structuredClone(scheme), effectiveFrom: openedAt, changes: [] };
}

/** Dotted paths that differ between two JSON-like values; key order does not matter. */
export function schemeChanges(before: unknown, after: unknown, path = ''): string[] {
  const here = path || '(scheme)';
  if (Object.is(before, after)) return [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (!isObj(before) || !isObj(after) || Array.isArray(before) !== Array.isArray(after)) return [here];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].sort().flatMap((k) => {
    const b = before[k],
      a = after[k];
    if (b === undefined && a === undefined) return [];
    return schemeChanges(b, a, path ? `${path}.${k}` : k);
  });
}

/** Refuses a scheme that differs from the frozen version (e.g. when scoring or deciding). */
export function assertSchemeUnchanged<S>(frozen: SchemeVersion<S>, current: S): void {
  const changes = schemeChanges(frozen.scheme, current);
  if (changes.length) {
    throw new SchemeChangedError(changes, {
      ko: `평가 기준이 공개된 ${frozen.version}판과 다릅니다(${changes.join(', ')}). 변경하려면 사유를 밝혀 새 판을 만드십시오`,
      en: `the scheme differs from published version ${frozen.version} (${changes.join(', ')}); changing it requires a new version with a published reason`,
    });
  }
}

/** The next version of a frozen scheme, which exists only with a reason in both languages. */
export function versionScheme<S>(current: SchemeVersion<S>, next: S, reason: LocalizedText, effectiveFrom: string): SchemeVersion<S> {
  if (!reason.ko.trim() || !reason.en.trim()) {
    throw new Error('a scheme change needs a published reason in Korean and English');
  }
  const changes = schemeChanges(current.scheme, next);
  if (!changes.length) throw new Error('the new scheme is identical to the current version');
  if (Date.parse(effectiveFrom) < Date.parse(current.effectiveFrom)) {
    throw new Error('a new version cannot take effect before the version it replaces');
  }
  return { version: current.version + 1, scheme: structuredClone(next), effectiveFrom, reason, changes };
}
