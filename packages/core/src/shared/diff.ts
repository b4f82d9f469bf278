/** One changed leaf between two JSON documents, addressed by a dotted path (`phases.1.end`). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * The preview step of every mutation: what a commit would change, leaf by leaf. Arrays are compared
 * by index, which is what an editor does (it edits rows in place).
 */
export function diffDocuments(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (Object.is(before, after)) return [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (isObj(before) && isObj(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = Array.isArray(before)
      ? Array.from({ length: Math.max((before as unknown[]).length, (after as unknown as unknown[]).length) }, (_, i) => String(i))
      : [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const b = before as Record<string, unknown>;
    const a = after as Record<string, unknown>;
    return keys.flatMap((k) => diffDocuments(b[k], a[k], path ? `${path}.${k}` : k));
  }
  return [{ field: path || '(root)', before: before ?? null, after: after ?? null }];
}
