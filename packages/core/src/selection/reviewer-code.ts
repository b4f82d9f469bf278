/**
 * Reviewers appear in exports as R01, R02, … in a stable order (the order they joined the pool),
 * so a sheet can be discussed without naming anyone. Applicants see per-application labels
 * instead (위원 1, 2, …), so codes cannot be linked across applications.
 */
export function reviewerCodes(reviewerIdsInPoolOrder: string[]): Map<string, string> {
  const width = Math.max(2, String(reviewerIdsInPoolOrder.length).length);
  return new Map(reviewerIdsInPoolOrder.map((id, i) => [id, `R${String(i + 1).padStart(width, '0')}`]));
}
