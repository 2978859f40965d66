import type { Paper } from '../corpus/paper.js';
import type { PaperNotes } from '../retrieval/types.js';
import { splitSentences } from '../verify/sentence-split.js';
import { matchText, namesPhrase, type MatchText } from './match-text.js';
import { paperClaims, paperRow, type ClaimRow, type PaperRow } from './paper-row.js';

/** Term -> the papers (ascending indices) whose title or abstract holds it, in matchable form (see matchText). */
export type Postings = Map<string, Uint32Array>;

/**
 * The corpus as a table: one row per paper (built when a question needs it), and an inverted index of
 * the stems of every title and abstract, so that "which papers name X" is answered over the whole
 * corpus, not the top k of a ranking.
 */
export interface CorpusTable {
  readonly size: number;
  readonly papers: readonly Paper[];
  notesOf(index: number): PaperNotes | undefined;
  row(index: number): PaperRow;
  /** The figures of one paper (what row(i).claims holds), without reading its entities. */
  claims(index: number): ClaimRow[];
  /** Indices of the papers whose title or abstract names the phrase (spelling variants and synonyms included). */
  naming(phrase: string): number[];
  /** The title, or the first sentence of the abstract, that names the phrase; null when none does. */
  namingSentence(index: number, phrase: string): string | null;
  /** The review's category names (empty without a review). */
  readonly categoryNames: readonly string[];
  readonly postings: Postings;
}

/** Phrases with synonyms (see match-text.ts) may be written in a sentence without their own letters. */
const SYNONYM_HINT = /\b(?:kv|key|moe|mixture|rag|retrieval|llm|large|vlm|vision|cot|chain|rl|reinforcement|fine|finetun|needle|niah|speculative)/i;

/** The matchable text of a paper: its title and abstract. */
export function paperText(paper: Paper): string {
  return `${paper.title}.\n${paper.abstract}`;
}

/** The inverted index of a corpus (built once, or loaded from the workspace: see table-store.ts). */
export function buildPostings(papers: readonly Paper[]): Postings {
  const lists = new Map<string, number[]>();
  papers.forEach((p, i) => {
    const m = matchText(paperText(p));
    const terms = new Set(m.stems.split(' '));
    for (const j of m.joined.split(' ')) terms.add(j);
    terms.delete('');
    for (const t of terms) {
      let list = lists.get(t);
      if (!list) lists.set(t, (list = []));
      list.push(i);
    }
  });
  return new Map([...lists].map(([t, l]) => [t, Uint32Array.from(l)]));
}

export function createCorpusTable(papers: readonly Paper[], notes?: ReadonlyMap<string, PaperNotes>, postings: Postings = buildPostings(papers)): CorpusTable {
  const rows = new Map<number, PaperRow>();
  const texts = new Map<number, MatchText>();
  const textOf = (i: number) => {
    let t = texts.get(i);
    if (!t) {
      t = matchText(paperText(papers[i]!));
      if (texts.size > 5000) texts.clear();
      texts.set(i, t);
    }
    return t;
  };
  const categoryNames = [...new Set([...(notes?.values() ?? [])].flatMap((n) => [n.category, n.subcategory].filter((c): c is string => !!c)))];
  const empty = new Uint32Array(0);

  return {
    size: papers.length,
    papers,
    postings,
    categoryNames,
    notesOf: (i) => notes?.get(papers[i]!.id),
    row(i) {
      let r = rows.get(i);
      if (!r) {
        r = paperRow(papers[i]!, notes?.get(papers[i]!.id));
        if (rows.size > 5000) rows.clear();
        rows.set(i, r);
      }
      return r;
    },
    claims: (i) => rows.get(i)?.claims ?? paperClaims(papers[i]!, notes?.get(papers[i]!.id)),
    naming(phrase) {
      const asked = matchText(phrase);
      const words = asked.stems.trim().split(' ').filter(Boolean);
      if (words.length === 0) return [];
      const found = new Set<number>();
      const unsure = new Set<number>();
      // The words of the phrase, all present; in order too when there are several (checked on the text).
      const lists = words.map((w) => postings.get(w) ?? empty).sort((a, b) => a.length - b.length);
      if (lists[0]!.length > 0) {
        const rest = lists.slice(1).map((l) => new Set(l));
        for (const i of lists[0]!) if (rest.every((s) => s.has(i))) (words.length === 1 ? found : unsure).add(i);
      }
      // The phrase written as one word elsewhere ("GSM8K" for "GSM-8K", and the reverse).
      for (const alt of [words.join(''), ...asked.joined.trim().split(' ')]) {
        for (const i of postings.get(alt) ?? empty) if (!found.has(i)) unsure.add(i);
      }
      for (const i of unsure) if (namesPhrase(textOf(i), asked)) found.add(i);
      return [...found].sort((a, b) => a - b);
    },
    namingSentence(i, phrase) {
      const asked = matchText(phrase);
      const p = papers[i]!;
      if (namesPhrase(matchText(p.title), asked)) return p.title;
      // Sentences without the phrase's first letters as written (any case) are skipped before normalising.
      const probe = phrase.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim().slice(0, 3);
      const found = splitSentences(p.abstract).find((s) => (probe.length < 3 || /[-‐–]/.test(s.text) || s.text.toLowerCase().includes(probe) || SYNONYM_HINT.test(phrase)) && namesPhrase(matchText(s.text), asked));
      // A phrase found across sentences only (or in the title's and abstract's join) is shown by the abstract's first sentence.
      return found?.text ?? null;
    },
  };
}
