import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { ImportError, locateKeyPath, parseJsonText } from '../import-error.ts';

/**
 * SUITE.json: the tasks of one evaluation run. Dataset paths are relative to the suite file.
 *
 *   { "name": "k-ai-stage-1",
 *     "tasks": [
 *       { "name": "mini_mc", "kind": "loglikelihood", "dataset": "data/mc.jsonl",
 *         "template": "Question: {{question}}\nAnswer:", "choiceTemplate": " {{choice}}" },
 *       { "name": "mini_gen", "kind": "generate", "dataset": "data/gen.jsonl",
 *         "template": "{{question}}\n{{choices}}\nReply 'The answer is X'.", "pattern": "answer is \\(?([A-D])" } ] }
 *
 * kind `generate` asks /v1/chat/completions and extracts the answer with `pattern` (its first
 * group, or the whole match); `loglikelihood` scores each choice through /v1/completions with
 * echo and logprobs and picks the most likely (acc) and the most likely per character (acc_norm).
 */
const taskName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, _ . - (used in file names)');

const commonTask = {
  name: taskName,
  dataset: z.string().min(1),
  template: z.string().min(1),
  maxTokens: z.number().int().positive().optional(),
};

export const suiteTask = z.discriminatedUnion('kind', [
  z.object({
    ...commonTask,
    kind: z.literal('generate'),
    pattern: z.string().min(1).refine(isRegex, 'not a valid regular expression'),
    /** name of the filter in the harness-style metric key, `exact_match,<filter>` */
    filter: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .default('strict-match'),
    ignoreCase: z.boolean().default(true),
    system: z.string().optional(),
  }),
  z.object({
    ...commonTask,
    kind: z.literal('loglikelihood'),
    choiceTemplate: z.string().default(' {{choice}}'),
  }),
]);
export type SuiteTask = z.infer<typeof suiteTask>;

export const suite = z.object({
  name: z.string().min(1).default('suite'),
  tasks: z.array(suiteTask).min(1),
});
export type Suite = z.infer<typeof suite>;

function isRegex(p: string): boolean {
  try {
    new RegExp(p);
    return true;
  } catch {
    return false;
  }
}

/** Reads and validates SUITE.json, resolving dataset paths against its folder. */
export async function loadSuite(path: string): Promise<Suite> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ImportError(path, '', `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const parsed = suite.safeParse(parseJsonText(text, path));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const keys = issue.path.map(String);
    const pos = locateKeyPath(
      text,
      keys.filter((k) => !/^\d+$/.test(k)),
    );
    throw new ImportError(path, keys.join('.'), issue.message, pos?.line, pos?.column);
  }
  const names = new Set<string>();
  for (const t of parsed.data.tasks) {
    if (names.has(t.name)) throw new ImportError(path, 'tasks', `task "${t.name}" appears twice`);
    names.add(t.name);
  }
  const base = dirname(resolve(path));
  return { ...parsed.data, tasks: parsed.data.tasks.map((t) => ({ ...t, dataset: resolve(base, t.dataset) })) };
}
