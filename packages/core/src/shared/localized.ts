import { z } from 'zod';

/** Text shown to people: Korean is the default language, English is complete. */
export const localizedText = z.object({ ko: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof localizedText>;

/** A problem with one field of an input, said in both languages so any surface can show it. */
export interface FieldIssue {
  /** dotted path of the field, e.g. `phases.1.end` */
  field: string;
  message: LocalizedText;
}

/** The issue with one field, Korean text first: the one way every area builds a FieldIssue. */
export const issue = (field: string, ko: string, en: string): FieldIssue => ({ field, message: { ko, en } });
