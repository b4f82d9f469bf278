import { Alert, Button, Card, FileButton, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { programsContract } from '@stagegate/core/contract/programs';
import type { ResponseOf } from '@stagegate/core/contract/route';
import { ApiRequestError } from '../../api/client';
import { call, pathOf } from '../../api/contract-client';
import type { Call, FieldChange, FieldIssue, LocalizedText, ProgramDefinition } from '../../api/types';
import { FieldValue } from '../../format/field-value';
import { pick } from '../../format/time';
import { slotsLabel } from './slots-label';
import { callOf, draftOf, emptyDraft, inputOfIssue, type CallDraft, type DocumentDraft } from './call-draft';
import { errorText } from '../../api/error-text';

type LabelledChange = FieldChange & { label?: LocalizedText };

async function uploadDocument(slug: string, file: File): Promise<Omit<DocumentDraft, 'kind' | 'title'>> {
  // a multipart body: sent by hand, answered as the contract says
  const body = new FormData();
  body.append('file', file);
  const res = await fetch(pathOf(programsContract.uploadCallDocument, { params: { slug } }), { method: 'POST', credentials: 'include', body });
  const json = (await res.json()) as ResponseOf<typeof programsContract.uploadCallDocument, 201> & {
    error?: { code?: string; message?: string; field?: string; issues?: FieldIssue[] };
  };
  if (!res.ok)
    throw new ApiRequestError(res.status, json?.error?.code ?? 'error', json?.error?.message ?? res.statusText, json?.error?.field, json?.error?.issues ?? []);
  return json.document;
}

/**
 * Create or edit one call of a program: the whole definition goes through the program change
 * (preview in words, then a commit with a reason), so every rule is the server's.
 */
export function CallForm({
  slug,
  program,
  revision,
  callKey,
  onDone,
}: {
  slug: string;
  program: ProgramDefinition;
  revision: number;
  callKey: string | null;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const existingIndex = callKey ? program.calls.findIndex((c) => c.key === callKey) : -1;
  const before: Call | undefined = existingIndex >= 0 ? program.calls[existingIndex] : undefined;
  const [draft, setDraft] = useState<CallDraft>(() => (before ? draftOf(before) : emptyDraft()));
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [preview, setPreview] = useState<LabelledChange[] | null>(null);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ color: string; text: string } | null>(null);
  const [uploading, setUploading] = useState(false);
  const index = existingIndex >= 0 ? existingIndex : program.calls.length;

  const set = (patch: Partial<CallDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setPreview(null);
  };
  const errorOf = (input: string) => {
    const found = issues.filter((i) => inputOfIssue(i.field, index) === input);
    return found.length ? found.map((i) => pick(i.message, lang)).join(' · ') : undefined;
  };
  const definition = () => {
    const calls = [...program.calls] as unknown[];
    calls[index] = callOf(draft, before);
    return { ...program, calls };
  };
  const send = async (mode: 'preview' | 'commit') => {
    setMessage(null);
    try {
      const res = await call(programsContract.update, {
        params: { slug },
        body: { definition: definition(), expectedRevision: revision, mode, reason: reason || undefined },
      });
      setIssues([]);
      if (res.status === 'unchanged') setMessage({ color: 'gray', text: t('officeCalls.form.unchanged') });
      else if (res.status === 'preview') setPreview(res.changes);
      else {
        // the calls' states first: the new row then shows with its state, never with a dash
        await qc.invalidateQueries({ queryKey: ['calls'] });
        await qc.invalidateQueries({ queryKey: ['programs'] });
        onDone();
      }
    } catch (e) {
      if (e instanceof ApiRequestError && e.status === 409) setMessage({ color: 'orange', text: t('officeCalls.form.conflict') });
      else if (e instanceof ApiRequestError && e.issues.length) {
        setIssues(e.issues);
        setMessage({ color: 'red', text: t('officeCalls.form.invalid', { count: e.issues.length }) });
      } else setMessage({ color: 'red', text: errorText(e, i18n) });
    }
  };
  const upload = async (file: File | null) => {
    if (!file) return;
    setUploading(true);
    setMessage(null);
    try {
      const stored = await uploadDocument(slug, file);
      const stem = stored.fileName.replace(/\.[^.]+$/, '');
      const kind = draft.documents.some((d) => d.kind === 'announcement') ? 'form' : 'announcement';
      set({ documents: [...draft.documents, { kind, title: { ko: stem, en: stem }, ...stored }] });
    } catch (e) {
      const text = e instanceof ApiRequestError && e.issues.length ? e.issues.map((i) => pick(i.message, lang)).join(' · ') : errorText(e, i18n);
      setMessage({ color: 'red', text });
    } finally {
      setUploading(false);
    }
  };
  const setDoc = (i: number, patch: Partial<DocumentDraft>) => set({ documents: draft.documents.map((d, j) => (j === i ? { ...d, ...patch } : d)) });
  const input = (name: keyof CallDraft, label: string, extra: Record<string, unknown> = {}) => (
    <TextInput
      label={label}
      name={name}
      value={draft[name] as string}
      error={errorOf(name)}
      onChange={(e) => set({ [name]: e.currentTarget.value } as Partial<CallDraft>)}
      {...extra}
    />
  );

  return (
    <Card withBorder padding="lg" data-testid="call-form">
      <Stack>
        <Title order={3}>{before ? t('officeCalls.form.editTitle', { name: pick(before.name, lang) }) : t('officeCalls.form.newTitle')}</Title>
        {message && (
          <Alert color={message.color} data-testid="call-form-message">
            {message.text}
          </Alert>
        )}
        {!before && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {input('key', t('officeCalls.form.key'), { description: t('officeCalls.form.keyHelp') })}
            {input('receiptPrefix', t('officeCalls.form.receiptPrefix'), { description: t('officeCalls.form.receiptPrefixHelp') })}
          </SimpleGrid>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {input('nameKo', t('officeCalls.form.nameKo'))}
          {input('nameEn', t('officeCalls.form.nameEn'))}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Textarea
            label={t('officeCalls.form.noticeKo')}
            name="noticeKo"
            autosize
            minRows={3}
            value={draft.noticeKo}
            error={errorOf('noticeKo')}
            onChange={(e) => set({ noticeKo: e.currentTarget.value })}
          />
          <Textarea
            label={t('officeCalls.form.noticeEn')}
            name="noticeEn"
            autosize
            minRows={3}
            value={draft.noticeEn}
            error={errorOf('noticeEn')}
            onChange={(e) => set({ noticeEn: e.currentTarget.value })}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {input('opens', t('officeCalls.form.opens'), { type: 'datetime-local', description: t('officeCalls.form.seoulTime') })}
          {input('closes', t('officeCalls.form.closes'), { type: 'datetime-local', description: t('officeCalls.form.seoulTime') })}
        </SimpleGrid>
        <Title order={4}>{t('officeCalls.form.slots')}</Title>
        <Text size="sm" c="dimmed">
          {t('officeCalls.form.slotsHelp', { count: program.taskCount })}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {input('slotCount', t('officeCalls.form.slotCount'), {
            inputMode: 'numeric',
            placeholder: t('officeCalls.form.slotCountPlaceholder', { count: program.taskCount }),
          })}
          {input('slotKeys', t('officeCalls.form.slotKeys'), { description: t('officeCalls.form.slotKeysHelp') })}
        </SimpleGrid>
        <Title order={4}>{t('officeCalls.form.briefing')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {input('briefingAt', t('officeCalls.form.briefingAt'), { type: 'datetime-local', description: t('officeCalls.form.seoulTime') })}
          {input('onlineUrl', t('officeCalls.form.onlineUrl'))}
          {input('placeKo', t('officeCalls.form.placeKo'))}
          {input('placeEn', t('officeCalls.form.placeEn'))}
        </SimpleGrid>
        <Title order={4}>{t('officeCalls.form.documents')}</Title>
        {errorOf('documents') && (
          <Text c="red" size="sm">
            {errorOf('documents')}
          </Text>
        )}
        {draft.documents.length > 0 && (
          <Table data-testid="call-documents">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('officeCalls.form.docKind')}</Table.Th>
                <Table.Th>{t('officeCalls.form.docTitleKo')}</Table.Th>
                <Table.Th>{t('officeCalls.form.docTitleEn')}</Table.Th>
                <Table.Th>{t('officeCalls.form.docFile')}</Table.Th>
                <Table.Th>{t('officeCalls.form.docRemove')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {draft.documents.map((d, i) => (
                <Table.Tr key={d.sha256}>
                  <Table.Td>
                    <SegmentedControl
                      size="xs"
                      value={d.kind}
                      onChange={(v) => setDoc(i, { kind: v as DocumentDraft['kind'] })}
                      data={[
                        { value: 'announcement', label: t('officeCalls.kind.announcement') },
                        { value: 'form', label: t('officeCalls.kind.form') },
                      ]}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('officeCalls.form.docTitleKo')}
                      value={d.title.ko}
                      onChange={(e) => setDoc(i, { title: { ...d.title, ko: e.currentTarget.value } })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('officeCalls.form.docTitleEn')}
                      value={d.title.en}
                      onChange={(e) => setDoc(i, { title: { ...d.title, en: e.currentTarget.value } })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" translate="no">
                      {d.fileName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('officeCalls.form.size', { kb: Math.ceil(d.sizeBytes / 1024).toLocaleString() })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" color="red" onClick={() => set({ documents: draft.documents.filter((_, j) => j !== i) })}>
                      {t('officeCalls.form.docRemove')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group>
          <FileButton onChange={upload} accept=".pdf,.hwp,.hwpx,.docx,.xlsx">
            {(props) => (
              <Button {...props} variant="light" loading={uploading} data-testid="call-document-upload">
                {t('officeCalls.form.upload')}
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed">
            {t('officeCalls.form.uploadHelp')}
          </Text>
        </Group>
        <Group>
          <Button variant="default" onClick={() => send('preview')} data-testid="call-preview">
            {t('officeCalls.form.preview')}
          </Button>
          <Button variant="subtle" onClick={onDone}>
            {t('officeCalls.cancel')}
          </Button>
        </Group>
        {preview && preview.length > 0 && (
          <Stack data-testid="call-change-preview">
            <Text fw={600}>{t('officeCalls.form.changes', { count: preview.length })}</Text>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('officeCalls.form.field')}</Table.Th>
                  <Table.Th>{t('officeCalls.form.before')}</Table.Th>
                  <Table.Th>{t('officeCalls.form.after')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.map((c) => (
                  <Table.Tr key={c.field}>
                    <Table.Td>{c.label ? pick(c.label, lang) : t('officeCalls.form.otherField')}</Table.Td>
                    <Table.Td>
                      <FieldValue value={c.before} />
                    </Table.Td>
                    <Table.Td>{isCall(c.after) ? <NewCallLines call={c.after} /> : <FieldValue value={c.after} />}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Textarea label={t('officeCalls.reason')} withAsterisk name="reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
            <Group>
              <Button disabled={!reason.trim()} onClick={() => send('commit')} data-testid="call-commit">
                {t('officeCalls.form.commit')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

const isCall = (v: unknown): v is Call => typeof v === 'object' && v !== null && 'receiptPrefix' in v && 'opens' in v;

/** A call added whole, said line by line in the form's own words rather than as data. */
function NewCallLines({ call }: { call: Call }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const lines: [string, React.ReactNode][] = [
    [t('officeCalls.form.nameKo'), call.name.ko],
    [t('officeCalls.form.nameEn'), call.name.en],
    [t('officeCalls.form.receiptPrefix'), call.receiptPrefix],
    [t('officeCalls.form.opens'), <FieldValue key="o" value={call.opens} />],
    [t('officeCalls.form.closes'), <FieldValue key="c" value={call.closes} />],
  ];
  if (call.taskSlots) lines.push([t('officeCalls.form.slots'), slotsLabel(t, call.taskSlots)]);
  if (call.notice) lines.push([t('officeCalls.form.noticeKo'), call.notice.ko]);
  if (call.briefing)
    lines.push([
      t('officeCalls.form.briefing'),
      <span key="b">
        <FieldValue value={call.briefing.at} /> · {pick(call.briefing.place, lang)}
      </span>,
    ]);
  for (const d of call.documents ?? [])
    lines.push([t(`officeCalls.kind.${d.kind}`), `${pick(d.title, lang)} (${Math.ceil(d.sizeBytes / 1024).toLocaleString()} KB)`]);
  return (
    <Stack gap={2} data-testid="new-call-lines">
      {lines.map(([label, value], i) => (
        <Text key={i} size="sm">
          <Text span fw={600}>
            {label}:
          </Text>{' '}
          {value}
        </Text>
      ))}
    </Stack>
  );
}
