import type { AnswerResult } from './types.js';

/** What the checks found in an answer, one line each (citations removed, numbers not in the cited abstracts). */
export function answerNotes(result: AnswerResult): string[] {
  const notes: string[] = [];
  if (result.removedKeys.length > 0) {
    const keys = [...new Set(result.removedKeys)];
    notes.push(`removed ${result.removedKeys.length} citation(s) of papers not among the sources: ${keys.join(', ')}`);
  }
  if (result.verification.numbersUnsupported > 0) {
    notes.push(`${result.verification.numbersUnsupported} number(s) in the answer were not found in the abstracts it cites`);
  }
  return notes;
}
