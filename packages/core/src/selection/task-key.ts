/**
 * The key a selected application's task gets: the program's initials (every word's first letter,
 * the last word whole: `specialized-fm` → `sfm`, `k-ai` → `kai`), the call's year and a two-digit
 * sequence, e.g. `sfm-2025-01`. Keys already taken are skipped, so re-running a selection is safe.
 */
export function taskKeyPrefix(programSlug: string): string {
  const words = programSlug.split('-').filter(Boolean);
  if (words.length === 0) return 'task';
  const last = words[words.length - 1]!;
  return (
    words
      .slice(0, -1)
      .map((w) => w[0])
      .join('') + last
  );
}

export function nextTaskKeys(programSlug: string, year: number, count: number, taken: Iterable<string>): string[] {
  const used = new Set(taken);
  const prefix = `${taskKeyPrefix(programSlug)}-${year}`;
  const out: string[] = [];
  for (let n = 1; out.length < count; n++) {
    const key = `${prefix}-${String(n).padStart(2, '0')}`;
    if (!used.has(key)) {
      out.push(key);
      used.add(key);
    }
  }
  return out;
}

/** A cluster user name from an e-mail address: the local part, lower-case, only [a-z0-9_-], at most 32 characters. */
export function clusterUsernameFor(email: string): string {
  const local = email.split('@')[0] ?? email;
  const cleaned = local
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '_')
    .replace(/^[^a-z_]+/, '');
  return (cleaned || 'user').slice(0, 32);
}
