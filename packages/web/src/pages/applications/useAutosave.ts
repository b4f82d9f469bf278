import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldIssue } from '../../api/types';
import { saveDraft, type ProposalDraft, type SaveAnswer } from './api';

type Payload = { consortium: unknown; proposal: ProposalDraft };
export type Conflict = Extract<SaveAnswer, { status: 'conflict' }>;

export interface AutosaveState {
  phase: 'idle' | 'pending' | 'saving' | 'saved' | 'conflict' | 'error';
  version: number;
  savedAt: string | null;
  conflict: Conflict | null;
  issues: FieldIssue[];
  errorMessage: string | null;
}

/**
 * Saves the draft a moment after the user stops typing, always against the version it last saw
 * (`baseVersion`). A 409 stops autosaving until the user chooses: take the newer version (their own
 * edit stays in the history as a conflicted version) or keep their text and save it over.
 */
export function useAutosave(id: string, initialVersion: number, payload: Payload, delayMs = 800) {
  const key = JSON.stringify(payload);
  const [state, setState] = useState<AutosaveState>({ phase: 'idle', version: initialVersion, savedAt: null, conflict: null, issues: [], errorMessage: null });
  const base = useRef(initialVersion);
  const savedKey = useRef(key);
  const latest = useRef({ key, payload });
  latest.current = { key, payload };
  const running = useRef<Promise<void> | null>(null);
  const blocked = useRef(false);

  const saveNow = useCallback(async (): Promise<void> => {
    if (running.current) {
      await running.current;
    }
    if (blocked.current || latest.current.key === savedKey.current) return;
    const { key: sending, payload: body } = latest.current;
    setState((s) => ({ ...s, phase: 'saving' }));
    const job = (async () => {
      let answer: SaveAnswer;
      try {
        answer = await saveDraft(id, base.current, body);
      } catch (e) {
        setState((s) => ({ ...s, phase: 'error', errorMessage: (e as Error).message }));
        return;
      }
      if (answer.status === 'saved') {
        base.current = answer.version;
        savedKey.current = sending;
        setState((s) => ({
          ...s,
          phase: latest.current.key === sending ? 'saved' : 'pending',
          version: answer.version,
          savedAt: answer.savedAt,
          issues: [],
          errorMessage: null,
        }));
      } else if (answer.status === 'conflict') {
        blocked.current = true;
        setState((s) => ({ ...s, phase: 'conflict', conflict: answer }));
      } else {
        // a malformed draft is not saved; the fields say why, and the next change tries again
        savedKey.current = sending;
        setState((s) => ({ ...s, phase: 'error', issues: answer.error.issues, errorMessage: answer.error.message }));
      }
    })();
    running.current = job;
    await job;
    running.current = null;
  }, [id]);

  useEffect(() => {
    if (key === savedKey.current || blocked.current) return;
    setState((s) => (s.phase === 'conflict' ? s : { ...s, phase: 'pending' }));
    const timer = setTimeout(() => void saveNow(), delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs, saveNow]);

  /** Saves what is pending now and answers the version the server holds (for submitting). */
  const flush = useCallback(async (): Promise<{ version: number; ok: boolean }> => {
    await saveNow();
    return { version: base.current, ok: !blocked.current && latest.current.key === savedKey.current };
  }, [saveNow]);

  /** After a conflict: the caller shows `conflict.current`; this records it as what is saved. */
  const acceptServer = useCallback((serverPayloadKey: string, version: number) => {
    base.current = version;
    savedKey.current = serverPayloadKey;
    blocked.current = false;
    setState((s) => ({ ...s, phase: 'saved', version, conflict: null }));
  }, []);

  /** After a conflict: keep the text on screen and save it over the newer version. */
  const keepMine = useCallback(
    async (version: number) => {
      base.current = version;
      blocked.current = false;
      savedKey.current = '';
      setState((s) => ({ ...s, conflict: null }));
      await saveNow();
    },
    [saveNow],
  );

  return { state, flush, acceptServer, keepMine };
}
