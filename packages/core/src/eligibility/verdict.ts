import type { LocalizedText } from '../shared/localized.ts';
import type { EligibilityRule } from './rules.ts';

/** How one rule of a program judged one consortium. */
export interface RuleOutcome {
  id: string;
  kind: EligibilityRule['kind'];
  passed: boolean;
  /** says what was checked and, on failure, who fails it and why */
  message: LocalizedText;
  /** names of the members that caused a failure (empty when it passed or when no one member is to blame) */
  members: string[];
  /** a pass that rests on declared facts the office has not verified yet: those members' names */
  pending: string[];
}

/** Every rule of the program, in the program's order, not only the first failure. */
export interface Verdict {
  eligible: boolean;
  rules: RuleOutcome[];
  /**
   * Set when the verdict rests on facts (type, registration number, country) that members declared
   * and the office has not verified: submission may go ahead, selection may not.
   */
  pendingVerification: { members: string[]; message: LocalizedText } | null;
}

/** What the consortium alone cannot tell: facts from the rest of the call. */
export interface EligibilityContext {
  /** applications already submitted to the same call and led by this application's lead */
  otherApplicationsLedBySameOrg?: number;
}
