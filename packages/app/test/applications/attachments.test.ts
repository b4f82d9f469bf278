import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, signIn } from '../support/test-context.ts';
import { api, CALL, createOrganisation, multipart, PROGRAM, readyApplication, samplePdf, signUp, type Api } from './support.ts';

let t: Awaited<ReturnType<typeof createTestServer>>;
let alice: Api;
let aliceCookie: string;
let mallory: Api;
let operator: Api;
beforeAll(async () => {
  t = await createTestServer();
  aliceCookie = await signUp(t, 'alice@files.test');
  alice = api(t.app, aliceCookie);
  mallory = api(t.app, await signUp(t, 'mallory@files.test'));
  operator = api(t.app, await signIn(t.app, 'operator@demo.stagegate.kr'));
});
afterAll(() => t.dispose());

async function upload(id: string, fileName: string, bytes: Buffer, cookie = aliceCookie) {
  const { payload, headers } = multipart(fileName, bytes);
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/applications/${id}/attachments`, payload, headers: { ...headers, cookie } });
  return { status: res.statusCode, body: res.json() };
}

describe('attachments', () => {
  it('stores a PDF with its SHA-256, streams it back byte for byte, and freezes it into the submission', async () => {
    const { id, version } = await readyApplication(alice, await createOrganisation(alice));
    const pdf = samplePdf(50_000);
    const res = await upload(id, '사업계획서.pdf', pdf);
    expect(res.status).toBe(201);
    expect(res.body.attachment).toMatchObject({ fileName: '사업계획서.pdf', sizeBytes: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') });
    const back = await t.app.inject({
      method: 'GET',
      url: `/api/v1/applications/${id}/attachments/${res.body.attachment.id}`,
      headers: { cookie: aliceCookie },
    });
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(back.rawPayload, pdf)).toBe(0);
    expect((await mallory.get(`/api/v1/applications/${id}/attachments/${res.body.attachment.id}`)).status).toBe(403);
    const receipt = (await alice.post(`/api/v1/applications/${id}/submit`, { version })).body.receipt;
    const frozen = await alice.get(`/api/v1/applications/${id}/versions/${receipt.version}`);
    expect(frozen.body.content.attachments).toEqual([expect.objectContaining({ id: res.body.attachment.id, sha256: res.body.attachment.sha256 })]);
    // a submitted application takes no more files
    expect((await upload(id, 'late.pdf', pdf)).status).toBe(409);
  });

  it('refuses a renamed executable (MZ, ELF) and any other non-PDF by content, whatever its name', async () => {
    const { id } = await readyApplication(alice, await createOrganisation(alice));
    const exe = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]), Buffer.alloc(4096, 1)]);
    const mz = await upload(id, 'proposal.pdf', exe);
    expect(mz.status).toBe(422);
    expect(mz.body.error.field).toBe('file');
    expect(mz.body.error.message).toContain('executable');
    expect(mz.body.error.issues[0].message.ko).toContain('실행 파일');
    const elf = await upload(id, 'proposal.pdf', Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01', 'latin1'), Buffer.alloc(100)]));
    expect(elf.body.error.message).toContain('executable');
    const text = await upload(id, 'notes.pdf', Buffer.from('just some text pretending'));
    expect(text.status).toBe(422);
    expect(text.body.error.message).toContain('not a PDF');
    const tiny = await upload(id, 'x.pdf', Buffer.from('%P'));
    expect(tiny.status).toBe(422);
    expect((await alice.get(`/api/v1/applications/${id}`)).body.attachments).toEqual([]);
  });

  it('refuses a file over the call’s limit with 413 and keeps nothing; a body that is not multipart gets 415', async () => {
    const set = await operator.put(`/api/v1/calls/${PROGRAM}/${CALL}/settings`, {
      form: { maxAttachmentBytes: 64 * 1024 },
      reason: 'small limit for the test',
    });
    expect(set.body.call.form.maxAttachmentBytes).toBe(64 * 1024);
    const { id } = await readyApplication(alice, await createOrganisation(alice));
    const big = await upload(id, 'big.pdf', samplePdf(200 * 1024));
    expect(big.status).toBe(413);
    expect(big.body.error.message).toContain('limit');
    expect(big.body.error.issues[0].message.ko).toContain('한도');
    expect((await upload(id, 'ok.pdf', samplePdf(10 * 1024))).status).toBe(201);
    expect((await alice.get(`/api/v1/applications/${id}`)).body.attachments).toHaveLength(1);
    const json = await alice.post(`/api/v1/applications/${id}/attachments`, { file: 'base64…' });
    expect(json.status).toBe(415);
    await operator.put(`/api/v1/calls/${PROGRAM}/${CALL}/settings`, { form: { maxAttachmentBytes: 20 * 1024 * 1024 }, reason: 'restore' });
  });

  it('a required attachment blocks submission until one is uploaded; removing one brings the block back', async () => {
    await operator.put(`/api/v1/calls/${PROGRAM}/${CALL}/settings`, { form: { fields: { attachments: 'required' } }, reason: 'attachments required' });
    const { id, version } = await readyApplication(alice, await createOrganisation(alice));
    const refused = await alice.post(`/api/v1/applications/${id}/submit`, { version });
    expect(refused.body.error.issues.map((i: { field: string }) => i.field)).toEqual(['proposal.attachments']);
    const up = await upload(id, 'plan.pdf', samplePdf());
    expect((await alice.del(`/api/v1/applications/${id}/attachments/${up.body.attachment.id}`)).body.removed).toBe(true);
    expect((await alice.post(`/api/v1/applications/${id}/submit`, { version })).status).toBe(422);
    await upload(id, 'plan.pdf', samplePdf());
    // issue 13 item 6: the preview says what would be frozen and submits nothing
    const preview = await alice.post(`/api/v1/applications/${id}/submit`, { version, mode: 'preview' });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ status: 'preview', version, attachments: 1 });
    expect(Date.parse(preview.body.closesAt)).toBeGreaterThan(Date.parse(preview.body.now));
    expect((await alice.get(`/api/v1/applications/${id}`)).body.application.status).toBe('draft');
    expect((await alice.post(`/api/v1/applications/${id}/submit`, { version })).status).toBe(201);
    await operator.put(`/api/v1/calls/${PROGRAM}/${CALL}/settings`, { form: { fields: { attachments: 'optional' } }, reason: 'restore' });
  });
});
