import { useQuery } from '@tanstack/react-query';
import { resultBundlesContract as c } from '@stagegate/core/contract/result-bundles';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { call } from '../../api/contract-client';

export type ResultBundleSummary = ResponseOf<typeof c.list>['bundles'][number];

export const useResultBundles = () => useQuery({ queryKey: ['public', 'result-bundles'], queryFn: () => call(c.list) });
