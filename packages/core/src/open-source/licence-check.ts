import type { LocalizedText } from '../shared/localized.ts';
import { DEPRECATED_SPDX_IDS, KNOWN_NON_OSI, OSI_APPROVED_SPDX_IDS } from './osi-licences.ts';
import { particle } from '../shared/korean-particles.ts';

const canonical = new Map(OSI_APPROVED_SPDX_IDS.map((id) => [id.toLowerCase(), id]));
const deprecated = new Map(Object.entries(DEPRECATED_SPDX_IDS).map(([k, v]) => [k.toLowerCase(), v]));

type Expr = { kind: 'id'; id: string } | { kind: 'and' | 'or'; left: Expr; right: Expr } | { kind: 'with'; licence: Expr; exception: string };

export class LicenceExpressionError extends Error {}

/** A small SPDX license-expression parser: ids, WITH, AND (binds tighter), OR, parentheses. */
export function parseLicenceExpression(text: string): Expr {
  const tokens = text.match(/\(|\)|[^\s()]+/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const keyword = (t: string | undefined) => t?.toUpperCase();
  const primary = (): Expr => {
    const t = tokens[i++];
    if (t === undefined) throw new LicenceExpressionError('the licence expression ends too early');
    if (t === '(') {
      const e = or();
      if (tokens[i++] !== ')') throw new LicenceExpressionError('a parenthesis is not closed');
      return e;
    }
    if (t === ')' || ['AND', 'OR', 'WITH'].includes(t.toUpperCase())) throw new LicenceExpressionError(`unexpected "${t}"`);
    if (!/^[A-Za-z0-9.+-]+$/.test(t)) throw new LicenceExpressionError(`"${t}" is not an SPDX identifier`);
    let e: Expr = { kind: 'id', id: t };
    if (keyword(peek()) === 'WITH') {
      i++;
      const exception = tokens[i++];
      if (!exception || exception === '(' || exception === ')') throw new LicenceExpressionError('WITH needs an exception id');
      e = { kind: 'with', licence: e, exception };
    }
    return e;
  };
  const and = (): Expr => {
    let e = primary();
    while (keyword(peek()) === 'AND') {
      i++;
      e = { kind: 'and', left: e, right: primary() };
    }
    return e;
  };
  const or = (): Expr => {
    let e = and();
    while (keyword(peek()) === 'OR') {
      i++;
      e = { kind: 'or', left: e, right: and() };
    }
    return e;
  };
  if (tokens.length === 0) throw new LicenceExpressionError('no licence given');
  const e = or();
  if (i < tokens.length) throw new LicenceExpressionError(`unexpected "${tokens[i]}"`);
  return e;
}

export interface LicenceFinding {
  id: string;
  /** the id as the SPDX list spells it, when known */
  canonical?: string;
  osiApproved: boolean;
  note?: LocalizedText;
}

export type LicenceVerdict = 'pass' | 'fail' | 'notRequired' | 'invalid';

export interface LicenceCheck {
  licence: string;
  osiApproved: boolean;
  required: boolean;
  verdict: LicenceVerdict;
  findings: LicenceFinding[];
  message: LocalizedText;
}

function judgeId(id: string): LicenceFinding {
  const lower = id.toLowerCase();
  const exact = canonical.get(lower);
  if (exact) return { id, canonical: exact, osiApproved: true };
  const current = deprecated.get(lower);
  if (current)
    return {
      id,
      canonical: current,
      osiApproved: true,
      note: { ko: `사용 중지된 SPDX 식별자입니다. ${current}로 적어 주세요`, en: `a deprecated SPDX id; write ${current}` },
    };
  const known = KNOWN_NON_OSI.find((k) => k.pattern.test(id));
  if (known) return { id, osiApproved: false, note: known.why };
  return {
    id,
    osiApproved: false,
    note: { ko: `"${id}"${particle(id, '은/는')} OSI 승인 라이선스 목록에 없습니다`, en: `"${id}" is not on the OSI-approved list` },
  };
}

/** Whether the expression leaves the user an OSI-approved licence: OR needs one side, AND both. */
function evaluate(e: Expr, findings: LicenceFinding[]): boolean {
  switch (e.kind) {
    case 'id': {
      const f = judgeId(e.id);
      findings.push(f);
      return f.osiApproved;
    }
    case 'with':
      // an exception (e.g. Classpath-exception-2.0) only grants more; the licence decides
      return evaluate(e.licence, findings);
    case 'and': {
      const l = evaluate(e.left, findings);
      const r = evaluate(e.right, findings);
      return l && r;
    }
    case 'or': {
      const l = evaluate(e.left, findings);
      const r = evaluate(e.right, findings);
      return l || r;
    }
  }
}

/**
 * Checks a release's licence (an SPDX id or expression) against the OSI-approved list. When the
 * program requires open source, a licence that is not OSI-approved fails; otherwise the finding is
 * still reported, as information.
 */
export function checkLicence(licence: string, requiresOpenSource: boolean): LicenceCheck {
  const text = licence.trim();
  let expr: Expr;
  try {
    expr = parseLicenceExpression(text);
  } catch (e) {
    const why = (e as Error).message;
    return {
      licence: text,
      osiApproved: false,
      required: requiresOpenSource,
      verdict: 'invalid',
      findings: [],
      message: { ko: `SPDX 라이선스 식별자로 읽을 수 없습니다 (${why})`, en: `not a valid SPDX licence expression (${why})` },
    };
  }
  const findings: LicenceFinding[] = [];
  const osiApproved = evaluate(expr, findings);
  const verdict: LicenceVerdict = !requiresOpenSource ? 'notRequired' : osiApproved ? 'pass' : 'fail';
  const rejected = findings.filter((f) => !f.osiApproved);
  const message: LocalizedText = osiApproved
    ? { ko: 'OSI 승인 오픈소스 라이선스입니다', en: 'an OSI-approved open-source licence' }
    : {
        ko: `OSI 승인 라이선스가 아닙니다: ${rejected.map((f) => f.note?.ko ?? f.id).join('; ')}`,
        en: `not an OSI-approved licence: ${rejected.map((f) => f.note?.en ?? f.id).join('; ')}`,
      };
  return { licence: text, osiApproved, required: requiresOpenSource, verdict, findings, message };
}
