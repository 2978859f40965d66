import type { Paper } from '../corpus/paper.js';
import type { Annotation } from '../review/annotation.js';
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
  const df = phraseDocumentFrequency(papers.map((p) => documentPhraseKeys(p.titleDerived ? '' : p.title, p.abstract)));
  return papers.map((paper) => annotate(paper, df, papers.length));
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
