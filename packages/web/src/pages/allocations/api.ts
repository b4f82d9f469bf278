import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { LocalizedText, Phase } from '../../api/types';
import type { Allocation } from '@stagegate/core/allocation/allocation';
import type { AllocationChange } from '@stagegate/core/allocation/allocation-diff';
import type { ChangeRequest } from '@stagegate/core/allocation/change-request';
import type { OccupancyStep } from '@stagegate/core/allocation/occupancy';
import type { GpuPoolCapacity } from '@stagegate/core/allocation/resources';
import type { BurnRateForecast } from '@stagegate/core/usage/burn-rate';

export type { Allocation, AllocationChange, ChangeRequest, OccupancyStep };

/** `underEvaluation`: what an applicant reads while the office has not published a decision about the task */
export type TaskStatus = 'active' | 'blocked' | 'eliminated' | 'completed' | 'underEvaluation';

export interface Overview {
  program: { slug: string; name: LocalizedText; shortName: LocalizedText; phases: Phase[]; pools: GpuPoolCapacity[] };
  today: string;
  tasks: { id: string; key: string; name: LocalizedText; status: TaskStatus; leadOrganisationName: LocalizedText | null; members: { clusterUsername: string; role: string }[] }[];
  allocations: Allocation[];
  timeline: { poolKey: string; phaseKey: string; capacity: number; steps: OccupancyStep[] }[];
  entitlements: { taskId: string; taskKey: string; phaseKey: string; gpuSeconds: number; gpuHours: number; peakGpus: number }[];
}

export interface ChangeRequestRow {
  id: string;
  kind: ChangeRequest['kind'];
  request: ChangeRequest;
  status: 'pending' | 'approved' | 'rejected';
  origin: 'manual' | 'under-use-policy';
  reason: string;
  explanation: LocalizedText | null;
  requestedByLabel: string;
  decidedByLabel: string | null;
  decisionReason: string | null;
  createdAt: string;
  decidedAt: string | null;
  taskKey: string;
  taskName: LocalizedText;
}

export interface ProgramUsage {
  phase: Phase;
  asOf: string;
  tasks: {
    taskId: string;
    taskKey: string;
    taskName: LocalizedText;
    entitledGpuHours: number;
    usedGpuHours: number;
    utilisation: number | null;
    projectedShare: number | null;
    forecastStatus: BurnRateForecast['status'];
    forecastMessage: LocalizedText;
    underUseLevel: 'too-early' | 'ok' | 'warn' | 'reclaim' | null;
    underUseMessage: LocalizedText | null;
  }[];
}

export interface TaskUsage {
  task: { id: string; key: string; name: LocalizedText; status: TaskStatus; programSlug: string };
  phases: Phase[];
  phase: Phase;
  asOf: string;
  entitledGpuHours: number;
  usedGpuHours: number;
  forecast: BurnRateForecast;
  series: { day: string; used: number | null; entitled: number; forecast: number | null }[];
}

export const useOverview = (slug: string) => useQuery({ queryKey: ['allocation-overview', slug], queryFn: () => api<Overview>(`/api/v1/programs/${slug}/allocations`) });

export const useChangeRequests = (slug: string, enabled: boolean) =>
  useQuery({ queryKey: ['allocation-change-requests', slug], enabled, queryFn: () => api<{ requests: ChangeRequestRow[] }>(`/api/v1/programs/${slug}/change-requests`).then((r) => r.requests) });

export const useProgramUsage = (slug: string, phase: string, enabled: boolean) =>
  useQuery({ queryKey: ['allocation-usage', slug, phase], enabled, queryFn: () => api<ProgramUsage>(`/api/v1/programs/${slug}/usage?phase=${encodeURIComponent(phase)}`) });

export const useTaskUsage = (taskId: string, phase?: string) =>
  useQuery({ queryKey: ['allocation-task-usage', taskId, phase ?? ''], queryFn: () => api<TaskUsage>(`/api/v1/tasks/${taskId}/usage${phase ? `?phase=${encodeURIComponent(phase)}` : ''}`) });

export const taskColors = ['indigo.6', 'teal.6', 'orange.6', 'grape.6', 'cyan.7', 'lime.7', 'pink.6', 'yellow.7'];

/** A Mantine colour (`indigo.6`) as the CSS variable the theme defines, for SVG strokes and fills. */
export const chartColor = (c: string) => `var(--mantine-color-${c.replace('.', '-')})`;

export const formatHours = (h: number, lang: string) => h.toLocaleString(lang === 'en' ? 'en-US' : 'ko-KR', { maximumFractionDigits: 1 });
export const formatPercent = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
