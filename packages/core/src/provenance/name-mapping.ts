import { z } from 'zod';
import type { FieldIssue } from '../shared/localized.ts';

/**
 * A rename rule between two architectures' tensor names, e.g.
 * `model\.layers\.(\d+)\.self_attn\.q_proj` → `transformer.h.$1.attn.q`. Rules are applied in
 * order, as String.replace with the regex, to candidate names to find the reference name, and to
 * reference names to find the candidate name, so one rule list serves both directions.
 */
export const nameMappingRule = z.object({ from: z.string().min(1), to: z.string() });
export type NameMappingRule = z.infer<typeof nameMappingRule>;

export interface CompiledRule {
  pattern: RegExp;
  replacement: string;
}

export function validateMappingRules(rules: NameMappingRule[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  rules.forEach((r, i) => {
    try {
      new RegExp(r.from);
    } catch (e) {
      issues.push({
        field: `mappings.${i}.from`,
        message: {
          ko: `이름 매핑 규칙 ${i + 1}의 정규식이 올바르지 않습니다: ${(e as Error).message}`,
          en: `name mapping rule ${i + 1} has an invalid regular expression: ${(e as Error).message}`,
        },
      });
    }
  });
  return issues;
}

/** Call validateMappingRules first: an invalid pattern throws here. */
export function compileRules(rules: NameMappingRule[]): CompiledRule[] {
  return rules.map((r) => ({ pattern: new RegExp(r.from), replacement: r.to }));
}

export function renameTensor(name: string, rules: CompiledRule[]): string {
  return rules.reduce((n, r) => n.replace(r.pattern, r.replacement), name);
}

/** Parses the CLI's inline form `FROM=>TO`. Returns null when the arrow is missing. */
export function parseInlineRule(text: string): NameMappingRule | null {
  const at = text.indexOf('=>');
  if (at <= 0) return null;
  return { from: text.slice(0, at), to: text.slice(at + 2) };
}
