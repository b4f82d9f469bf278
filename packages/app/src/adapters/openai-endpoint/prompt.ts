import { choiceLetter, type DatasetItem } from './dataset.ts';

/**
 * Fills `{{question}}`, `{{choices}}` (lettered lines "A. …"), `{{choice}}` and `{{letter}}`;
 * unknown placeholders stay as written so a typo is visible in the journal.
 */
export function renderTemplate(template: string, item: DatasetItem, choiceIndex?: number): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => {
    switch (key) {
      case 'question':
        return item.question;
      case 'choices':
        return (item.choices ?? []).map((c, i) => `${choiceLetter(i)}. ${c}`).join('\n');
      case 'choice':
        return choiceIndex === undefined ? whole : item.choices![choiceIndex]!;
      case 'letter':
        return choiceIndex === undefined ? whole : choiceLetter(choiceIndex);
      default:
        return whole;
    }
  });
}

/** The expected answer as text: the option letter for multiple choice, else the answer itself. */
export function targetText(item: DatasetItem): string {
  return typeof item.answer === 'number' ? choiceLetter(item.answer) : item.answer;
}
