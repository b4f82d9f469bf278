/**
 * The first figure where a published result and its recomputation part: walked in the published
 * file's order (so the message names what a reader sees first), numbers equal within 1e-9 (sums of
 * decimal points carry floating-point dust; published figures are rounded far coarser).
 */
export interface Difference {
  /** readable path, e.g. `ranking["SFM-2025-0003"].score` */
  path: string;
  published: unknown;
  recomputed: unknown;
  /** recomputed − published, for numbers */
  delta?: number;
}

const SAME = 1e-9;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const step = (path: string, key: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`);

export function firstDifference(published: unknown, recomputed: unknown, path = 'result'): Difference | null {
  if (typeof published === 'number' && typeof recomputed === 'number') {
    return Math.abs(published - recomputed) > SAME ? { path, published, recomputed, delta: recomputed - published } : null;
  }
  if (Array.isArray(published) && Array.isArray(recomputed)) {
    const n = Math.max(published.length, recomputed.length);
    for (let i = 0; i < n; i++) {
      if (i >= published.length || i >= recomputed.length) return { path: `${path}[${i}]`, published: published[i], recomputed: recomputed[i] };
      const d = firstDifference(published[i], recomputed[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (isObject(published) && isObject(recomputed)) {
    for (const k of Object.keys(published)) {
      if (!(k in recomputed)) return { path: step(path, k), published: published[k], recomputed: undefined };
      const d = firstDifference(published[k], recomputed[k], step(path, k));
      if (d) return d;
    }
    for (const k of Object.keys(recomputed)) {
      if (!(k in published)) return { path: step(path, k), published: undefined, recomputed: recomputed[k] };
    }
    return null;
  }
  return Object.is(published, recomputed) || JSON.stringify(published) === JSON.stringify(recomputed) ? null : { path, published, recomputed };
}

const show = (v: unknown) => (v === undefined ? '(absent)' : typeof v === 'number' ? String(+v.toPrecision(12)) : JSON.stringify(v));

/** One line for a person: which figure, both values, and by how much. */
export function describeDifference(d: Difference): string {
  const by = d.delta !== undefined ? ` (differs by ${d.delta > 0 ? '+' : '−'}${show(Math.abs(d.delta))})` : '';
  return `${d.path}: published ${show(d.published)}, recomputed ${show(d.recomputed)}${by}`;
}
