import { useQuery, useQueryClient } from '@tanstack/react-query';
import { accountsContract } from '@stagegate/core/contract/accounts';
import { api } from './client';
import { call } from './contract-client';

export function useSession() {
  return useQuery({ queryKey: ['me'], queryFn: () => call(accountsContract.me).then((r) => r.actor) });
}

export function useSessionActions() {
  const qc = useQueryClient();
  return {
    async signIn(email: string, password: string) {
      await api('/api/auth/sign-in/email', { method: 'POST', body: { email, password } });
      await qc.invalidateQueries();
    },
    async signUp(name: string, email: string, password: string) {
      // sign-up answers alike for new and taken e-mails (no account enumeration); signing in tells
      await api('/api/auth/sign-up/email', { method: 'POST', body: { name, email, password } });
      await api('/api/auth/sign-in/email', { method: 'POST', body: { email, password } });
      await qc.invalidateQueries();
    },
    async signOut() {
      await api('/api/auth/sign-out', { method: 'POST', body: {} });
      await qc.invalidateQueries();
    },
  };
}
