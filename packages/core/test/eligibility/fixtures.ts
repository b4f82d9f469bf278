import type { Consortium, ConsortiumMember } from '../../src/eligibility/consortium.ts';
import { eligibilitySettings, type EligibilitySettings } from '../../src/eligibility/rules.ts';

export function member(name: string, type: ConsortiumMember['type'], extra: Partial<ConsortiumMember> = {}): ConsortiumMember {
  return { name, type, country: 'KR', ...extra };
}

export function consortium(lead: ConsortiumMember, ...participants: ConsortiumMember[]): Consortium {
  return { lead, participants };
}

/** Settings go through the program schema, as they do when a program is loaded. */
export function settingsOf(rules: unknown[], exclusionLists: Record<string, unknown[]> = {}): EligibilitySettings {
  return eligibilitySettings.parse({ rules, exclusionLists });
}
