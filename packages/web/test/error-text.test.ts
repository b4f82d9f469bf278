import i18next from 'i18next';
import { afterAll, describe, expect, it } from 'vitest';
import '../src/i18n/index.ts';
import { ApiRequestError } from '../src/api/client.ts';
import { errorText } from '../src/api/error-text.ts';

afterAll(() => i18next.changeLanguage('ko'));

// A refusal the server words only in English (a 409, a 404) must not reach a Korean page as English.
describe('what a failed call says', () => {
  const conflict = new ApiRequestError(409, 'conflict', 'every task of program specialized-fm is in a final evaluation already');
  const capReached = new ApiRequestError(409, 'cap_reached', 'the cap of 3 votes per evaluator is reached');
  const teapot = new ApiRequestError(418, 'teapot', 'short and stout');
  const withIssues = new ApiRequestError(422, 'invalid', 'invalid', 'gpus', [
    { field: 'gpus', message: { ko: 'GPU 수는 8의 배수여야 합니다', en: 'GPUs come in nodes of 8' } },
  ]);

  it('in Korean: the words for its code, else for its status, never the English sentence', async () => {
    await i18next.changeLanguage('ko');
    expect(errorText(conflict, i18next)).toBe('이미 처리되었거나 다른 변경과 겹쳐 처리하지 못했습니다. 화면을 새로 고친 뒤 다시 확인해 주세요.');
    expect(errorText(capReached, i18next)).toBe('평가자 한 명이 할 수 있는 평가 수를 모두 채웠습니다.');
    expect(errorText(new ApiRequestError(409, 'something_new', 'x happened'), i18next)).toContain('다른 변경과 겹쳐');
    expect(errorText(teapot, i18next)).toBe('서버에서 오류가 났습니다. 잠시 뒤 다시 시도해 주세요.');
    expect(errorText(new TypeError('Failed to fetch'), i18next)).toBe('서버에 연결하지 못했습니다. 네트워크를 확인한 뒤 다시 시도해 주세요.');
    // the page's own fault is not told as a lost connection
    expect(errorText(new Error('cannot read properties of undefined'), i18next)).toBe('예상하지 못한 오류가 났습니다. 화면을 새로 고친 뒤 다시 시도해 주세요.');
    for (const e of [conflict, capReached, teapot]) expect(errorText(e, i18next)).not.toMatch(/[a-z]{3}/);
  });

  it("in Korean and English: the server's own field issues as they are", async () => {
    await i18next.changeLanguage('ko');
    expect(errorText(withIssues, i18next)).toBe('GPU 수는 8의 배수여야 합니다');
    await i18next.changeLanguage('en');
    expect(errorText(withIssues, i18next)).toContain('GPUs come in nodes of 8');
  });

  it("in English: the server's own sentence, which says more than the code", async () => {
    await i18next.changeLanguage('en');
    expect(errorText(conflict, i18next)).toBe('every task of program specialized-fm is in a final evaluation already');
    expect(errorText(new TypeError('Failed to fetch'), i18next)).toBe('The server could not be reached; check the network and try again.');
  });
});
