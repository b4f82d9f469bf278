import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Call, GpuPool, LocalizedText, Phase, ProgramDefinition } from './types';

export interface ProgramSummary {
  slug: string;
  revision: number;
  name: LocalizedText;
  shortName: LocalizedText;
  description: LocalizedText;
  supportTypes: string[];
  taskCount: number;
  gpuPools: GpuPool[];
  phases: Phase[];
  calls: Call[];
}

export const usePrograms = () => useQuery({ queryKey: ['programs'], queryFn: () => api<{ programs: ProgramSummary[] }>('/api/v1/programs').then((r) => r.programs) });

export const useProgram = (slug: string) =>
  useQuery({ queryKey: ['programs', slug], queryFn: () => api<{ slug: string; revision: number; definition: ProgramDefinition }>(`/api/v1/programs/${slug}`) });
