import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, signIn } from '../support/test-context.ts';
import { api, createOrganisation, multipart, readyApplication, samplePdf, signUp, type Api } from '../applications/support.ts';

const PROGRAM = 'specialized-fm';
let t: Awaited<ReturnType<typeof createTestServer>>;
let operatorCookie: string;
let operator: Api;
let applicant: Api;
let applicantCookie: string;
let anonymous: Api;
beforeAll(async () => {
  t = await createTestServer();
  operatorCookie = await signIn(t.app, 'operator@demo.stagegate.kr');
  operator = api(t.app, operatorCookie);
  applicantCookie = await signUp(t, 'kim@calls.test');
  applicant = api(t.app, applicantCookie);
  anonymous = api(t.app, '');
});
afterAll(() => t.dispose());

async function upload(fileName: string, bytes: Buffer, cookie = operatorCookie) {
  const { payload, headers } = multipart(fileName, bytes);
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/programs/${PROGRAM}/call-documents`, payload, headers: { ...headers, cookie } });
  return { status: res.statusCode, body: res.json() };
}

/** Adds a call to the program through the office's program change (preview, then commit with a reason). */
async function addCall(call: Record<string, unknown>) {
  const current = (await operator.get(`/api/v1/programs/${PROGRAM}`)).body;
  const definition = { ...current.definition, calls: [...current.definition.calls, call] };
  const preview = await operator.put(`/api/v1/programs/${PROGRAM}`, { definition, expectedRevision: current.revision, mode: 'preview' });
  expect(preview.status, JSON.stringify(preview.body)).toBe(200);
  const commit = await operator.put(`/api/v1/programs/${PROGRAM}`, {
    definition,
    expectedRevision: current.revision,
    mode: 'commit',
    reason: '2026년 추가 공모',
  });
  expect(commit.body.status).toBe('committed');
  return preview.body;
}

describe('call documents (issue 15 item 1)', () => {
  it('stores the office’s PDF under its SHA-256 and says its type', async () => {
    const pdf = samplePdf(20_000);
    const res = await upload('2026 공고문.pdf', pdf);
    expect(res.status).toBe(201);
    expect(res.body.document).toEqual({
      fileName: '2026 공고문.pdf',
      sha256: createHash('sha256').update(pdf).digest('hex'),
      sizeBytes: pdf.length,
      mediaType: 'application/pdf',
    });
  });

  it('refuses an applicant’s upload', async () => {
    expect((await upload('notice.pdf', samplePdf(10), applicantCookie)).status).toBe(403);
  });

  it('refuses a renamed executable and a zip that is no Office or Hangul file, by content', async () => {
    const exe = await upload('공고문.pdf', Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00]), Buffer.alloc(2000, 1)]));
    expect(exe.status).toBe(422);
    expect(exe.body.error.field).toBe('file');
    expect(exe.body.error.issues[0].message.ko).toContain('PDF, HWP, HWPX, DOCX, XLSX');
    const zip = await upload('forms.zip', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(600, 0x41)]));
    expect(zip.status).toBe(422);
  });

  it('refuses a file over 30 MB while it streams', async () => {
    const res = await upload('huge.pdf', samplePdf(30 * 1024 * 1024));
    expect(res.status).toBe(413);
    expect(res.body.error.issues[0].message.ko).toContain('30 MB');
  });

  it('keeps a draft call’s documents from the public until the call opens; the office reads them always', async () => {
    const pdf = samplePdf(3_000);
    const { document } = (await upload('추가공모 공고문.pdf', pdf)).body;
    const opens = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const closes = new Date(Date.now() + 60 * 86_400_000).toISOString();
    const briefingAt = new Date(Date.now() + 40 * 86_400_000).toISOString();
    const preview = await addCall({
      key: '2026-call',
      name: { ko: '2026년 추가 공모', en: '2026 additional call' },
      opens,
      closes,
      receiptPrefix: 'SFMB',
      briefing: { at: briefingAt, place: { ko: '서울 과학기술회관', en: 'Korea Science and Technology Center, Seoul' } },
      documents: [{ kind: 'announcement', title: { ko: '공고문', en: 'Announcement' }, ...document }],
    });
    // the preview names the new call in words
    expect(preview.changes.map((c: { label: { ko: string } }) => c.label.ko)).toContain('2026년 추가 공모');
    const url = `/api/v1/calls/${PROGRAM}/2026-call/documents/${document.sha256}`;
    expect((await anonymous.get(url)).status).toBe(404);
    expect((await applicant.get(url)).status).toBe(404);
    const office = await operator.get(url);
    expect(office.status).toBe(200);
    expect(office.raw.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(office.raw.rawPayload, pdf)).toBe(0);

    const opened = await operator.post(`/api/v1/calls/${PROGRAM}/2026-call/state`, { action: 'open', reason: '공고 게시', mode: 'commit' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    const pub = await anonymous.get(url);
    expect(pub.status).toBe(200);
    expect(Buffer.compare(pub.raw.rawPayload, pdf)).toBe(0);
    const summary = (await anonymous.get(`/api/v1/calls/${PROGRAM}/2026-call`)).body.call;
    expect(summary.briefing.place.ko).toBe('서울 과학기술회관');
    expect(summary.documents[0].title.ko).toBe('공고문');
    // a hash the call does not list is not served, even to the office
    expect((await operator.get(`/api/v1/calls/${PROGRAM}/2026-call/documents/${'0'.repeat(64)}`)).status).toBe(404);
  });

  it('previews who loses the chance to submit when an open call closes early', async () => {
    const org = await createOrganisation(applicant, { nameKo: '마감전AI', nameEn: 'Before Close AI' });
    await readyApplication(applicant, org);
    const preview = await operator.post(`/api/v1/calls/${PROGRAM}/2025-call/state`, { action: 'close', reason: '', mode: 'preview' });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.draftsLeft.count).toBeGreaterThanOrEqual(1);
    expect(preview.body.draftsLeft.organisations).toContainEqual({ ko: '마감전AI', en: 'Before Close AI' });
    // the preview changed nothing
    expect((await anonymous.get(`/api/v1/calls/${PROGRAM}/2025-call`)).body.call.state).toBe('open');
  });
});
