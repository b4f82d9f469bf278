import { callStateLabels, callStateRank } from '@stagegate/core/call/call-state';
import type { FieldIssue } from '@stagegate/core/shared/localized';
import { callStateAt, resolveCall } from '../applications/call-catalog.ts';
import { databaseNow } from '../db/clock.ts';
import type { Db } from '../db/connect.ts';
import type { ReviewCall } from './review-call.ts';

/** Selection happens between the close and the publication: never while applications may still arrive. */
export async function selectionStateIssue(db: Db, call: ReviewCall): Promise<FieldIssue | null> {
  const resolved = await resolveCall(db, call.programSlug, call.callKey);
  if (!resolved) return null;
  const state = callStateAt(resolved, await databaseNow(db));
  if (state === 'closed' || state === 'under_review') return null;
  const s = callStateLabels[state];
  return callStateRank(state) < callStateRank('closed')
    ? { field: 'call', message: { ko: `공모가 ${s.ko} 상태입니다. 접수를 마감한 뒤에 선정할 수 있습니다`, en: `the call is ${s.en}; select after it closes` } }
    : {
        field: 'call',
        message: {
          ko: `공모가 ${s.ko} 상태입니다. 발표를 취소한 뒤에 선정을 바꿀 수 있습니다`,
          en: `the call's ${s.en}; withdraw the publication to change the selection`,
        },
      };
}
