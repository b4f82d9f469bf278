import { useQuery } from '@tanstack/react-query';
import type { CallInput, RouteContract, ResponseOf } from '@stagegate/core/contract/route';
import { allocationsContract } from '@stagegate/core/contract/allocations';
import { usageContract } from '@stagegate/core/contract/usage';
import type { ChangeRequest } from '@stagegate/core/allocation/change-request';
import { call, pathOf } from '../../api/contract-client';
import type { useMutationCall } from '../../api/use-mutation-call';

export { allocationsContract, usageContract };
export type { ChangeRequest };

/** GET /api/v1/programs/:slug/allocations, as the contract says */
export type Overview = ResponseOf<typeof allocationsContract.overview>;
export type Allocation = Overview['allocations'][number];
export type OccupancyStep = Overview['timeline'][number]['steps'][number];
export type AllocationChange = Extract<ResponseOf<typeof allocationsContract.update>, { status: 'preview' }>['changes'][number];
export type ChangeRequestRow = ResponseOf<typeof allocationsContract.changeRequests>['requests'][number];

/**
 * Sends a contract route through a form's mutation call (its field issues kept beside the inputs),
 * typed by the route's answer.
 */
export const sendBy = <C extends RouteContract>(m: ReturnType<typeof useMutationCall>, c: C, input: CallInput<C>) =>
  m.send<ResponseOf<C>>(c.method as 'POST' | 'PUT' | 'PATCH' | 'DELETE', pathOf(c, input), input.body ?? {});

export const useOverview = (slug: string, enabled = true) =>
  useQuery({ queryKey: ['allocation-overview', slug], enabled, queryFn: () => call(allocationsContract.overview, { params: { slug } }) });

export const useChangeRequests = (slug: string, enabled: boolean) =>
  useQuery({
    queryKey: ['allocation-change-requests', slug],
    enabled,
    queryFn: () => call(allocationsContract.changeRequests, { params: { slug } }).then((r) => r.requests),
  });

export const useProgramUsage = (slug: string, phase: string, enabled: boolean) =>
  useQuery({ queryKey: ['allocation-usage', slug, phase], enabled, queryFn: () => call(usageContract.program, { params: { slug }, query: { phase } }) });

export const useTaskUsage = (taskId: string, phase?: string) =>
  useQuery({ queryKey: ['allocation-task-usage', taskId, phase ?? ''], queryFn: () => call(usageContract.task, { params: { id: taskId }, query: { phase } }) });

export const taskColors = ['indigo.6', 'teal.6', 'orange.6', 'grape.6', 'cyan.7', 'lime.7', 'pink.6', 'yellow.7'];

/** A Mantine colour (`indigo.6`) as the CSS variable the theme defines, for SVG strokes and fills. */
export const chartColor = (c: string) => `var(--mantine-color-${c.replace('.', '-')})`;

export const formatHours = (h: number, lang: string) => h.toLocaleString(lang === 'en' ? 'en-US' : 'ko-KR', { maximumFractionDigits: 1 });
export const formatPercent = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
