import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import { extractNumbers, unsupportedNumbers } from '../../src/verify/numbers.js';
import { isVerbatim, verbatimQuote } from '../../src/verify/quotes.js';
import { verifyReview } from '../../src/verify/verify-review.js';
import { fakeReviewerAnswer, stageOf } from '../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { runCli } from '../support/run-cli.js';

const paper = (key: string, abstract: string, title = `Title of ${key}`): Paper => ({
  id: `p-${key}`, key, title, titleDerived: false, abstract, authors: [], sources: [],
});

describe('quotes are checked against what the model was shown', () => {
  const abstract = 'We keep latency <5 ms for batches >8 requests. Throughput rises by 2x.';
  it('accepts a quote copied from the escaped paper block and maps it back to the abstract', () => {
    expect(verbatimQuote('We keep latency ‹5 ms for batches ›8 requests.', abstract)).toBe('We keep latency <5 ms for batches >8 requests.');
    expect(isVerbatim('latency <5 ms', abstract)).toBe(true);
    expect(isVerbatim('latency ‹6 ms', abstract)).toBe(false);
  });
});

describe('numbers inside tokens match themselves', () => {
  it('a number taken from Rank-1, Qwen2.5-7B, MATH-500 or l_1 is found in its source', () => {
    const source = 'Rank-1 accuracy of Qwen2.5-7B-Instruct on MATH-500 improves with an l_1 penalty.';
    expect(unsupportedNumbers('the rank 1 result of the 7B model on 500 problems with an l 1 penalty', [source])).toEqual([]);
    expect(unsupportedNumbers('a 600-problem set', [source]).map((m) => m.raw)).toEqual(['600']);
    expect(extractNumbers('MATH-500').map((m) => m.raw)).toEqual([]);
  });

  it('verifyReview finds them in the cited paper', () => {
    const p = paper('qwen', 'We fine-tune Qwen2.5-7B-Instruct and report Rank-1 accuracy on MATH-500.');
    const { report } = verifyReview({ markdown: 'It evaluates a 7B model on 500 problems [@qwen].\n', papers: [p], annotations: [] });
    expect(report.summary.numbersUnsupported).toBe(0);
    expect(report.summary.numbersChecked).toBe(2);
  });
});

describe("quotes in the review's prose are verified like claims", () => {
  it('lists a quotation that is not verbatim in the cited abstract, and accepts one that is', () => {
    const p = paper('kv', 'We compress the key-value cache by 4x with no loss in accuracy on long-context tasks.');
    const markdown = [
      'The authors write: "We compress the key-value cache by 4x with no loss" [@kv].',
      'They also claim: "our method is the fastest ever built" [@kv].',
      'It is a "cache trick" [@kv].',
      '',
    ].join('\n\n');
    const { report } = verifyReview({ markdown, papers: [p], annotations: [] });
    const prose = report.quotes.filter((q) => q.line !== undefined);
    expect(prose.map((q) => [q.line, q.verbatim])).toEqual([[1, true], [3, false]]);
    expect(report.summary.quotesNotVerbatim).toBe(1);
  });
});

describe('model path: claims quoted from the escaped block, rejected claims in papers.jsonl', () => {
  let server: OpenAIServer;
  beforeAll(async () => {
    server = await startOpenAIServer({
      handler: (info) => {
        if (info.method === 'text') return undefined;
        const json = fakeReviewerAnswer(info) as { items?: { id: string; claims: unknown[] }[] } | null;
        if (stageOf(info) === 'paper_annotations' && json?.items) {
          for (const item of json.items) {
            // Quote exactly what the block showed (‹ for <), as a real model does; and invent one claim.
            item.claims = [
              { text: 'latency', quote: 'We keep latency ‹5 ms for batches ›8 requests.', quantitative: true, metric: 'latency', value: '5 ms', baseline: null },
              { text: 'made up', quote: 'This sentence is not in the abstract.', quantitative: false, metric: null, value: null, baseline: null },
            ];
          }
        }
        return json === null ? undefined : { json };
      },
    });
  });
  afterAll(() => server.close());

  it('keeps the claim whose quote the model copied exactly, and writes the rejected one with its reason', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'litrev-exact-'));
    const rows = [
      { title: 'Low Latency Serving Paper', abstract: 'We keep latency <5 ms for batches >8 requests. Throughput rises by 2x over vLLM.' },
    ];
    await writeFile(path.join(cwd, 'p.json'), JSON.stringify(rows));
    const r = await runCli(['review', 'p.json', '--base-url', server.url, '--model', 'test-model', '--out', 'out', '--json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const row = JSON.parse((await readFile(path.join(cwd, 'out', 'papers.jsonl'), 'utf8')).trim().split('\n')[0]!);
    expect(row.claims.map((c: { quote: string }) => c.quote)).toEqual(['We keep latency <5 ms for batches >8 requests.']);
    expect(row.rejectedClaims).toEqual([
      { claim: expect.objectContaining({ quote: 'This sentence is not in the abstract.' }), reason: 'quote is not verbatim in the abstract' },
    ]);
    const verification = JSON.parse(await readFile(path.join(cwd, 'out', 'verification.json'), 'utf8'));
    expect(verification.summary.quotesNotVerbatim).toBe(0);
  });
});
