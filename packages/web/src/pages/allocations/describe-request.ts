import type { TFunction } from 'i18next';
import type { Allocation, ChangeRequest } from './api';

/** One line saying what a request asks for, in the reader's language. */
export function describeRequest(r: ChangeRequest, allocations: Allocation[], t: TFunction): string {
  const since = (day?: string) => (day ? t('allocations.describe.since', { day }) : '');
  const minutes = (m?: number) => (m ? t('allocations.describe.minutes', { minutes: m.toLocaleString() }) : '');
  switch (r.kind) {
    case 'supplement':
      return t('allocations.describe.supplement', { gpus: r.addGpus, from: since(r.effectiveFrom) }) + minutes(r.addGpuMinutes);
    case 'extension':
      return t('allocations.describe.extension', { end: r.newEnd });
    case 'transfer':
      return t('allocations.describe.transfer', {
        gpus: r.gpus,
        from: allocations.find((a) => a.id === r.fromAllocationId)?.taskKey ?? '?',
        since: since(r.effectiveFrom),
      });
    case 'reduction':
    case 'reclaim':
      return t('allocations.describe.reduction', { gpus: r.removeGpus, from: since(r.effectiveFrom) }) + minutes(r.removeGpuMinutes);
  }
}
