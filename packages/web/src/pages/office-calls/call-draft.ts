import type { Call, LocalizedText } from '../../api/types';
import { isoToSeoulInput, seoulInputToIso } from './seoul-input';

export interface DocumentDraft {
  kind: 'announcement' | 'form';
  title: LocalizedText;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
}

/** What the call form holds: texts as typed, instants as Korean wall-clock inputs. */
export interface CallDraft {
  key: string;
  receiptPrefix: string;
  nameKo: string;
  nameEn: string;
  noticeKo: string;
  noticeEn: string;
  opens: string;
  closes: string;
  briefingAt: string;
  placeKo: string;
  placeEn: string;
  onlineUrl: string;
  documents: DocumentDraft[];
  /** how many tasks the call funds (its selection's limit); empty: the program's task count */
  slotCount: string;
  /** task keys the office registered for the slots, comma-separated (filled first by the selection) */
  slotKeys: string;
}

export const emptyDraft = (): CallDraft => ({
  key: '',
  receiptPrefix: '',
  nameKo: '',
  nameEn: '',
  noticeKo: '',
  noticeEn: '',
  opens: '',
  closes: '',
  briefingAt: '',
  placeKo: '',
  placeEn: '',
  onlineUrl: '',
  documents: [],
  slotCount: '',
  slotKeys: '',
});

export function draftOf(c: Call): CallDraft {
  return {
    key: c.key,
    receiptPrefix: c.receiptPrefix,
    nameKo: c.name.ko,
    nameEn: c.name.en,
    noticeKo: c.notice?.ko ?? '',
    noticeEn: c.notice?.en ?? '',
    opens: isoToSeoulInput(c.opens),
    closes: isoToSeoulInput(c.closes),
    briefingAt: isoToSeoulInput(c.briefing?.at),
    placeKo: c.briefing?.place.ko ?? '',
    placeEn: c.briefing?.place.en ?? '',
    onlineUrl: c.briefing?.onlineUrl ?? '',
    documents: (c.documents ?? []).map((d) => ({ ...d, kind: d.kind })),
    slotCount: c.taskSlots ? String(c.taskSlots.count) : '',
    slotKeys: (c.taskSlots?.keys ?? []).join(', '),
  };
}

/**
 * The call as the program definition holds it, keeping what the form does not edit (selection
 * rounds, task slots …). Empty optional parts are left out; what is wrong is the server's to say.
 */
export function callOf(d: CallDraft, before?: Call): Record<string, unknown> {
  const { briefing: _b, notice: _n, documents: _d, taskSlots: _s, ...kept } = before ?? ({} as Partial<Call>);
  const notice = d.noticeKo || d.noticeEn ? { notice: { ko: d.noticeKo, en: d.noticeEn } } : {};
  const briefing =
    d.briefingAt || d.placeKo || d.placeEn
      ? {
          briefing: {
            at: seoulInputToIso(d.briefingAt),
            place: { ko: d.placeKo, en: d.placeEn },
            ...(d.onlineUrl ? { onlineUrl: d.onlineUrl } : {}),
            ...(before?.briefing?.notes ? { notes: before.briefing.notes } : {}),
          },
        }
      : {};
  const documents = d.documents.length ? { documents: d.documents } : {};
  // a count that is not a whole number (or missing beside keys) goes as typed: the server names the field and says why
  const count = d.slotCount.trim();
  const keys = d.slotKeys
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const taskSlots = count || keys.length ? { taskSlots: { count: /^\d+$/.test(count) ? Number(count) : count || undefined, keys } } : {};
  return {
    ...kept,
    key: d.key,
    receiptPrefix: d.receiptPrefix,
    name: { ko: d.nameKo, en: d.nameEn },
    opens: seoulInputToIso(d.opens),
    closes: seoulInputToIso(d.closes),
    ...notice,
    ...briefing,
    ...documents,
    ...taskSlots,
  };
}

/** Which form input an issue of `calls.N.<rest>` belongs to. */
export function inputOfIssue(field: string, index: number): string | null {
  const prefix = `calls.${index}.`;
  if (!field.startsWith(prefix)) return field === `calls.${index}` ? 'key' : null;
  const rest = field.slice(prefix.length);
  const map: [RegExp, string][] = [
    [/^name\.ko/, 'nameKo'],
    [/^name\.en/, 'nameEn'],
    [/^name/, 'nameKo'],
    [/^notice\.ko/, 'noticeKo'],
    [/^notice\.en/, 'noticeEn'],
    [/^opens/, 'opens'],
    [/^closes/, 'closes'],
    [/^briefing\.at/, 'briefingAt'],
    [/^briefing\.place\.en/, 'placeEn'],
    [/^briefing\.place/, 'placeKo'],
    [/^briefing\.onlineUrl/, 'onlineUrl'],
    [/^briefing/, 'briefingAt'],
    [/^documents/, 'documents'],
    [/^taskSlots\.keys/, 'slotKeys'],
    [/^taskSlots/, 'slotCount'],
    [/^receiptPrefix/, 'receiptPrefix'],
    [/^key/, 'key'],
  ];
  return map.find(([re]) => re.test(rest))?.[1] ?? 'documents';
}
