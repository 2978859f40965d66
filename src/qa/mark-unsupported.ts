import type { NumberCheck } from '../verify/verification-report.js';

/** What stands after a number that no cited abstract holds. */
export const UNSUPPORTED_MARK = '[not in the cited abstracts]';

/**
 * The answer with every number the check did not find in a cited abstract marked where it stands
 * ("7.5x [not in the cited abstracts]"), not only counted in a note.
 */
export function markUnsupportedNumbers(text: string, numbers: readonly NumberCheck[]): string {
  let out = text;
  for (const n of numbers) {
    if (n.found) continue;
    const at = out.indexOf(n.sentence);
    const from = at >= 0 ? at : 0;
    const i = out.indexOf(n.number, from);
    if (i < 0) continue;
    const end = i + n.number.length;
    if (out.slice(end, end + UNSUPPORTED_MARK.length + 1).includes(UNSUPPORTED_MARK)) continue;
    out = `${out.slice(0, end)} ${UNSUPPORTED_MARK}${out.slice(end)}`;
  }
  return out;
}
