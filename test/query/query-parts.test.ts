import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { saveCorpusState, storedPapers } from '../../src/corpus/store.js';
import { openStoredTable } from '../../src/qa/stored-table.js';
import { createMarkupFilter } from '../../src/qa/markup-filter.js';
import { markUnsupportedNumbers, UNSUPPORTED_MARK } from '../../src/qa/mark-unsupported.js';
import { referredPapers } from '../../src/qa/follow-up-set.js';
import { parseClaimValue } from '../../src/query/claim-value.js';
import { buildPostings } from '../../src/query/corpus-table.js';
import { matchText, namesPhrase } from '../../src/query/match-text.js';
import { SMALL_CORPUS } from '../retrieval/make-paper.js';

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('claim values', () => {
  it('parses factors, percentages and points with their qualifier and direction', () => {
    expect(parseClaimValue('up to 7.78x', 'speedup')).toMatchObject({ number: 7.78, unit: 'x', qualifier: 'up to', direction: 'up' });
    expect(parseClaimValue('2.3×')).toMatchObject({ number: 2.3, unit: 'x' });
    expect(parseClaimValue('40%', 'reduces memory by 40%')).toMatchObject({ number: 40, unit: '%', direction: 'down' });
    expect(parseClaimValue('3.5 points', 'improves accuracy by 3.5 points')).toMatchObject({ number: 3.5, unit: 'points', direction: 'up' });
    expect(parseClaimValue('no number here')).toBeNull();
  });
});

describe('names a phrase', () => {
  const names = (text: string, phrase: string) => namesPhrase(matchText(text), matchText(phrase));
  it('reads spelling variants, hyphens and synonyms as one, and keeps different words apart', () => {
    expect(names('Post-training quantization of LLMs', 'quantisation')).toBe(true);
    expect(names('weights are quantized to 4 bits', 'quantization')).toBe(true);
    expect(names('results on GSM-8K', 'GSM8K')).toBe(true);
    expect(names('compresses the key-value cache', 'KV cache')).toBe(true);
    expect(names('LLaMA-2 and Llama 3', 'Llama')).toBe(true);
    expect(names('a feature transformation', 'transformers')).toBe(false);
    expect(names('speculative and then decoding', 'speculative decoding')).toBe(false);
  });
});

describe('streamed answers', () => {
  it('never show prompt markup, even split across deltas', () => {
    const f = createMarkupFilter();
    const deltas = ['<pap', 'er id="p1" key="a">', 'KV cache [@a]. <cl', 'aims>x</claims> &lt;paper&gt; a < b', '</paper>'];
    const out = deltas.map((d) => f.push(d)).join('') + f.end();
    expect(out).not.toMatch(/<\/?(?:paper|claims)|&lt;paper/);
    expect(out).toContain('KV cache [@a].');
    expect(out).toContain('a < b');
  });

  it('mark a number no cited abstract holds where it stands', () => {
    const text = 'It is 7.5x faster [@a].';
    const marked = markUnsupportedNumbers(text, [{ number: '7.5x', sentence: text, line: 1, citedKeys: ['a'], found: false, foundIn: [] } as never]);
    expect(marked).toBe(`It is 7.5x ${UNSUPPORTED_MARK} faster [@a].`);
  });
});

describe('follow-ups', () => {
  it('"these" refers to every paper of the previous answer, "it" to its first', () => {
    expect(referredPapers('Which of these is lossless?', ['a', 'b'])).toEqual(['a', 'b']);
    expect(referredPapers('Does it need fine-tuning?', ['a', 'b'])).toEqual(['a']);
    expect(referredPapers('What is LongBench?', ['a', 'b'])).toEqual([]);
  });
});

describe('the index on disk', () => {
  it('reads the stored corpus one paper at a time, as it was saved', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'litrev-qa-stream-'));
    temps.push(dir);
    await saveCorpusState(dir, { papers: SMALL_CORPUS, sources: [] });
    const read = [];
    for await (const p of storedPapers(dir)) read.push(p);
    expect(read).toEqual(SMALL_CORPUS);
  });

  it('reads back the postings and papers it stored, and a changed corpus replaces them', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'litrev-qa-index-'));
    temps.push(dir);
    let loads = 0;
    const corpus = (hash: string, papers: typeof SMALL_CORPUS) => ({ hash, size: papers.length, papers: () => (loads++, papers) });
    const first = await openStoredTable(dir, corpus('a'.repeat(64), SMALL_CORPUS), null);
    expect(first.fromDisk).toBe(false);
    first.close();
    const again = await openStoredTable(dir, corpus('a'.repeat(64), SMALL_CORPUS), null);
    expect(again.fromDisk).toBe(true);
    expect(loads).toBe(1);
    expect([...again.table.postings].map(([t, l]) => [t, [...l]])).toEqual([...buildPostings(SMALL_CORPUS)].map(([t, l]) => [t, [...l]]));
    expect(SMALL_CORPUS.map((_, i) => again.table.paper(i))).toEqual(SMALL_CORPUS);
    again.close();
    const changed = await openStoredTable(dir, corpus('b'.repeat(64), SMALL_CORPUS.slice(1)), null);
    expect(changed.fromDisk).toBe(false);
    changed.close();
    const files = await readdir(path.join(dir, 'qa-index'));
    expect(files.every((f) => f.startsWith('b'.repeat(16)))).toBe(true);
    // A new review over the same corpus keeps the store (nothing in it depends on a review); its annotations are read at opening.
    const notes = new Map([[SMALL_CORPUS[1]!.id, { category: 'Reviewed', claims: [] }]]);
    const reviewed = await openStoredTable(dir, corpus('b'.repeat(64), SMALL_CORPUS.slice(1)), { runId: 'run-2', notes });
    expect(reviewed.fromDisk).toBe(true);
    expect(reviewed.table.notesOf(0)?.category).toBe('Reviewed');
    reviewed.close();
    expect(await readdir(path.join(dir, 'qa-index'))).toEqual(files);
  });
});
