import { ActionIcon, Button, Group, MultiSelect, NumberInput, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pick } from '../../format/time';
import { resourcesContract as rc, type ClusterView, type NodeTypeSpec, type PartitionView, type PoolView, type ResourcesOverview } from './api';
import { EditorModal } from './EditorModal';
import { useResourceMutation } from './use-resource-mutation';

const num = (v: number | string) => (v === '' ? null : Number(v));

export function NodeTypeEditor({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const m = useResourceMutation();
  const [key, setKey] = useState('');
  const [gpuModel, setGpuModel] = useState('NVIDIA B200');
  const [gpusPerNode, setGpusPerNode] = useState<number | string>(8);
  const [cpus, setCpus] = useState<number | string>('');
  const [memory, setMemory] = useState<number | string>('');
  const nodeType = { key, gpuModel, gpusPerNode: Number(gpusPerNode), cpusPerNode: num(cpus), memoryGb: num(memory) };
  const submit = (mode: 'preview' | 'commit', reason: string) => m.send(rc.createNodeType, { body: { mode, reason: reason || undefined, nodeType } });
  return (
    <EditorModal title={t('resources.nodeTypes.add')} m={m} submit={submit} onClose={onClose} testId="node-type-editor" input={nodeType}>
      <Group grow>
        <TextInput
          label={t('resources.nodeTypes.key')}
          value={key}
          onChange={(e) => setKey(e.currentTarget.value)}
          error={m.issueFor('key')}
          placeholder="b200x8"
        />
        <TextInput
          label={t('resources.nodeTypes.gpuModel')}
          value={gpuModel}
          onChange={(e) => setGpuModel(e.currentTarget.value)}
          error={m.issueFor('gpuModel')}
        />
      </Group>
      <Group grow>
        <NumberInput label={t('resources.nodeTypes.gpusPerNode')} value={gpusPerNode} onChange={setGpusPerNode} min={1} error={m.issueFor('gpusPerNode')} />
        <NumberInput label={t('resources.nodeTypes.cpusPerNode')} value={cpus} onChange={setCpus} min={1} error={m.issueFor('cpusPerNode')} />
        <NumberInput label={t('resources.nodeTypes.memoryGb')} value={memory} onChange={setMemory} min={1} error={m.issueFor('memoryGb')} />
      </Group>
    </EditorModal>
  );
}

export function ClusterEditor({ cluster, onClose }: { cluster: ClusterView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const m = useResourceMutation();
  const [key, setKey] = useState(cluster?.key ?? '');
  const [nameKo, setNameKo] = useState(cluster?.name.ko ?? '');
  const [nameEn, setNameEn] = useState(cluster?.name.en ?? '');
  const [siteKo, setSiteKo] = useState(cluster?.site.ko ?? '');
  const [siteEn, setSiteEn] = useState(cluster?.site.en ?? '');
  const [slurm, setSlurm] = useState(cluster?.slurmClusterName ?? '');
  const [notes, setNotes] = useState(cluster?.notes ?? '');
  const fields = { key, name: { ko: nameKo, en: nameEn }, site: { ko: siteKo, en: siteEn }, slurmClusterName: slurm, notes: notes || null };
  const submit = (mode: 'preview' | 'commit', reason: string) => {
    const body = { mode, reason: reason || undefined, cluster: fields };
    return cluster ? m.send(rc.updateCluster, { params: { key: cluster.key }, body }) : m.send(rc.createCluster, { body });
  };
  return (
    <EditorModal
      title={cluster ? t('resources.cluster.edit') : t('resources.cluster.add')}
      m={m}
      submit={submit}
      onClose={onClose}
      testId="cluster-editor"
      input={fields}
    >
      <Group grow>
        <TextInput
          label={t('resources.cluster.key')}
          value={key}
          onChange={(e) => setKey(e.currentTarget.value)}
          readOnly={!!cluster}
          error={m.issueFor('key')}
        />
        <TextInput
          label={t('resources.cluster.slurmClusterName')}
          value={slurm}
          onChange={(e) => setSlurm(e.currentTarget.value)}
          error={m.issueFor('slurmClusterName')}
        />
      </Group>
      <Group grow>
        <TextInput label={t('resources.cluster.nameKo')} value={nameKo} onChange={(e) => setNameKo(e.currentTarget.value)} error={m.issueFor('ko')} />
        <TextInput label={t('resources.cluster.nameEn')} value={nameEn} onChange={(e) => setNameEn(e.currentTarget.value)} error={m.issueFor('en')} />
      </Group>
      <Group grow>
        <TextInput label={t('resources.cluster.siteKo')} value={siteKo} onChange={(e) => setSiteKo(e.currentTarget.value)} />
        <TextInput label={t('resources.cluster.siteEn')} value={siteEn} onChange={(e) => setSiteEn(e.currentTarget.value)} />
      </Group>
      <Textarea label={t('resources.cluster.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} />
    </EditorModal>
  );
}

export function PartitionEditor({
  cluster,
  partition,
  nodeTypes,
  onClose,
}: {
  cluster: ClusterView;
  partition: PartitionView | null;
  nodeTypes: NodeTypeSpec[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const m = useResourceMutation();
  const [name, setName] = useState(partition?.name ?? '');
  const [nodeTypeKey, setNodeTypeKey] = useState<string | null>(partition?.nodeTypeKey ?? nodeTypes[0]?.key ?? null);
  const [groups, setGroups] = useState<{ label: string; nodes: number | string }[]>(partition?.nodeGroups ?? [{ label: '', nodes: 1 }]);
  const setGroup = (i: number, patch: Partial<{ label: string; nodes: number | string }>) =>
    setGroups(groups.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  const fields = { name, nodeTypeKey, nodeGroups: groups.map((g) => ({ label: g.label, nodes: Number(g.nodes) })) };
  const submit = (mode: 'preview' | 'commit', reason: string) => {
    const body = { mode, reason: reason || undefined, partition: fields };
    return partition
      ? m.send(rc.updatePartition, { params: { key: cluster.key, name: partition.name }, body })
      : m.send(rc.createPartition, { params: { key: cluster.key }, body });
  };
  return (
    <EditorModal
      title={`${partition ? t('resources.partition.edit') : t('resources.partition.add')} · ${cluster.key}`}
      m={m}
      submit={submit}
      onClose={onClose}
      testId="partition-editor"
      input={fields}
    >
      <Group grow>
        <TextInput
          label={t('resources.partition.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          readOnly={!!partition}
          error={m.issueFor('name')}
        />
        <Select
          label={t('resources.partition.nodeType')}
          data={nodeTypes.map((n) => ({ value: n.key, label: `${n.key} · ${t('resources.nodeTypes.shape', { model: n.gpuModel, perNode: n.gpusPerNode })}` }))}
          value={nodeTypeKey}
          onChange={(v) => setNodeTypeKey(v)}
          error={m.issueFor('nodeTypeKey')}
        />
      </Group>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('resources.partition.nodeGroups')}
        </Text>
        {groups.map((g, i) => (
          <Group key={i} align="flex-end" grow>
            <TextInput label={t('resources.partition.groupLabel')} value={g.label} onChange={(e) => setGroup(i, { label: e.currentTarget.value })} />
            <NumberInput label={t('resources.partition.groupNodes')} value={g.nodes} onChange={(v) => setGroup(i, { nodes: v })} min={1} />
            {groups.length > 1 && (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('resources.partition.removeGroup')}
                onClick={() => setGroups(groups.filter((_, j) => j !== i))}
                style={{ flexGrow: 0 }}
              >
                ×
              </ActionIcon>
            )}
          </Group>
        ))}
        {m.issueFor('nodeGroups', 'label', 'nodes') && (
          <Text size="xs" c="red" data-testid="node-groups-error">
            {m.issueFor('nodeGroups', 'label', 'nodes')}
          </Text>
        )}
        <Button size="xs" variant="light" onClick={() => setGroups([...groups, { label: '', nodes: 1 }])} style={{ alignSelf: 'flex-start' }}>
          {t('resources.partition.addGroup')}
        </Button>
      </Stack>
    </EditorModal>
  );
}

export function BindingEditor({ pool, overview, onClose }: { pool: PoolView; overview: ResourcesOverview; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const m = useResourceMutation();
  const options = overview.clusters.flatMap((c) =>
    c.partitions.map((p) => ({
      value: `${c.key}/${p.name}`,
      label: t('resources.binding.partitionOption', { cluster: pick(c.name, i18n.language), partition: p.name, used: p.usedNodes, total: p.nodes }),
    })),
  );
  const [target, setTarget] = useState<string | null>(
    pool.placement ? `${pool.placement.clusterKey}/${pool.placement.partitionName}` : (options[0]?.value ?? null),
  );
  // the node groups behind the pool are named with the change (issue 13 item 8)
  const [nodes, setNodes] = useState<string[]>([]);
  const groups = overview.clusters.flatMap((c) =>
    c.partitions.filter((p) => `${c.key}/${p.name}` === target).flatMap((p) => p.nodeGroups.map((g) => ({ value: g.label, label: `${g.label} (${g.nodes})` }))),
  );
  const submit = (mode: 'preview' | 'commit', reason: string) => {
    const [clusterKey, partitionName] = (target ?? '/').split('/');
    return m.send(rc.bindPool, {
      params: { program: pool.programSlug, pool: pool.poolKey },
      body: { mode, reason: reason || undefined, nodes, clusterKey: clusterKey!, partitionName: partitionName! },
    });
  };
  const label = `${pool.programSlug}/${pool.poolKey}`;
  return (
    <EditorModal
      title={t('resources.binding.title', { pool: label })}
      m={m}
      submit={submit}
      onClose={onClose}
      testId="binding-editor"
      input={{ target, nodes }}
    >
      <TextInput
        label={t('resources.binding.pool')}
        value={`${label} · ${pick(pool.name, i18n.language)} · ${pool.gpuModel} ${pool.gpus.toLocaleString()} (${pool.nodes} × ${pool.gpusPerNode})`}
        readOnly
        error={m.issueFor('poolKey')}
      />
      <Select
        label={t('resources.binding.partition')}
        data={options}
        value={target}
        onChange={(v) => (setTarget(v), setNodes([]))}
        error={m.issueFor('partitionName', 'clusterKey')}
      />
      <MultiSelect
        label={t('resources.binding.nodes')}
        data={groups}
        value={nodes}
        onChange={setNodes}
        error={m.issueFor('bindingNodes')}
        data-testid="binding-nodes"
      />
    </EditorModal>
  );
}
