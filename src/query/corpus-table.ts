import type { Paper } from '../corpus/paper.js';
import type { PaperNotes } from '../retrieval/types.js';
import { splitSentences } from '../verify/sentence-split.js';
import { definedVariants } from './acronyms.js';
import { matchText, namesPhrase, type MatchText } from './match-text.js';
import { memoryPaperSource, type PaperMeta, type PaperSource } from './paper-source.js';
import { abstractFigures, paperRow, withReviewClaims, type ClaimRow, type PaperRow } from './paper-row.js';
import { reversedAction } from './word-order.js';

/** What a version glued to a name looks like: "2", "v2", "3.5", "2b". */
const VERSION = /^v?\d+(?:\.\d+)*[a-z]?$/;

/** Papers naming a phrase whose text is read for the acronym (or long form) they define for it. */
const DEFINITIONS_READ = 50;

/** Term -> the papers (ascending indices) whose title or abstract holds it, in matchable form (see matchText). */
export type Postings = Map<string, Uint32Array>;

/**
 * The corpus as a table: one row per paper (built when a question needs it), and an inverted index of
 * the stems of every title and abstract, so that "which papers name X" is answered over the whole
 * corpus, not the top k of a ranking.
 */
export interface CorpusTable {
  readonly size: number;
  /** Title, key, year, venue and authors of a paper, without its abstract. */
  meta(index: number): PaperMeta;
  /** The whole paper (read from disk for the stored corpus). */
  paper(index: number): Paper;
  indexOfKey(key: string): number | undefined;
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

/** The inverted index of a corpus (built once, or loaded from the workspace: see src/qa/index-store.ts). */
export function buildPostings(papers: readonly Paper[]): Postings {
  const builder = createPostingsBuilder();
  papers.forEach((p, i) => builder.add(p, i));
  return builder.finish();
}

/** The inverted index built paper by paper (indices ascending), for a corpus read one paper at a time. */
export function createPostingsBuilder(): { add(paper: Paper, index: number): void; finish(): Postings } {
  const lists = new Map<string, number[]>();
  return {
    add(p, i) {
      const m = matchText(paperText(p));
      const terms = new Set(m.stems.split(' '));
      for (const j of m.joined.split(' ')) terms.add(j);
      terms.delete('');
      for (const t of terms) {
        let list = lists.get(t);
        if (!list) lists.set(t, (list = []));
        list.push(i);
      }
    },
    finish: () => new Map([...lists].map(([t, l]) => [t, Uint32Array.from(l)])),
  };
}

export interface CorpusTableOptions {
  notes?: ReadonlyMap<string, PaperNotes>;
  postings?: Postings;
  /** The figures each abstract reports (see abstractFigures), when they were computed ahead (the stored corpus). */
  abstractFigures?: (index: number) => ClaimRow[];
}

export function createCorpusTable(papers: PaperSource | readonly Paper[], options: CorpusTableOptions = {}): CorpusTable {
  const source = isSource(papers) ? papers : memoryPaperSource(papers);
  const { notes } = options;
  const postings = options.postings ?? buildPostings(Array.from({ length: source.size }, (_, i) => source.paper(i)));
  const figuresOf = options.abstractFigures ?? ((i: number) => abstractFigures(source.paper(i).abstract));
  const rows = new Map<number, PaperRow>();
  const texts = new Map<number, MatchText>();
  const textOf = (i: number) => {
    let t = texts.get(i);
    if (!t) {
      t = matchText(paperText(source.paper(i)));
      if (texts.size > 5000) texts.clear();
      texts.set(i, t);
    }
    return t;
  };
  const categoryNames = [...new Set([...(notes?.values() ?? [])].flatMap((n) => [n.category, n.subcategory].filter((c): c is string => !!c)))];
  const empty = new Uint32Array(0);
  const notesOf = (i: number) => notes?.get(source.meta(i).id);
  const variants = new Map<string, string[]>();
  let lastAsked: [string, MatchText] | null = null;
  const askedText = (phrase: string) => (lastAsked?.[0] === phrase ? lastAsked[1] : (lastAsked = [phrase, matchText(phrase)])[1]);

  return {
    size: source.size,
    meta: (i) => source.meta(i),
    paper: (i) => source.paper(i),
    indexOfKey: (key) => source.indexOfKey(key),
    postings,
    categoryNames,
    notesOf,
    row(i) {
      let r = rows.get(i);
      if (!r) {
        r = paperRow(source.paper(i), notesOf(i), figuresOf(i));
        if (rows.size > 5000) rows.clear();
        rows.set(i, r);
      }
      return r;
    },
    claims: (i) => rows.get(i)?.claims ?? withReviewClaims(notesOf(i), figuresOf(i)),
    naming(phrase) {
      const own = namingExact(phrase);
      const others = variantsOf(phrase, own);
      if (others.length === 0) return own;
      return [...new Set([...own, ...others.flatMap(namingExact)])].sort((a, b) => a - b);
    },
    namingSentence(i, phrase) {
      for (const p of [phrase, ...(variants.get(phrase) ?? [])]) {
        const s = sentenceNaming(i, p);
        if (s) return s;
      }
      return null;
    },
  };

  /** The papers naming the phrase as written (spelling variants and synonyms included), ascending. */
  function namingExact(phrase: string): number[] {
    const asked = askedText(phrase);
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
    // A name with its version glued to it ("FlashAttention2", "Qwen2.5") names it.
    const word = words[0]!;
    if (words.length === 1 && /^[a-z][a-z0-9]{2,}[a-z]$/.test(word)) {
      for (const [term, list] of postings) {
        if (term.length <= word.length || !term.startsWith(word) || !VERSION.test(term.slice(word.length))) continue;
        for (const i of list) found.add(i);
      }
    }
    return [...found].sort((a, b) => a - b);
  }

  /** Other names of the phrase: its words reversed ("evicting tokens"), and the acronym or long form the corpus defines for it. */
  function variantsOf(phrase: string, naming: readonly number[]): string[] {
    let v = variants.get(phrase);
    if (!v) {
      const defined = definedVariants(phrase, naming.slice(0, DEFINITIONS_READ).map((i) => paperText(source.paper(i))));
      v = [...new Set([reversedAction(phrase), ...defined].filter((x): x is string => x !== null && x !== phrase))];
      variants.set(phrase, v);
    }
    return v;
  }

  /** The title, or the first sentence of the abstract, that names the phrase as written. */
  function sentenceNaming(i: number, phrase: string): string | null {
    const asked = askedText(phrase);
    // Text without the phrase's first letters (in any case, hyphens read as spaces) is skipped before normalising.
    const probe = loosened(phrase).trim().slice(0, 3);
    const anywhere = probe.length < 3 || SYNONYM_HINT.test(phrase);
    const mayName = (text: string) => anywhere || loosened(text).includes(probe);
    const title = source.meta(i).title;
    if (mayName(title) && namesPhrase(matchText(title), asked)) return title;
    const abstract = source.paper(i).abstract;
    // Sentences that end before the probe's first occurrence cannot hold it (a probe of letters and digits only;
    // offsets are only compared when normalising kept the abstract's length).
    const lower = abstract.toLowerCase().normalize('NFKC');
    const first = anywhere || /[^\p{L}\p{N}]/u.test(probe) ? 0 : lower.indexOf(probe) < 0 ? -1 : lower.length !== abstract.length ? 0 : lower.indexOf(probe);
    if (first < 0) return null;
    const found = splitSentences(abstract).find((s) => s.end > first && mayName(s.text) && namesPhrase(matchText(s.text), asked));
    return found?.text ?? null;
  }
}

/** Lower-cased, with every run of characters other than letters and digits as one space. */
function loosened(text: string): string {
  return text.toLowerCase().normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, ' ');
}

function isSource(papers: PaperSource | readonly Paper[]): papers is PaperSource {
  return !Array.isArray(papers);
}
