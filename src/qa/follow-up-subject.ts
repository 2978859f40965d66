import { questionSubject } from './question-entity.js';
import type { QaTurn } from './types.js';

/** A question that refers back instead of naming what it asks about ("Does it need fine-tuning?"). */
const REFERS_BACK = /\b(?:it|its|it's|they|them|their|this (?:method|paper|model|approach|work|system|one)|that (?:method|paper|model|approach|work|system|one)|these (?:methods|papers|models)|the (?:method|paper|model|approach|authors))\b/i;

/** Is this a follow-up that leans on the conversation's subject (a pronoun, and no name of its own)? */
export function isFollowUp(question: string): boolean {
  return REFERS_BACK.test(question) && questionSubject(question).length === 0;
}

/**
 * What a follow-up is read against: the last question, and, when that one named nothing either, the
 * latest earlier question that named a subject. So after "Which dataset did MolGNN use?", both "Does
 * it need fine-tuning?" and the next "How much memory does it save?" stay on MolGNN.
 */
export function followUpContext(history: readonly QaTurn[]): string | undefined {
  if (history.length === 0) return undefined;
  const last = history[history.length - 1]!.question;
  if (questionSubject(last).length > 0) return last;
  for (let i = history.length - 2; i >= 0; i--) {
    const q = history[i]!.question;
    if (questionSubject(q).length > 0) return `${q}\n${last}`;
  }
  return last;
}
