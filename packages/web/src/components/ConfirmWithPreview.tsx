import { Alert, Button, Checkbox, Group, Loader, Modal, Stack, Text, Textarea, type ButtonProps } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ConfirmWithPreviewProps<P> {
  /** the button that starts it; nothing changes on this click, it only asks for the preview */
  label: ReactNode;
  /** the dialog's title: what is about to happen */
  title: ReactNode;
  /** asks the server what would change (a `mode: 'preview'` call); null when it refused (the error shows) */
  loadPreview: () => Promise<P | null>;
  /** what will change, drawn from the preview: who loses or gains GPUs, from when, deadlines, the Slurm diff */
  renderPreview: (preview: P) => ReactNode;
  /** commits; answers true when it went through (the dialog then closes) */
  onConfirm: (reason: string, preview: P) => Promise<boolean>;
  /** when a reason is recorded with the change: its label and the fewest characters it takes */
  reason?: { label: ReactNode; minLength: number; initial?: string };
  confirmLabel?: ReactNode;
  /** an error from the last preview or commit, shown inside the dialog */
  error?: string | null;
  busy?: boolean;
  disabled?: boolean;
  color?: ButtonProps['color'];
  variant?: ButtonProps['variant'];
  testId?: string;
}

/**
 * One way to make an irreversible change in the browser: a first click only previews, the dialog
 * shows what will change, and the change goes through only after an explicit confirmation (a
 * ticked box) and, where one is recorded, a written reason. Nothing is committed on a single click.
 */
export function ConfirmWithPreview<P>(props: ConfirmWithPreviewProps<P>) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [preview, setPreview] = useState<P | null>(null);
  const [loading, setLoading] = useState(false);
  const [acknowledged, setAcknowledged] = useState(false);
  const [reason, setReason] = useState(props.reason?.initial ?? '');
  const [committing, setCommitting] = useState(false);

  const start = async () => {
    setOpen(true);
    setPreview(null);
    setAcknowledged(false);
    setLoading(true);
    try {
      setPreview(await props.loadPreview());
    } finally {
      setLoading(false);
    }
  };
  const reasonShort = props.reason ? reason.trim().length < props.reason.minLength : false;
  const confirm = async () => {
    if (!preview) return;
    setCommitting(true);
    try {
      if (await props.onConfirm(reason.trim(), preview)) setOpen(false);
    } finally {
      setCommitting(false);
    }
  };

  return (
    <>
      <Button color={props.color} variant={props.variant} onClick={start} disabled={props.disabled} loading={props.busy && !open} data-testid={props.testId}>
        {props.label}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={props.title} size="lg" data-testid={props.testId ? `${props.testId}-dialog` : undefined}>
        <Stack>
          {loading && <Loader size="sm" />}
          {props.error && (
            <Alert color="red" data-testid="confirm-error">
              {props.error}
            </Alert>
          )}
          {preview && (
            <>
              <Text size="sm" fw={600}>
                {t('confirm.whatChanges')}
              </Text>
              <div data-testid="confirm-preview">{props.renderPreview(preview)}</div>
              {props.reason && (
                <Textarea
                  label={props.reason.label}
                  description={t('confirm.reasonHint', { n: props.reason.minLength })}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  required
                  error={reason.length > 0 && reasonShort ? t('confirm.reasonShort', { n: props.reason.minLength }) : undefined}
                />
              )}
              <Checkbox
                data-testid="confirm-ack"
                label={t('confirm.acknowledge')}
                checked={acknowledged}
                onChange={(e) => setAcknowledged(e.currentTarget.checked)}
              />
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('confirm.cancel')}
            </Button>
            <Button
              data-testid="confirm-commit"
              color={props.color ?? 'red'}
              onClick={confirm}
              disabled={!preview || !acknowledged || reasonShort}
              loading={committing}
            >
              {props.confirmLabel ?? t('confirm.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
