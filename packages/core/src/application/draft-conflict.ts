/**
 * Two people editing one draft: a save names the version it was based on. When that is still the
 * latest, the save becomes the new latest; otherwise someone saved in between and this save is kept
 * aside as a conflicted version (nothing is lost) for its author to compare and restore.
 */
export type DraftSaveJudgement = { outcome: 'accept' } | { outcome: 'conflict'; latest: number };

export function judgeDraftSave(latestVersion: number, baseVersion: number): DraftSaveJudgement {
  return baseVersion === latestVersion ? { outcome: 'accept' } : { outcome: 'conflict', latest: latestVersion };
}
