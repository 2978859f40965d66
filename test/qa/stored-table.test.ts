import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import { ingestPaths } from '../../src/corpus/ingest.js';
import { answerQuestion } from '../../src/qa/answer-question.js';
import { createCandidateRetriever } from '../../src/qa/candidate-retriever.js';
import { openStoredTable, type StoredTable } from '../../src/qa/stored-table.js';
import { createCorpusTable, type CorpusTable } from '../../src/query/corpus-table.js';
import { createRetriever } from '../../src/retrieval/create-retriever.js';
import { COUNT_QUESTIONS, FOLLOW_UPS, FRESH_LIST_QUESTIONS, LIST_QUESTIONS } from '../../scripts/questions/question-sets.js';
import { EXAMPLE_CORPUS } from '../corpus/support.js';

let papers: Paper[];
let memory: CorpusTable;
let stored: StoredTable;
let dir: string;

beforeAll(async () => {
  papers = (await ingestPaths([EXAMPLE_CORPUS])).papers;
  memory = createCorpusTable(papers);
  dir = await mkdtemp(path.join(tmpdir(), 'litrev-stored-table-'));
  // Built, closed and opened again: the answers below come from the files on disk.
  (await openStoredTable(dir, { hash: 'e'.repeat(64), size: papers.length, papers: () => papers }, null)).close();
  stored = await openStoredTable(dir, { hash: 'e'.repeat(64), size: papers.length, papers: () => papers }, null);
});

afterAll(async () => {
  stored.close();
  await rm(dir, { recursive: true, force: true });
});

const QUESTIONS = [
  ...[...LIST_QUESTIONS, ...FRESH_LIST_QUESTIONS, ...COUNT_QUESTIONS].map((q) => q.question),
  ...FOLLOW_UPS.map((f) => f.first),
  'Which paper reports the largest speedup?',
  'Which paper reports the lowest memory?',
  'What speedups do speculative decoding papers report?',
  'Compare PyramidKV and SnapKV on memory',
  'How many papers per year?',
  'Which models are named most often?',
  'What does PyramidKV do?',
  'Which dataset does ZipCache use?',
];

describe('the stored corpus answers as the corpus in memory does', () => {
  it('gives the same answer, count, rows and citations to every kind of question', async () => {
    expect(stored.fromDisk).toBe(true);
    const retriever = createRetriever(papers);
    for (const question of QUESTIONS) {
      const a = await answerQuestion({ question, history: [], retriever, gateway: null, table: memory });
      const b = await answerQuestion({ question, history: [], retriever, gateway: null, table: stored.table });
      expect(b.answer, question).toBe(a.answer);
      expect(b.kind, question).toBe(a.kind);
      expect(b.count, question).toBe(a.count);
      expect(JSON.stringify(b.rows), question).toBe(JSON.stringify(a.rows));
      expect(b.citations, question).toEqual(a.citations);
    }
  });

  it('keeps the subject of a follow-up over the stored corpus', async () => {
    const retriever = createRetriever(papers);
    for (const f of FOLLOW_UPS) {
      const first = await answerQuestion({ question: f.first, history: [], retriever, gateway: null, table: memory });
      const a = await answerQuestion({ question: f.then, history: [], retriever, gateway: null, table: memory, previousKeys: first.papers! });
      const b = await answerQuestion({ question: f.then, history: [], retriever, gateway: null, table: stored.table, previousKeys: first.papers! });
      expect(b.answer, f.then).toBe(a.answer);
      expect(b.papers, f.then).toEqual(a.papers);
    }
  });

  it('ranks a lookup over candidates read from the store, citing the paper asked about', async () => {
    const retriever = createCandidateRetriever(stored.table);
    const r = await answerQuestion({ question: 'What does PyramidKV do?', history: [], retriever, gateway: null, table: stored.table });
    expect(r.kind).toBe('lookup');
    expect(r.citations.map((c) => c.key)).toContain(papers.find((p) => p.title.startsWith('PyramidKV'))!.key);
  });
});
