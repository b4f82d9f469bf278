import type { TFunction } from 'i18next';
import type { Call } from '../../api/types';

/** A call's task slots as the office reads them: the count, and the task keys registered for them. */
export function slotsLabel(t: TFunction, slots: NonNullable<Call['taskSlots']>): string {
  return slots.keys.length
    ? t('officeCalls.slotsWithKeys', { count: slots.count, keys: slots.keys.join(', ') })
    : t('officeCalls.slotsCount', { count: slots.count });
}
