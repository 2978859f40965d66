import { describe, expect, it } from 'vitest';
import { extractiveAnswer } from '../../src/qa/extractive-answer.js';
import { followUpContext, isFollowUp } from '../../src/qa/follow-up-subject.js';
import { askedEntity, questionSubject } from '../../src/qa/question-entity.js';
import { createRetriever } from '../../src/retrieval/create-retriever.js';
import { makePaper, SMALL_CORPUS } from '../retrieval/make-paper.js';

/** Invented abstracts: the entity asked for is named plainly, but not in the question's words. */
const CORPUS = [
  ...SMALL_CORPUS,
  makePaper(
    'molgnn2024',
    'MolGNN: Message Passing for Molecular Property Prediction',
    'Predicting molecular properties needs models that respect chemical structure. ' +
      'We propose MolGNN, a message-passing graph neural network over molecular graphs. ' +
      'All experiments are run on ZINC250k, with scaffold splits. ' +
      'MolGNN is used without any fine-tuning on the downstream tasks and lowers the error of the best baseline by 12%.',
  ),
  makePaper(
    'protgraph2024',
    'ProtGraph: Graph Networks for Protein Function',
    'Protein function prediction is hard when structures are missing. ' +
      'We introduce ProtGraph, a graph neural network over residue contact maps. ' +
      'We train on the PDB and evaluate on CAFA3, where ProtGraph needs fine-tuning for each ontology.',
  ),
];
const retriever = createRetriever(CORPUS);

async function answer(question: string, context?: string) {
  const hits = await retriever.search(question, 8, { context });
  return extractiveAnswer(question, hits, retriever, context);
}

describe('questions asking for an entity', () => {
  it('reads what the question wants and whom it is about', () => {
    expect(askedEntity('Which dataset did MolGNN use?')).toBe('dataset');
    expect(askedEntity('What base model does it fine-tune?')).toBe('model');
    expect(askedEntity('Which metric do they report?')).toBe('metric');
    expect(askedEntity('How much memory does it save?')).toBe('number');
    expect(askedEntity('Does it need fine-tuning?')).toBeNull();
    expect(questionSubject('Which dataset did MolGNN use?')).toEqual(['MolGNN']);
    expect(questionSubject('Which LLM do they use?')).toEqual([]);
  });

  it('finds the dataset an abstract names even when the sentence does not repeat the question', async () => {
    const a = await answer('Which dataset did MolGNN use?');
    expect(a.supported).toBe(true);
    expect(a.text.split('\n')[0]).toBe('- "All experiments are run on ZINC250k, with scaffold splits." [@molgnn2024]');
  });
});

describe('follow-ups carry the conversation\'s subject', () => {
  it('knows a follow-up from a question that names its own subject', () => {
    expect(isFollowUp('Does it need fine-tuning?')).toBe(true);
    expect(isFollowUp('Does ProtGraph need fine-tuning?')).toBe(false);
  });

  it('answers "Does it need fine-tuning?" about the paper under discussion, not another that mentions fine-tuning', async () => {
    const a = await answer('Does it need fine-tuning?', 'Which dataset did MolGNN use?');
    expect(a.supported).toBe(true);
    expect(a.text.split('\n')[0]).toContain('[@molgnn2024]');
    expect(a.text).not.toContain('[@protgraph2024]');
  });

  it('keeps the subject over several follow-ups', () => {
    const history = [
      { question: 'Which dataset did MolGNN use?', answer: '…' },
      { question: 'Does it need fine-tuning?', answer: '…' },
    ];
    expect(followUpContext(history)).toBe('Which dataset did MolGNN use?\nDoes it need fine-tuning?');
    expect(followUpContext([])).toBeUndefined();
  });

  it('stays on the subject two questions back', async () => {
    const context = followUpContext([
      { question: 'Which dataset did MolGNN use?', answer: '…' },
      { question: 'Does it need fine-tuning?', answer: '…' },
    ]);
    const a = await answer('How much does it lower the error?', context);
    expect(a.supported).toBe(true);
    expect(a.text.split('\n')[0]).toContain('[@molgnn2024]');
  });
});
