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

/** The same, as steps (see review/cooperative-loop.ts): one per paper counted, then one per paper annotated. */
export function* classifyOfflineSteps(papers: Paper[]): Steps<Annotation[]> {
  const n = papers.length;
  // Counted paper by paper, so the phrase sets of a large corpus are never all held at once.
  const df = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const p = papers[i]!;
    for (const [k, c] of phraseDocumentFrequency([documentPhraseKeys(p.titleDerived ? '' : p.title, p.abstract)])) df.set(k, (df.get(k) ?? 0) + c);
    yield { done: i + 1, total: 2 * n };
  }
  return yield* mapSteps(papers, (paper) => annotate(paper, df, n), n, 2 * n);
}

function annotate(paper: Paper, df: Map<string, number>, corpusSize: number): Annotation {
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
