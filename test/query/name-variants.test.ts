import { describe, expect, it } from 'vitest';
import { definedVariants } from '../../src/query/acronyms.js';
import { createCorpusTable } from '../../src/query/corpus-table.js';
import { subjectRuns } from '../../src/query/plan-question.js';
import { reversedAction } from '../../src/query/word-order.js';
import { makePaper } from '../retrieval/make-paper.js';

const CORPUS = [
  makePaper('defines', 'Adapters compared', 'We fine-tune with low-rank adaptation (LoRA) and with prefix tuning.'),
  makePaper('acronym-only', 'Merging adapters', 'Several LoRA modules are merged into one model without retraining.'),
  makePaper('long-only', 'Cheap tuning', 'Low-rank adaptation keeps the pretrained weights frozen.'),
  makePaper('evicting', 'A cache policy', 'Evicting tokens from the cache by their attention keeps accuracy at 20% of the memory.'),
  makePaper('eviction', 'Token eviction revisited', 'We study which tokens to keep.'),
  makePaper('versioned', 'Faster kernels', 'Our kernel is 2x faster than FlashAttention2 on long inputs.'),
  makePaper('unrelated', 'Loose ends', 'Low rank matrices and an adaptation of the learning rate (ALR) are unrelated.'),
];

describe('names a paper is found by besides the words asked', () => {
  it('reads an acronym the corpus defines as its long form, both ways, and no look-alike', () => {
    const table = createCorpusTable(CORPUS);
    const keys = (phrase: string) => table.naming(phrase).map((i) => CORPUS[i]!.key);
    expect(keys('low-rank adaptation')).toEqual(['defines', 'acronym-only', 'long-only']);
    expect(keys('LoRA')).toEqual(['defines', 'acronym-only', 'long-only']);
    expect(definedVariants('low-rank adaptation', [CORPUS[0]!.abstract])).toEqual(['LoRA']);
    // "(ALR)" follows words whose initials are not its capitals in order: not a definition of anything asked.
    expect(definedVariants('learning rate', [CORPUS[5]!.abstract])).toEqual([]);
  });

  it('quotes the sentence with the other name for a paper found by it', () => {
    const table = createCorpusTable(CORPUS);
    const i = table.naming('low-rank adaptation').find((n) => CORPUS[n]!.key === 'acronym-only')!;
    expect(table.namingSentence(i, 'low-rank adaptation')).toBe('Several LoRA modules are merged into one model without retraining.');
  });

  it('finds "token eviction" written as "evicting tokens"', () => {
    const table = createCorpusTable(CORPUS);
    expect(table.naming('token eviction').map((i) => CORPUS[i]!.key)).toEqual(['evicting', 'eviction']);
    expect(reversedAction('token eviction')).toBe('eviction token');
    expect(reversedAction('sparse attention model')).toBeNull();
  });

  it('finds a name with its version glued to it, and not a longer word', () => {
    const table = createCorpusTable([...CORPUS, makePaper('longer', 'Flash attentions', 'FlashAttentionX is another thing.')]);
    expect(table.naming('FlashAttention').map((i) => table.meta(i).key)).toEqual(['versioned']);
  });

  it('keeps a general head noun after a common word, and drops it after a name', () => {
    expect(subjectRuns('Which papers are about diffusion models?')).toEqual(['diffusion models']);
    expect(subjectRuns('Which papers use Mamba models?')).toEqual(['Mamba']);
    expect(subjectRuns('Which papers discuss chain-of-thought reasoning?')).toEqual(['chain-of-thought']);
    expect(subjectRuns('Which papers are about the lottery ticket hypothesis?')).toEqual(['lottery ticket']);
  });
});
