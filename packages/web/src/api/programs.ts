import { useQuery } from '@tanstack/react-query';
import { programsContract as c } from '@stagegate/core/contract/programs';
import { call } from './contract-client';

export const usePrograms = () => useQuery({ queryKey: ['programs'], queryFn: () => call(c.list).then((r) => r.programs) });

export const useProgram = (slug: string) => useQuery({ queryKey: ['programs', slug], queryFn: () => call(c.get, { params: { slug } }) });
