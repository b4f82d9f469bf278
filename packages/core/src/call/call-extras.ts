import { issue, type FieldIssue } from '../shared/localized.ts';
import type { Call } from '../program/definition.ts';

/**
 * The briefing and documents of a call beyond their shape: a briefing after the deadline helps no
 * applicant, one file listed twice or two announcements would leave applicants unsure which holds.
 */
export function callExtrasIssues(c: Pick<Call, 'closes' | 'briefing' | 'documents'>, path: string): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (c.briefing && Date.parse(c.briefing.at) >= Date.parse(c.closes)) {
    out.push(issue(`${path}.briefing.at`, '설명회 일시는 접수 마감보다 앞서야 합니다', 'the briefing session must take place before the call closes'));
  }
  const docs = c.documents ?? [];
  docs.forEach((d, i) => {
    if (docs.findIndex((x) => x.sha256 === d.sha256) !== i) {
      out.push(
        issue(`${path}.documents.${i}.sha256`, `"${d.title.ko}" 파일이 이미 목록에 있습니다`, `"${d.title.en}" is already listed (the same file twice)`),
      );
    }
  });
  if (docs.filter((d) => d.kind === 'announcement').length > 1) {
    out.push(issue(`${path}.documents`, '공고문 파일은 하나만 둘 수 있습니다', 'a call has at most one announcement file'));
  }
  return out;
}
