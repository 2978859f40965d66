import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabelItem } from '../../src/eval/label-item.js';
import { labelOrder, seededShuffle } from '../../src/eval/label-order.js';
import { labelProgress, labelReducer, startSession, type LabelAction, type LabelState } from '../../src/eval/label-session.js';
import { readLabels, writeLabels } from '../../src/eval/labels-file.js';
import { readGoldFile } from '../../src/eval/read-gold-file.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

function item(n: number, suggestion: Partial<NonNullable<LabelItem['suggestion']>> | null = null): LabelItem {
  return {
    id: `p${n}`, key: `key${n}`, title: `Title ${n}`, authors: [], year: null, abstract: `Abstract ${n}.`,
    suggestion: suggestion && { included: true, status: 'ok', category: null, contributionType: null, unclear: 0, excludedBy: [], ...suggestion },
  };
}
const apply = (s: LabelState, ...actions: LabelAction[]) => actions.reduce(labelReducer, s);

describe('label session', () => {
  const items = [item(1, { included: true }), item(2, { included: false }), item(3, { included: true })];

  it('every labelling key labels the paper shown and stays on it; next moves on', () => {
    const decide = (decision: 'include' | 'exclude' | 'unsure'): LabelAction => ({ type: 'decide', decision });
    const s = apply(startSession(items, []), decide('include'), { type: 'contribution', digit: 1 }, { type: 'next' }, decide('include'), { type: 'next' });
    expect(s.index).toBe(2);
    expect(s.labels.get('p1')).toMatchObject({ relevant: true, label: 'include', contributionType: 'method' });
    expect(s.labels.get('p2')).toMatchObject({ relevant: true, label: 'include' });
    expect(apply(s, decide('unsure')).index).toBe(2);
    // agreement with the run: p1 agrees (included), p2 does not (the run excluded it)
    expect(labelProgress(s)).toMatchObject({ labelled: 2, total: 3, compared: 2, agreed: 1 });
    expect(labelProgress(s).stopping).toMatchObject({ labelled: 2, relevantFound: 2, unread: 1 });
  });

  it('ranked order: papers not shown yet are reordered by the reranker when the labeller moves on', () => {
    const calls: [string[], [string, boolean][]][] = [];
    const reranker = { rank: (ids: readonly string[], labels: ReadonlyMap<string, boolean>) => (calls.push([[...ids], [...labels]]), [...ids].reverse()) };
    const s0 = startSession(items, [], reranker);
    expect(s0.items.map((i) => i.id)).toEqual(['p3', 'p2', 'p1']);
    const s1 = apply(s0, { type: 'decide', decision: 'include' }, { type: 'next' });
    expect(calls.at(-1)).toEqual([['p2', 'p1'], [['p3', true]]]);
    expect(s1.items.map((i) => i.id)).toEqual(['p3', 'p1', 'p2']);
    expect(s1).toMatchObject({ index: 1, seen: 2 });
    // Going back and forth over papers already shown keeps their order.
    const s2 = apply(s1, { type: 'previous' }, { type: 'next' });
    expect(s2.items.map((i) => i.id)).toEqual(['p3', 'p1', 'p2']);
  });

  it('undo restores the label before the last change and returns to its paper', () => {
    const s = apply(startSession(items, []), { type: 'decide', decision: 'exclude' }, { type: 'next' }, { type: 'decide', decision: 'unsure' }, { type: 'undo' });
    expect(s.index).toBe(1);
    expect(s.labels.has('p2')).toBe(false);
    expect(s.labels.get('p1')!.relevant).toBe(false);
    expect(apply(s, { type: 'undo' }, { type: 'undo' }).message).toBe('nothing to undo');
  });

  it('search by key jumps to the paper (exact key, else a prefix); an unknown key says so', () => {
    const s = apply(startSession(items, []), { type: 'search-start' }, { type: 'search-input', text: 'key3' }, { type: 'search-submit' });
    expect(s.index).toBe(2);
    const miss = apply(s, { type: 'search-start' }, { type: 'search-input', text: 'zzz' }, { type: 'search-submit' });
    expect(miss).toMatchObject({ index: 2, message: 'no paper with key "zzz"', mode: 'browse' });
  });

  it('resumes at the first paper not labelled yet, keeping labels of papers outside the session', () => {
    const s = startSession(items, [
      { key: 'key1', id: 'p1', title: '', relevant: true, label: 'include', contributionType: null },
      { key: 'other', id: 'x9', title: '', relevant: false, label: 'exclude', contributionType: null },
    ]);
    expect(s.index).toBe(1);
    expect([...apply(s, { type: 'decide', decision: 'exclude' }).labels.keys()]).toEqual(['p1', 'x9', 'p2']);
  });
});

describe('label order', () => {
  const many = Array.from({ length: 20 }, (_, i) => item(i));
  it('a seeded sample is reproducible, depends on the seed, and not on the input order', () => {
    const a = labelOrder(many, { sample: 5, seed: 7 }).map((i) => i.id);
    expect(labelOrder([...many].reverse(), { sample: 5, seed: 7 }).map((i) => i.id)).toEqual(a);
    expect(labelOrder(many, { sample: 5, seed: 8 }).map((i) => i.id)).not.toEqual(a);
    expect(new Set(seededShuffle(many, 3)).size).toBe(20);
  });
  it("a run's least certain papers come first: failed, then more unclear answers", () => {
    const withRun = [item(1, { unclear: 0 }), item(2, { unclear: 2 }), item(3, { status: 'failed' }), item(4, { unclear: 1 })];
    expect(labelOrder(withRun, { seed: 1 }).map((i) => i.id)).toEqual(['p3', 'p2', 'p4', 'p1']);
  });
});

describe('labels file', () => {
  it('round-trips, is read by eval --gold as gold rows, and names a damaged line', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'litrev-labels-'));
    dirs.push(dir);
    const file = path.join(dir, 'labels.jsonl');
    expect(await readLabels(file)).toEqual([]);
    const labels = [
      { key: 'key1', id: 'p1', title: 'T1', relevant: true, label: 'include' as const, contributionType: 'method' },
      { key: 'key2', id: 'p2', title: 'T2', relevant: null, label: 'unsure' as const, contributionType: null },
    ];
    await writeLabels(file, labels);
    expect(await readLabels(file)).toEqual(labels);
    const gold = await readGoldFile(file);
    expect(gold.rows).toEqual([
      { where: 'labels.jsonl:1', ref: { key: 'key1', id: 'p1', title: 'T1' }, contributionType: 'method', relevant: true },
      { where: 'labels.jsonl:2', ref: { key: 'key2', id: 'p2', title: 'T2' } },
    ]);
    await writeFile(file, `${await readFile(file, 'utf8')}{oops\n`);
    await expect(readLabels(file)).rejects.toThrow(/labels.jsonl:3: not valid JSON/);
  });
});
