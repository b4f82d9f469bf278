import { expect } from 'vitest';
import { apiAs } from './people.ts';
import { demoRegistrationNo } from '../../packages/app/src/seed/demo-applications.ts';
import type { ReceivedMail, SmtpInbox } from '../../packages/app/test/support/smtp-inbox.ts';

// The states browser tests start from, built through the API the app serves (the same services a
// person's clicks reach), so a test reads as the step it checks and not as its setup.

/** `datetime-local` text for an instant `days` from now, in Korea's time. */
export const seoulInput = (days: number) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Seoul',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(new Date(Date.now() + days * 86_400_000))
    .replace(' ', 'T');

/**
 * A reviewer's remaining selection sheets, submitted after the round's pledge: the scores a
 * scenario needs and nobody would click through one by one (the same base for every proposal, or
 * one per application).
 */
export async function submitAllSheets(baseUrl: string, email: string, baseScore: number | ((applicationId: string) => number)): Promise<void> {
  const call = await apiAs(baseUrl, email);
  const { json } = await call<{ assignments: { conflicted: boolean; sheetStatus: string; roundId: string; applicationId: string }[] }>(
    'GET',
    '/api/v1/review/me',
  );
  for (const a of json.assignments) {
    if (a.conflicted || a.sheetStatus === 'submitted') continue;
    // proposals of a round open only after its conflict-of-interest pledge (accepting again is a no-op)
    expect((await call('POST', `/api/v1/review/me/rounds/${a.roundId}/pledge`, { accept: true })).status).toBe(200);
    const base = typeof baseScore === 'number' ? baseScore : baseScore(a.applicationId);
    const scores = {
      'technical-capability': { score: base, comment: '기술 역량 양호' },
      'development-goals': { score: base - 3, comment: '목표 구체적' },
      'marketability-impact': { score: base + 6, comment: '파급효과 기대' },
    };
    const res = await call('PUT', `/api/v1/review/me/rounds/${a.roundId}/applications/${a.applicationId}/sheet`, { scores, mode: 'submit' });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
  }
}

/** `member` joins the organisation `admin` administers the ordinary way: invited by its admin, accepted. */
export async function joinOrganisation(baseUrl: string, admin: string, member: string): Promise<void> {
  const byAdmin = await apiAs(baseUrl, admin);
  const byMember = await apiAs(baseUrl, member);
  const orgs = await byAdmin<{ organisations: { id: string; myRole: string | null }[] }>('GET', '/api/v1/organisations');
  const own = orgs.json.organisations.find((o) => o.myRole === 'admin');
  expect(own, `${admin} administers no organisation`).toBeDefined();
  expect((await byAdmin('POST', `/api/v1/organisations/${own!.id}/members`, { email: member, role: 'member' })).status).toBe(200);
  const offers = await byMember<{ invitations: { id: string }[] }>('GET', '/api/v1/organisation-invitations');
  expect((await byMember('POST', `/api/v1/organisation-invitations/${offers.json.invitations[0]!.id}/response`, { accept: true })).status).toBeLessThan(300);
}

/** Organisations an applicant registers (valid, distinct registration numbers), waiting for the office to verify them. */
export async function registerOrganisations(baseUrl: string, applicant: string, namesKo: readonly string[]): Promise<void> {
  const call = await apiAs(baseUrl, applicant);
  for (const [i, nameKo] of namesKo.entries()) {
    const res = await call('POST', '/api/v1/organisations', {
      nameKo,
      nameEn: `Bulk Check ${i}`,
      type: 'startup',
      country: 'KR',
      registrationNo: demoRegistrationNo(`71${i}555444`),
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
  }
}

/** Waits until a mail the predicate picks has reached the test's SMTP server. */
export async function mailArrives(smtp: SmtpInbox, what: string, pick: (m: ReceivedMail) => boolean, timeoutMs = 45_000): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = smtp.mails.find(pick);
    if (mail) return mail;
    if (Date.now() > deadline)
      throw new Error(`no mail arrived: ${what}\nsubjects so far:\n${smtp.mails.map((m) => `${m.to.join(',')}: ${m.subject}`).join('\n')}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
