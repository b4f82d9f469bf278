import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput, RouteContract } from '@stagegate/core/contract/route';
import { api, ApiRequestError } from '../../api/client';
import { pathOf } from '../../api/contract-client';
import type { FieldIssue } from '../../api/types';
import { pick } from '../../format/time';
import type { ResourceResult } from './api';
import { errorText } from '../../api/error-text';

/** Which label names a field of the API's answers (the last part of its path). */
const fieldLabels: Record<string, string> = {
  partitionName: 'resources.binding.partition',
  poolKey: 'resources.binding.pool',
  nodeGroups: 'resources.partition.nodeGroups',
  nodeTypeKey: 'resources.partition.nodeType',
  name: 'resources.partition.name',
  gpuModel: 'resources.nodeTypes.gpuModel',
  gpusPerNode: 'resources.nodeTypes.gpusPerNode',
  cpusPerNode: 'resources.nodeTypes.cpusPerNode',
  memoryGb: 'resources.nodeTypes.memoryGb',
  key: 'resources.nodeTypes.key',
  slurmClusterName: 'resources.cluster.slurmClusterName',
  bindingNodes: 'resources.binding.nodes',
  reason: 'resources.editor.reason',
};

/** validate → preview → commit for the resource editors; keeps field issues to show by the inputs. */
export function useResourceMutation() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // a pool's named nodes are `nodes` and `nodes.N` at the top of the body; every other field by its last part
  const fieldName = (field: string) => (field === 'nodes' || /^nodes\.\d+$/.test(field) ? 'bindingNodes' : (field.split('.').at(-1) ?? field));
  /** Sends one of the inventory's edit routes (they all answer a ResourceResult). */
  async function send<C extends RouteContract>(c: C, input: CallInput<C>): Promise<ResourceResult | null> {
    setBusy(true);
    setError(null);
    try {
      const res = await api<ResourceResult>(pathOf(c, input), { method: c.method, body: input.body });
      setIssues([]);
      if (res.status === 'committed') await qc.invalidateQueries();
      return res;
    } catch (e) {
      if (e instanceof ApiRequestError) {
        setIssues(e.issues);
        setError(e.issues.length ? null : errorText(e, i18n));
      } else setError(errorText(e, i18n));
      return null;
    } finally {
      setBusy(false);
    }
  }
  const issueFor = (...fields: string[]) => {
    const found = issues.filter((x) => fields.includes(fieldName(x.field)));
    return found.length ? found.map((i) => pick(i.message, i18n.language)).join(' · ') : undefined;
  };
  /** Each issue as "field label: message", for the summary above the buttons. */
  const described = issues.map((i) => {
    const label = fieldLabels[fieldName(i.field)];
    // a Korean page never shows a field path: an unlabelled field shows only its message
    if (!label) return i18n.language === 'en' ? `${i.field}: ${pick(i.message, 'en')}` : pick(i.message, i18n.language);
    return `${t(label)}: ${pick(i.message, i18n.language)}`;
  });
  return { send, issues, described, error, busy, issueFor };
}
