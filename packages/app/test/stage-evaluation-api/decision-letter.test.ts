import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKaiStageOne } from '../support/k-ai-stage-one.ts';
import { signIn } from '../support/test-context.ts';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp-inbox.ts';
import { sendDueMail } from '../../src/notifications/mailer.ts';
import { smtpTransport } from '../../src/adapters/smtp/smtp-transport.ts';

// the K-AI demo's first stage, decided on 12 January 2026 with kai-naver eliminated on the
// originality gate (the demo's own scenario, as in k-ai-appeal-upheld.test.ts)
let s: Awaited<ReturnType<typeof openKaiStageOne>>;
let inbox: SmtpInbox;
let letterUrl = '';
let pdfText = '';

const get = (who: string, url: string) => s.t.app.inject({ method: 'GET', url, headers: who === 'anonymous' ? {} : { cookie: cookies[who]! } });
const cookies: Record<string, string> = {};

/** The text of a PDF as a reader's viewer extracts it (poppler's pdftotext; pages end with a form feed). */
const textOf = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');

beforeAll(async () => {
  s = await openKaiStageOne(['operator', 'applicant', 'reviewer']);
  inbox = await startSmtpInbox();
  for (const who of ['operator', 'applicant', 'reviewer']) cookies[who] = await signIn(s.t.app, `${who}@demo.stagegate.kr`);
  letterUrl = `/api/v1/stage-evaluations/${s.id}/teams/kai-naver/letter.pdf`;
  await s.importMeasurements('team,component,value\nkai-nc,user-evaluation,3.49');
  await s.ruleGate('kai-naver', 'originality', false, { ko: '외부 비전·오디오 인코더 가중치 재사용', en: 'reused external vision/audio encoder weights' });
}, 120_000);
afterAll(async () => {
  await inbox?.close();
  await s?.dispose();
});

describe('a stage decision as an official letter', () => {
  it('has no letter before the decision is published', async () => {
    const early = await get('operator', letterUrl);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('not_published');
    await s.decideAndPublish('2026-01-12');
  });

  it('gives the office a Korean page, then an English page: programme, team, outcome, reasons, effective date, appeal deadline in Seoul time', async () => {
    const res = await get('operator', letterUrl);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.headers['content-disposition']).toContain('stage-decision-kai-naver.pdf');
    pdfText = textOf(res.rawPayload);
    const [ko, en] = pdfText.split('\f');
    expect(ko).toContain('결과 통지서');
    expect(ko).toMatch(/결정\s+지원 중단/);
    expect(ko).toContain('kai-naver');
    expect(ko).toContain('외부 비전·오디오 인코더 가중치 재사용');
    expect(ko).toMatch(/효력 발생일\s+2026년 1월 12일/);
    expect(ko).toMatch(/이의 신청 마감\s+2026년 \d+월 \d+일 \d{2}:\d{2} \(한국 시간\)/);
    expect(en).toContain('notice of decision');
    expect(en).toMatch(/Outcome\s+eliminated/);
    expect(en).toContain('reused external vision/audio encoder weights');
    expect(en).toMatch(/Effective from\s+12 January 2026/);
    expect(en).toMatch(/Appeals close\s+\d+ \w+ 2026, \d{2}:\d{2} KST/);
    expect(en).not.toMatch(/[가-힣]{2,}\s+\(/);
  });

  it('gives the letter to the team’s own members, and to nobody else', async () => {
    const member = await get('applicant', letterUrl);
    expect(member.statusCode).toBe(200);
    expect(textOf(member.rawPayload)).toBe(pdfText);
    expect((await get('reviewer', letterUrl)).statusCode).toBe(403);
    expect((await get('anonymous', letterUrl)).statusCode).toBe(401);
    expect((await get('operator', `/api/v1/stage-evaluations/${s.id}/teams/no-such-team/letter.pdf`)).statusCode).toBe(404);
  });

  it('attaches the letter to the stage-decision mail each member receives', async () => {
    const opts = { transport: smtpTransport(inbox.url), from: 'Stagegate <office@stagegate.test>', publicUrl: 'http://localhost:3000' };
    for (let round = 0; round < 30; round++) if ((await sendDueMail(s.t.ctx.db, opts)).sent === 0) break;
    opts.transport.close?.();
    const mail = inbox.mails.find((m) => m.to.includes('applicant@demo.stagegate.kr') && m.subject.includes('kai-naver'));
    expect(mail!.text).toContain('외부 비전·오디오 인코더 가중치 재사용');
    expect(mail!.attachments).toEqual([
      expect.objectContaining({ filename: 'stage-decision-kai-naver.pdf', contentType: expect.stringContaining('application/pdf') }),
    ]);
    expect(mail!.attachments[0]!.size).toBeGreaterThan(1000);
  });
});
