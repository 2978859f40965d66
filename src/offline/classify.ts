import type { Paper } from '../corpus/paper.js';
import type { Annotation } from '../review/annotation.js';
import { mapSteps, runSteps, type Steps } from '../review/cooperative-loop.js';
import { splitSentences } from '../verify/sentence-split.js';
import { extractClaims } from './claims.js';
import { decideContributionType } from './contribution-type.js';
import { extractEntities } from './entities.js';
import { documentPhraseKeys, methodFamily, phraseDocumentFrequency } from './method-family.js';
import { paperName, titleDescription } from './paper-name.js';
import { methodSentenceIndex, methodSentences, problemSentence } from './sentence-roles.js';

/**
 * The offline classify stage: one annotation per paper, in the same order, status 'ok', read off
 * the title and abstract by cue phrases and patterns. Deterministic; claim quotes are verbatim
 * sentences of the abstract.
 */
export function classifyOffline(papers: Paper[]): Annotation[] {
  return runSteps(classifyOfflineSteps(papers));
}

/** What classify reads of a paper (all a worker thread is sent). */
export type ClassifyInput = Pick<Paper, 'id' | 'title' | 'abstract' | 'titleDerived'>;

/** The same, as steps (see review/cooperative-loop.ts): one per paper counted, then one per paper annotated. */
export function* classifyOfflineSteps(papers: ClassifyInput[]): Steps<Annotation[]> {
  const n = papers.length;
  // Counted paper by paper, so the phrase sets of a large corpus are never all held at once.
  const df = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    countPhrases(df, papers[i]!);
    yield { done: i + 1, total: 2 * n };
  }
  return yield* mapSteps(papers, (paper) => annotatePaper(paper, df, n), n, 2 * n);
}

/** Add one paper's phrase keys to a document-frequency table (the first pass of classify). */
export function countPhrases(df: Map<string, number>, paper: ClassifyInput): void {
  for (const [k, c] of phraseDocumentFrequency([documentPhraseKeys(paper.titleDerived ? '' : paper.title, paper.abstract)])) df.set(k, (df.get(k) ?? 0) + c);
}

/** One paper's annotation, given the phrase document frequencies of the whole corpus (the second pass). */
export function annotatePaper(paper: ClassifyInput, df: ReadonlyMap<string, number>, corpusSize: number): Annotation {
  const title = paper.titleDerived ? '' : paper.title;
  const sentences = splitSentences(paper.abstract);
  const name = title ? paperName(title) : null;
  const method = methodSentences(sentences, name);
  const entities = extractEntities(`${title}\n${paper.abstract}`, name);
  const type = decideContributionType(title, paper.abstract);
  return {
    paperId: paper.id,
    status: 'ok',
    contributionType: type.type,
    typeEvidence: type.evidence,
    problem: problemSentence(sentences),
    methodFamily: methodFamily(
      { titleText: title ? titleDescription(title) : '', name, methodText: method.join(' '), abstract: paper.abstract },
      df,
      corpusSize,
    ),
    methodSummary: method.join(' '),
    tasks: entities.tasks,
    datasets: entities.datasets,
    models: entities.models,
    claims: extractClaims(sentences, methodSentenceIndex(sentences, name)),
  };
}
