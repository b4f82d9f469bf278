import { useQuery } from '@tanstack/react-query';
import { openSourceContract as c } from '@stagegate/core/contract/open-source';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { call } from '../../api/contract-client';

/** One task's declared openness against its recorded releases (the office's review). */
export type TaskOpenness = ResponseOf<typeof c.openness>['tasks'][number];

/** The public registry of releases, each with its licence checked, and the licence rule per program. */
export const useReleases = () => useQuery({ queryKey: ['open-source'], queryFn: () => call(c.releases) });

export const useOpenness = () => useQuery({ queryKey: ['open-source', 'openness'], queryFn: () => call(c.openness) });
