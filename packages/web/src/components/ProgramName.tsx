import { useTranslation } from 'react-i18next';
import { usePrograms } from '../api/programs';
import { pick } from '../format/time';

/** A program as its readers know it (its short name), never its slug; the slug only until the list arrives. */
export function ProgramName({ slug }: { slug: string }) {
  const { i18n } = useTranslation();
  const { data } = usePrograms();
  const program = data?.find((p) => p.slug === slug);
  return <>{program ? pick(program.shortName, i18n.language) : <span translate="no">{slug}</span>}</>;
}
