import MiniSearch, { type Query } from 'minisearch';
import { indexTerm, questionTerms, tokenize } from './analyze.js';

/** A document as indexed: every field a string (empty when absent). */
export interface IndexDocument {
  title: string;
  abstract: string;
  keywords: string;
  category: string;
  method: string;
  claims: string;
}

export const INDEX_FIELDS = ['title', 'abstract', 'keywords', 'category', 'method', 'claims'] as const;

/** Field boosts: a match in the title or the review's category says more than one in the abstract. */
const BOOST: Record<(typeof INDEX_FIELDS)[number], number> = {
  title: 2.5,
  abstract: 1,
  keywords: 1.5,
  category: 1.5,
  method: 1.5,
  claims: 1,
};

export interface LexicalHit {
  /** Position of the document in the array given to `buildBm25Index`. */
  index: number;
  score: number;
  matchedTerms: string[];
}

export interface Bm25Index {
  readonly size: number;
  search(query: string, k: number, context?: string): LexicalHit[];
  /** Number of documents containing the term (in any field). */
  documentFrequency(term: string): number;
}

/** Weight of the conversation's terms against the question's own. */
const CONTEXT_WEIGHT = 0.35;

/**
 * Postings a query may visit. On a large index a query with common terms ("model", "data") would
 * score most of the corpus; past this budget the most common terms are dropped (their idf, and so
 * their share of any score, is the smallest). A query over a few thousand papers stays inside it.
 */
export const POSTINGS_BUDGET = 20_000;

/**
 * A BM25+ index (MiniSearch) over the documents, with stop words removed and Porter stems.
 * Prefix and fuzzy matching are used only for query terms the index does not know (typos,
 * "llama" for "llama2"): for known terms they would only add noise and time.
 */
export function buildBm25Index(documents: readonly IndexDocument[], options: { postingsBudget?: number } = {}): Bm25Index {
  const budget = options.postingsBudget ?? POSTINGS_BUDGET;
  /** Per index term: its document frequency, and the last document counted. */
  const terms = new Map<string, { term: string; df: number; lastDoc: number }>();
  /** Token -> its term's record (null for stop words): one lookup per token while indexing. */
  const tokens = new Map<string, { term: string; df: number; lastDoc: number } | null>();
  let currentDoc = -1;
  /** Document frequency of every index term, once the documents are in. */
  const df = new Map<string, number>();

  function record(token: string) {
    let rec = tokens.get(token);
    if (rec === undefined) {
      const term = indexTerm(token);
      rec = term === null ? null : (terms.get(term) ?? { term, df: 0, lastDoc: -1 });
      if (rec) terms.set(rec.term, rec);
      tokens.set(token, rec);
    }
    return rec;
  }

  /** Index terms of one field of the current document, counting document frequencies on the way. */
  function fieldTerms(text: string): string[] {
    const out: string[] = [];
    for (const token of tokenize(text)) {
      const rec = record(token);
      if (rec === null) continue;
      if (rec.lastDoc !== currentDoc) {
        rec.lastDoc = currentDoc;
        rec.df++;
      }
      out.push(rec.term);
    }
    return out;
  }

  // Pass 1: analyse every field once (split, stop words, stems), counting document frequencies.
  const analysed = documents.map((d, id) => {
    currentDoc = id;
    return INDEX_FIELDS.map((field) => (d[field] === '' ? null : fieldTerms(d[field])));
  });
  tokens.clear();
  for (const [term, rec] of terms) df.set(term, rec.df);
  terms.clear();
  // Terms in more than half of a large corpus (past the postings budget) are corpus stop words: a
  // query drops them anyway (see withinBudget), so their postings, the most expensive to build,
  // are not indexed. Their document frequencies are kept. A corpus under 2x the budget keeps all.
  const ceiling = Math.max(budget, documents.length / 2);
  const common = new Set([...df].filter(([, n]) => n > ceiling).map(([t]) => t));
  const keep = common.size === 0 ? (terms: string[]) => terms : (terms: string[]) => terms.filter((t) => !common.has(t));

  // Pass 2: MiniSearch indexes the analysed terms.
  let fieldTermsOf: (string[] | null)[] = [];
  const mini = new MiniSearch<{ id: number }>({
    fields: [...INDEX_FIELDS],
    idField: 'id',
    // Documents arrive analysed; queries are analysed by `search` and joined with spaces.
    tokenize: (text, field) => (field === undefined ? text.split(' ') : keep(fieldTermsOf[INDEX_FIELDS.indexOf(field as (typeof INDEX_FIELDS)[number])] ?? [])),
    processTerm: (term) => term,
    stringifyField: () => '',
    extractField: (doc, field) => {
      if (field === 'id') return doc.id;
      fieldTermsOf = analysed[doc.id]!;
      return fieldTermsOf[INDEX_FIELDS.indexOf(field as (typeof INDEX_FIELDS)[number])] === null ? null : field;
    },
    searchOptions: {
      boost: BOOST,
      prefix: (term) => term.length >= 4 && !df.has(term),
      fuzzy: (term) => (term.length >= 5 && !df.has(term) ? 1 : false),
    },
  });
  mini.addAll(documents.map((_, id) => ({ id })));
  analysed.length = 0;

  return {
    size: documents.length,
    search(query, k, context) {
      const main = withinBudget(questionTerms(query), (t) => df.get(t) ?? 0, budget);
      const extra = context ? questionTerms(context).filter((t) => !main.includes(t)) : [];
      const ctx = withinBudget(extra, (t) => df.get(t) ?? 0, budget - main.reduce((sum, t) => sum + (df.get(t) ?? 0), 0));
      if (main.length === 0 && ctx.length === 0) return [];
      const q: Query =
        ctx.length > 0
          ? { combineWith: 'OR', queries: [main.join(' '), { queries: [ctx.join(' ')], boostTerm: () => CONTEXT_WEIGHT }] }
          : main.join(' ');
      const results = mini.search(q);
      return results.slice(0, k).map((r) => ({ index: r.id as number, score: r.score, matchedTerms: r.queryTerms }));
    },
    documentFrequency(term) {
      return df.get(term) ?? 0;
    },
  };
}

/**
 * The terms whose postings fit in `budget`, rarest first, in their original order. The first (rarest)
 * term is always kept when the budget is not already spent, so a query never loses all its terms.
 */
function withinBudget(terms: string[], dfOf: (term: string) => number, budget: number): string[] {
  const byRarity = [...terms].sort((a, b) => dfOf(a) - dfOf(b));
  const kept = new Set<string>();
  let left = budget;
  for (const t of byRarity) {
    const cost = dfOf(t);
    if (cost > left && (kept.size > 0 || left <= 0)) break;
    kept.add(t);
    left -= cost;
  }
  return terms.filter((t) => kept.has(t));
}
