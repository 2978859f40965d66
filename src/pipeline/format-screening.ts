import type { RunSummary } from './events.js';

/** What an offline screening could and could not judge, in one line (plain output and the dashboard). */
export function formatOfflineScreening(s: NonNullable<RunSummary['screening']>): string {
  return `screening offline: ${s.judged} judged on their words (${s.excluded} set aside), ${s.notJudged} kept without a judgement (not judged offline; litrev label ranks them for you)`;
}
