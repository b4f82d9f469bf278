import { useQuery } from '@tanstack/react-query';
import { programsContract as c } from '@stagegate/core/contract/programs';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { call } from './contract-client';

export type ProgramSummary = ResponseOf<typeof c.list>['programs'][number];

export const usePrograms = () => useQuery({ queryKey: ['programs'], queryFn: () => call(c.list).then((r) => r.programs) });

export const useProgram = (slug: string) => useQuery({ queryKey: ['programs', slug], queryFn: () => call(c.get, { params: { slug } }) });
