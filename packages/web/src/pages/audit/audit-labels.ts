import type { TFunction } from 'i18next';

/**
 * An action as the office reads it: `allocation.change-request.approve` → "GPU 배정 변경 요청 승인".
 * Each part of an action is a word of its own, so a new action reads well without a new sentence;
 * a part without a word is a missing translation (the Korean page walk fails on it).
 */
export function actionLabel(action: string, t: TFunction): string {
  return action
    .split('.')
    .map((part) => t(`audit.words.${part}`))
    .join(' ');
}

export function objectLabel(objectType: string, t: TFunction): string {
  return t(`audit.objects.${objectType}`);
}

/** Internal references (ids, hashes) are not changes a reader follows: the object's name says which. */
export const isReferenceField = (field: string) => /(^|\.)(id|[a-zA-Z]*Id|[a-zA-Z]*Ids|hash|prevHash|sha256)(\.\d+)?$/.test(field);
