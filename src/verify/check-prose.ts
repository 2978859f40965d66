import type { Paper } from '../corpus/paper.js';
import type { ReviewDraft } from '../review/review-draft.js';
import { citedKeys, removeUnknownCitations } from './citation-keys.js';
import { claimNumbers, claimText } from './claim-text.js';
import { numberSupported, paperNumbers, type NumberMention } from './numbers.js';
import { splitSentences } from './sentence-split.js';

/** Put after a sentence whose number no cited abstract supports, where it stands (before its full stop). */
export const UNVERIFIED_MARK = '*[unverified number]*';

/** A sentence of the draft that was marked or removed, and why. */
export interface ProseFinding {
  /** `overview`, `open problems`, or the section's category id. */
  part: string;
  /** The sentence as the draft had it. */
  sentence: string;
  action: 'marked' | 'removed';
  reason: string;
  /** Numbers no cited abstract supports (empty for a sentence removed for its citations). */
  numbers: string[];
  /** Invented keys the sentence cited (removed with it, or from it). */
  unknownKeys: string[];
}

export interface ProseOptions {
  /** Remove a sentence with an unsupported number instead of marking it (--strict). */
  strict: boolean;
  /**
   * Count numbers in sentences without citations as unsupported. True for model prose; the offline
   * engine's uncited numbers are its own counts (papers per category), not claims.
   */
  uncitedNumbers: boolean;
}

/** Words that cannot end a sentence: what is left when the citation after them was invented. */
const DANGLING_END = /\b(?:in|by|of|to|from|see|and|or|with|at|on|for|as|than|e\.g\.|cf\.|including|following|like|per|via)\s*[.!?;:,]*["'”’)\]]*\s*$/i;
const TRAILING_PUNCTUATION = /([.!?]+["'”’)\]]*)?\s*$/;

/**
 * Check the prose of a draft before it is rendered: a sentence with a number that no abstract it cites
 * supports (or, for model prose, one that cites nothing) is marked where it stands, or removed when
 * `strict`; a sentence left broken by the removal of invented citation keys ("… is studied in.") is
 * removed. Every change is returned, so the review and verification.json can list it. A clean draft
 * comes back unchanged (the same object).
 */
export function checkProse(draft: ReviewDraft, papers: readonly Paper[], options: ProseOptions): { draft: ReviewDraft; findings: ProseFinding[] } {
  const pools = new Map(papers.map((p) => [p.key, paperNumbers(p)]));
  const findings: ProseFinding[] = [];
  const fix = (part: string, text: string): string => checkText(part, text, pools, options, findings);
  const overview = fix('overview', draft.overview);
  const sections = draft.sections.map((s) => ({ ...s, body: fix(s.categoryId, s.body) }));
  const openProblems = fix('open problems', draft.openProblems);
  if (findings.length === 0) return { draft, findings };
  return { draft: { ...draft, overview, sections, openProblems }, findings };
}

function checkText(part: string, text: string, pools: ReadonlyMap<string, NumberMention[]>, options: ProseOptions, findings: ProseFinding[]): string {
  const before = findings.length;
  const checked = text
    .split('\n')
    .map((line) => {
      const spans = splitSentences(line);
      let out = line;
      // Right to left, so earlier offsets stay valid.
      for (const span of [...spans].reverse()) {
        const replacement = checkSentence(part, span.text, pools, options, findings);
        if (replacement !== span.text) out = out.slice(0, span.start) + replacement + out.slice(span.end);
      }
      return out === line ? line : tidy(out);
    })
    .join('\n');
  // A paragraph whose every sentence was removed leaves no run of blank lines behind.
  return findings.length === before ? text : checked.replace(/\n{3,}/g, '\n\n').trim();
}

/** Tidy a line after removals: no doubled spaces, no trailing space. */
function tidy(line: string): string {
  return line.replace(/ {2,}/g, ' ').replace(/\s+$/, '');
}

function checkSentence(part: string, sentence: string, pools: ReadonlyMap<string, NumberMention[]>, options: ProseOptions, findings: ProseFinding[]): string {
  const keys = citedKeys(sentence);
  const unknownKeys = [...new Set(keys.filter((k) => !pools.has(k)))];
  const known = [...new Set(keys.filter((k) => pools.has(k)))];
  // Invented keys in a sentence that stands without them are left for verifyReview, which removes and lists them.
  const text = sentence;
  if (unknownKeys.length > 0) {
    const without = removeUnknownCitations(sentence, new Set(pools.keys())).text;
    if (known.length === 0 && (DANGLING_END.test(without) || wordCount(claimText(without)) < 3)) {
      findings.push({ part, sentence, action: 'removed', reason: `it was left broken by removing ${unknownKeys.join(', ')}, which no corpus paper has as a key`, numbers: [], unknownKeys });
      return '';
    }
  }
  const unsupported = claimNumbers(text).filter((m) =>
    known.length === 0 ? options.uncitedNumbers : !known.some((k) => numberSupported(m, pools.get(k) ?? [])),
  );
  if (unsupported.length === 0) return text;
  const numbers = unsupported.map((m) => m.raw);
  const reason = known.length === 0 ? 'it states a number and cites no paper' : `no abstract it cites (${known.map((k) => `@${k}`).join(', ')}) holds ${numbers.join(', ')}`;
  if (options.strict) {
    findings.push({ part, sentence, action: 'removed', reason, numbers, unknownKeys });
    return '';
  }
  findings.push({ part, sentence, action: 'marked', reason, numbers, unknownKeys });
  const end = TRAILING_PUNCTUATION.exec(text)!;
  return `${text.slice(0, end.index)} ${UNVERIFIED_MARK}${end[1] ?? ''}`;
}

function wordCount(text: string): number {
  return (text.match(/\p{L}{2,}/gu) ?? []).length;
}
