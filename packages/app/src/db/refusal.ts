/**
 * The rule a statement refused under its lock, if the error is such a refusal: the database
 * function `stagegate_refuse` (migration 0024) raises SQLSTATE SGR01 with the rule's id.
 */
export function refusedRule(error: unknown): string | undefined {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === 'SGR01' ? e.message : undefined;
}
