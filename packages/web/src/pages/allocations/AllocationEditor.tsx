import { Alert, Button, Group, Modal, NumberInput, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pick } from '../../format/time';
import { allocationsContract as c, sendBy, type Allocation, type AllocationChange, type Overview } from './api';
import { ChangePreview } from './ChangePreview';
import { useMutationCall } from '../../api/use-mutation-call';

/** The operator's editor: fields → preview of the changes → save with a reason (or remove). */
export function AllocationEditor({
  overview,
  phaseKey,
  allocation,
  onClose,
}: {
  overview: Overview;
  phaseKey: string;
  allocation: Allocation | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const phase = overview.program.phases.find((p) => p.key === phaseKey)!;
  const [taskId, setTaskId] = useState<string | null>(allocation?.taskId ?? overview.tasks[0]?.id ?? null);
  const [gpus, setGpus] = useState<number | string>(allocation?.gpus ?? overview.program.pools[0]?.nodeType.gpusPerNode ?? 8);
  const [gpuMinutes, setGpuMinutes] = useState<number | string>(allocation?.gpuMinutes ?? '');
  const [start, setStart] = useState(allocation?.start ?? phase.start);
  const [end, setEnd] = useState(allocation?.end ?? phase.end);
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<AllocationChange[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const m = useMutationCall();

  const fields = { gpus: Number(gpus), gpuMinutes: gpuMinutes === '' ? null : Number(gpuMinutes), start, end };
  async function go(mode: 'preview' | 'commit', remove = false) {
    setMessage(null);
    const body = { mode, reason: reason || undefined };
    const res = remove
      ? await sendBy(m, c.remove, { params: { id: allocation!.id }, body: { ...body, reason: reason || '-' } })
      : allocation
        ? await sendBy(m, c.update, { params: { id: allocation.id }, body: { ...body, ...fields } })
        : await sendBy(m, c.create, {
            params: { slug: overview.program.slug },
            // the server names a missing task (taskId) beside its field
            body: { ...body, allocation: { taskId: taskId!, poolKey: overview.program.pools[0]!.key, phaseKey, ...fields } },
          });
    if (!res) return setPreview(null);
    if (res.status === 'unchanged') return setMessage(t('allocations.editor.unchanged'));
    if (res.status === 'preview') return setPreview(res.changes);
    setPreview(null);
    setMessage(t('allocations.editor.saved'));
    if (remove) onClose();
  }

  const task = overview.tasks.find((x) => x.id === taskId);
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={allocation ? t('allocations.editor.titleEdit', { task: allocation.taskKey }) : t('allocations.editor.titleNew')}
    >
      <Stack>
        {!allocation && (
          <Select
            label={t('allocations.editor.task')}
            data={overview.tasks.map((x) => ({ value: x.id, label: `${x.key} · ${pick(x.name, lang)}` }))}
            value={taskId}
            onChange={setTaskId}
            error={m.issueFor('taskId')}
          />
        )}
        <TextInput label={t('allocations.editor.phase')} value={`${pick(phase.name, lang)} (${phase.start} – ${phase.end})`} readOnly />
        <Group grow>
          <NumberInput label={t('allocations.editor.gpus')} value={gpus} onChange={setGpus} step={8} min={0} error={m.issueFor('gpus')} />
          <NumberInput label={t('allocations.editor.gpuMinutes')} value={gpuMinutes} onChange={setGpuMinutes} min={0} error={m.issueFor('gpuMinutes')} />
        </Group>
        <Group grow>
          <TextInput
            type="date"
            label={t('allocations.editor.start')}
            value={start}
            onChange={(e) => setStart(e.currentTarget.value)}
            error={m.issueFor('start')}
          />
          <TextInput type="date" label={t('allocations.editor.end')} value={end} onChange={(e) => setEnd(e.currentTarget.value)} error={m.issueFor('end')} />
        </Group>
        <Textarea label={t('allocations.editor.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />
        {m.error && (
          <Alert color="red" data-testid="editor-error">
            {m.error}
          </Alert>
        )}
        {preview && <ChangePreview changes={preview} />}
        {message && (
          <Alert color="green" data-testid="editor-message">
            {message}
          </Alert>
        )}
        <Group justify="space-between">
          {allocation ? (
            <Button color="red" variant="subtle" onClick={() => go('commit', true)} loading={m.busy}>
              {t('allocations.editor.remove')}
            </Button>
          ) : (
            <span>{task ? task.key : ''}</span>
          )}
          <Group>
            <Button variant="default" onClick={() => go('preview')} loading={m.busy}>
              {t('allocations.editor.preview')}
            </Button>
            <Button onClick={() => go('commit')} disabled={!preview} loading={m.busy}>
              {t('allocations.editor.commit')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
