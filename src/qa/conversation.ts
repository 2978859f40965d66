import { followUpContext } from './follow-up-subject.js';
import type { QaTurn } from './types.js';

/** Turns of the conversation shown to the model, and characters kept of each earlier answer. */
const TURNS_IN_PROMPT = 4;
const ANSWER_CHARS = 1200;

/** The conversation so far as the answer prompt's `history` ("(none)" for a first question). */
export function formatHistory(history: readonly QaTurn[]): string {
  if (history.length === 0) return '(none)';
  return history
    .slice(-TURNS_IN_PROMPT)
    .map((t) => {
      const answer = t.answer.length > ANSWER_CHARS ? `${t.answer.slice(0, ANSWER_CHARS)}…` : t.answer;
      return `Q: ${t.question}\nA: ${answer}`;
    })
    .join('\n\n');
}

/**
 * Retrieval context for a follow-up: the previous question (and the latest earlier one that named
 * a subject, when the previous one named none), whose terms are searched with a lower weight so "how
 * much memory does it save?" stays on the paper under discussion. See followUpContext.
 */
export function retrievalContext(history: readonly QaTurn[]): string | undefined {
  return followUpContext(history);
}
