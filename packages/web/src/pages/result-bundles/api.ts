import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { LocalizedText } from '../../api/types';

export type ResultKind = 'selection' | 'stage-decision' | 'final-evaluation';

export interface ResultBundleSummary {
  id: string;
  program: string;
  kind: ResultKind;
  subjectId: string;
  name: LocalizedText;
  edition: number;
  computationVersion: number;
  publishedAt: string;
  manifestSha256: string;
  signature: string;
  keyId: string;
  auditHead: { seq: number; hash: string };
  replaces: { id: string; reason: string | null } | null;
  private: { what: LocalizedText; sha256: string; items: number }[];
  links: { zip: string; manifest: string; signature: string };
  verifyCommand: string;
}

export interface ResultBundleList {
  signingKey: { algorithm: 'Ed25519'; keyId: string; publicKey: string };
  bundles: ResultBundleSummary[];
}

export const useResultBundles = () => useQuery({ queryKey: ['public', 'result-bundles'], queryFn: () => api<ResultBundleList>('/api/v1/public/result-bundles') });
