import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import { ingestPaths } from '../../src/corpus/ingest.js';
import { answerQuestion } from '../../src/qa/answer-question.js';
import { createCorpusTable, type CorpusTable } from '../../src/query/corpus-table.js';
import { createRetriever } from '../../src/retrieval/create-retriever.js';
import type { Retriever } from '../../src/retrieval/types.js';
import { COUNT_QUESTIONS, FOLLOW_UPS, goldKeys, LIST_QUESTIONS, overall, scoreSet } from '../../scripts/questions/question-sets.js';
import { EXAMPLE_CORPUS } from '../corpus/support.js';

let papers: Paper[];
let table: CorpusTable;
let retriever: Retriever;

beforeAll(async () => {
  papers = (await ingestPaths([EXAMPLE_CORPUS])).papers;
  table = createCorpusTable(papers);
  retriever = createRetriever(papers);
});

const ask = (question: string, previousKeys: string[] = []) => answerQuestion({ question, history: [], retriever, gateway: null, table, previousKeys });

describe('list and count questions over the example corpus (offline, gold from the abstracts)', () => {
  it('lists the papers that name what is asked: recall >= 0.9, precision >= 0.8 over the held-out set', async () => {
    const scores = [];
    for (const q of LIST_QUESTIONS) {
      const r = await ask(q.question);
      expect(r.kind, q.question).toBe('list');
      expect(r.rows!.length, q.question).toBe(r.count);
      scores.push(scoreSet(q.question, goldKeys(papers, q.names), r.papers!));
    }
    const { recall, precision } = overall(scores);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(precision).toBeGreaterThanOrEqual(0.8);
  });

  it('counts within 10% of the gold count, and says the count and the filter', async () => {
    for (const q of COUNT_QUESTIONS) {
      const r = await ask(q.question);
      const gold = goldKeys(papers, q.names).size;
      expect(r.kind, q.question).toBe('count');
      expect(Math.abs(r.count! - gold), `${q.question}: ${r.count} vs ${gold}`).toBeLessThanOrEqual(Math.ceil(gold * 0.1));
      expect(r.answer.startsWith(`${r.count} paper`), r.answer).toBe(true);
    }
  });

  it('reads spelling variants as one: quantisation and quantization count the same papers', async () => {
    const uk = await ask('How many papers are about quantisation?');
    const us = await ask('How many papers are about quantization?');
    expect(uk.count).toBe(us.count);
    expect(uk.count).toBeGreaterThan(30);
  });

  it('keeps the subject of a follow-up: "which of these" stays within the previous answer\'s papers', async () => {
    for (const f of FOLLOW_UPS) {
      const first = await ask(f.first);
      const then = await ask(f.then, first.papers!);
      expect(then.plan?.scope).toBe('previous');
      for (const key of then.papers!) expect(first.papers).toContain(key);
      const byKey = new Map(papers.map((p) => [p.key, p]));
      for (const key of then.papers!) expect(`${byKey.get(key)!.title} ${byKey.get(key)!.abstract}`).toMatch(f.within);
    }
  });

  it('finds TriForce\'s 7.78x and BiLD\'s 2.12x for the speedups of speculative decoding papers, largest first', async () => {
    const r = await ask('What speedups do speculative decoding papers report?');
    const figures = r.rows!.map((row) => [row.key, row.figure?.value?.number]);
    expect(figures[0]).toEqual(['triforce-lossless', 7.78]);
    expect(figures).toContainEqual(['speculative-decoding', 2.12]);
    expect(r.answer).toContain('"'); // the verbatim sentence behind each figure
  });

  it('answers a lookup by retrieval, and a question it cannot plan says so', async () => {
    const lookup = await ask('What does PyramidKV do?');
    expect(lookup.kind).toBe('lookup');
    expect(lookup.plan).toBeNull();
    const vague = await ask('Which papers?');
    expect(vague.kind).toBe('lookup');
    expect(vague.note).toMatch(/could not be read as a query/);
  });
});

describe('planner properties', () => {
  const subjects = ['LongBench', 'quantization', 'KV cache', 'speculative decoding', 'Llama', 'pruning', 'GSM-8K', 'mixture of experts', 'attention', 'zzzz'];
  it('a count equals the length of the list for the same filter, whatever the subject and phrasing', async () => {
    for (const s of subjects) {
      const count = await ask(`How many papers mention ${s}?`);
      const list = await ask(`Which papers mention ${s}?`);
      expect(count.plan?.filters, s).toEqual(list.plan?.filters);
      expect(count.count, s).toBe(list.rows!.length);
      expect(list.count, s).toBe(list.rows!.length);
    }
  });
});
