import type { FieldIssue } from '@stagegate/core/shared/localized';
import { particle } from '@stagegate/core/shared/korean-particles';

const lineIssue = (field: string, line: number, ko: string, en: string): FieldIssue => ({
  field,
  message: { ko: `${line}번째 줄: ${ko}`, en: `line ${line}: ${en}` },
});

/**
 * Reads uploaded JSON lines, one object per line, taking `textField` (`prompt` or `answer`) and an
 * `id` (for answers `prompt_id` is accepted too, as lm-eval style exports write it). Blank lines are
 * skipped; every bad line is reported with its number, so a team fixes its file in one pass.
 */
export function parseJsonLines<K extends 'prompt' | 'answer'>(
  text: string,
  textField: K,
  field = 'jsonl',
): { rows: ({ id: string } & Record<K, string>)[]; issues: FieldIssue[] } {
  const rows: ({ id: string } & Record<K, string>)[] = [];
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const n = i + 1;
    if (raw.trim() === '') return;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch (e) {
      issues.push(lineIssue(field, n, `JSON으로 읽을 수 없습니다 (${(e as Error).message})`, `invalid JSON (${(e as Error).message})`));
      return;
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      issues.push(lineIssue(field, n, 'JSON 객체가 아닙니다', 'expected a JSON object'));
      return;
    }
    const o = v as Record<string, unknown>;
    const idValue = o.id ?? (textField === 'answer' ? o.prompt_id : undefined);
    const id = typeof idValue === 'number' ? String(idValue) : idValue;
    if (typeof id !== 'string' || id.trim() === '') {
      issues.push(lineIssue(field, n, '"id" 필드가 없거나 비어 있습니다', 'field "id" is missing or empty'));
      return;
    }
    const body = o[textField];
    if (typeof body !== 'string' || body.trim() === '') {
      issues.push(lineIssue(field, n, `"${textField}" 필드가 없거나 비어 있습니다`, `field "${textField}" is missing or empty`));
      return;
    }
    if (seen.has(id)) {
      issues.push(lineIssue(field, n, `id "${id}"${particle(id, '이/가')} 중복됩니다`, `id "${id}" appears twice`));
      return;
    }
    seen.add(id);
    rows.push({ id, [textField]: body } as { id: string } & Record<K, string>);
  });
  if (rows.length === 0 && issues.length === 0) issues.push({ field, message: { ko: '내용이 없습니다', en: 'the file is empty' } });
  return { rows, issues };
}
