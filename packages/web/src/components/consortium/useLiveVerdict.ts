import { useEffect, useRef, useState } from 'react';
import { applicationsContract } from '@stagegate/core/contract/applications';
import { call as callApi } from '../../api/contract-client';
import type { EligibilityAnswer } from '../../pages/applications/api';

/**
 * The program's verdict for the consortium as it is being edited: asked of the server (where the
 * rules live) a moment after the last keystroke; an answer to an older consortium is dropped.
 */
export function useLiveVerdict(program: string, call: string, organisationId: string, consortium: unknown, delayMs = 350) {
  const [answer, setAnswer] = useState<EligibilityAnswer | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const latest = useRef(0);
  const key = JSON.stringify(consortium);
  useEffect(() => {
    const ticket = ++latest.current;
    setChecking(true);
    const timer = setTimeout(() => {
      callApi(applicationsContract.checkEligibility, { body: { program, call, organisationId, consortium } })
        .then((a) => {
          if (ticket !== latest.current) return;
          setAnswer(a);
          setError(null);
        })
        .catch((e: Error) => ticket === latest.current && setError(e))
        .finally(() => ticket === latest.current && setChecking(false));
    }, delayMs);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [program, call, organisationId, key, delayMs]);
  return { answer, checking, error };
}
