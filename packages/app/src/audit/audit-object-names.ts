import { inArray } from 'drizzle-orm';
import type { LocalizedText } from '@stagegate/core/shared/localized';
import { isUuid } from '@stagegate/core/shared/uuid';
import type { Db } from '../db/connect.ts';
import { applications, arenas, organisations, programs, tasks, user } from '../db/schema/index.ts';

interface Named {
  objectType: string;
  objectId: string;
}

const same = (s: string): LocalizedText => ({ ko: s, en: s });

/**
 * The names a reader knows the audited objects by (an application's receipt number and title, a
 * task's number and name, an organisation's name), looked up once per kind for the whole page.
 * Objects of other kinds, or gone since, have no name here and the viewer says only their kind.
 */
export async function nameAuditObjects(db: Db, entries: Named[]): Promise<Map<string, LocalizedText>> {
  const ids = (type: string, uuidOnly = true) => [
    ...new Set(entries.filter((e) => e.objectType === type && (!uuidOnly || isUuid(e.objectId))).map((e) => e.objectId)),
  ];
  const out = new Map<string, LocalizedText>();
  const put = (type: string, id: string, name: LocalizedText) => out.set(`${type}:${id}`, name);

  const programSlugs = new Set([...ids('program', false), ...ids('call', false).map((c) => c.split('/')[0]!)]);
  const [programRows, applicationRows, taskRows, organisationRows, userRows, arenaRows] = await Promise.all([
    programSlugs.size
      ? db
          .select({ slug: programs.slug, definition: programs.definition })
          .from(programs)
          .where(inArray(programs.slug, [...programSlugs]))
      : [],
    ids('application').length
      ? db
          .select({ id: applications.id, receiptNo: applications.receiptNo, proposal: applications.proposal })
          .from(applications)
          .where(inArray(applications.id, ids('application')))
      : [],
    ids('task').length
      ? db
          .select({ id: tasks.id, key: tasks.key, name: tasks.name })
          .from(tasks)
          .where(inArray(tasks.id, ids('task')))
      : [],
    ids('organisation').length
      ? db
          .select({ id: organisations.id, ko: organisations.nameKo, en: organisations.nameEn })
          .from(organisations)
          .where(inArray(organisations.id, ids('organisation')))
      : [],
    ids('user', false).length
      ? db
          .select({ id: user.id, email: user.email })
          .from(user)
          .where(inArray(user.id, ids('user', false)))
      : [],
    ids('arena').length
      ? db
          .select({ id: arenas.id, name: arenas.name })
          .from(arenas)
          .where(inArray(arenas.id, ids('arena')))
      : [],
  ]);
  const programBySlug = new Map(programRows.map((p) => [p.slug, p.definition]));
  for (const [slug, def] of programBySlug) put('program', slug, def.shortName);
  for (const id of ids('call', false)) {
    const [slug, callKey] = id.split('/');
    const def = programBySlug.get(slug!);
    const call = def?.calls.find((c) => c.key === callKey);
    if (def && call) put('call', id, { ko: `${def.shortName.ko} · ${call.name.ko}`, en: `${def.shortName.en} · ${call.name.en}` });
  }
  for (const a of applicationRows) {
    const title = a.proposal.title?.trim();
    const label = [a.receiptNo, title].filter(Boolean).join(' · ');
    if (label) put('application', a.id, same(label));
  }
  for (const t of taskRows) put('task', t.id, { ko: `${t.key} · ${t.name.ko}`, en: `${t.key} · ${t.name.en}` });
  for (const o of organisationRows) put('organisation', o.id, { ko: o.ko, en: o.en });
  for (const u of userRows) put('user', u.id, same(u.email));
  for (const a of arenaRows) put('arena', a.id, a.name);
  return out;
}
