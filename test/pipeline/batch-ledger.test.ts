import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formBatches, ledgerPath, readLedger, writeLedger } from '../../src/pipeline/batch-ledger.js';

const items = (ids: string[]) => ids.map((id) => ({ id }));
const opts = { maxItems: 3, tokenBudget: 1000, tokensOf: () => 100 };

describe('stable batches', () => {
  it('chunks in id order when there is no ledger', () => {
    const b = formBatches(items(['e', 'a', 'd', 'b', 'c']), { batches: [] }, opts);
    expect(b.map((x) => x.map((i) => i.id))).toEqual([['a', 'b', 'c'], ['d', 'e']]);
  });

  it('keeps old batches when papers are added: new papers form their own batches', () => {
    const first = formBatches(items(['a', 'b', 'c', 'd', 'e']), { batches: [] }, opts).map((x) => x.map((i) => i.id));
    const second = formBatches(items(['a', 'b', 'c', 'd', 'e', 'aa', 'ab']), { batches: first }, opts).map((x) => x.map((i) => i.id));
    expect(second.slice(0, first.length)).toEqual(first);
    expect(second.slice(first.length)).toEqual([['aa', 'ab']]);
  });

  it('breaks up only the batches that lost a paper', () => {
    const second = formBatches(items(['a', 'b', 'd', 'e']), { batches: [['a', 'b', 'c'], ['d', 'e']] }, opts);
    expect(second.map((x) => x.map((i) => i.id))).toEqual([['d', 'e'], ['a', 'b']]);
  });

  it('a run over a subset leaves the whole corpus\'s batches for the next full run', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'litrev-ledger-')), 'l.json');
    const ids = (b: { id: string }[][]) => b.map((x) => x.map((i) => i.id));
    const all = ['a', 'b', 'c', 'd', 'e'];
    const full = ids(formBatches(items(all), await readLedger(file, all), opts));
    await writeLedger(file, { batches: full }, all);
    // A screened run keeps a, b, d: the batch [a, b, c] breaks up, [a, b, d] is formed anew.
    const some = ['a', 'b', 'd'];
    const subset = ids(formBatches(items(some), await readLedger(file, some), opts));
    expect(subset).toEqual([['a', 'b', 'd']]);
    await writeLedger(file, { batches: subset }, some);
    expect(ids(formBatches(items(all), await readLedger(file, all), opts))).toEqual(full);
    expect(ids(formBatches(items(some), await readLedger(file, some), opts))).toEqual(subset);
    // A set never seen starts from the last run's batches.
    expect((await readLedger(file, ['a', 'b', 'd', 'z'])).batches).toEqual(subset);
  });

  it('respects the token budget', () => {
    const b = formBatches(items(['a', 'b', 'c']), { batches: [] }, { maxItems: 10, tokenBudget: 250, tokensOf: () => 100 });
    expect(b.map((x) => x.length)).toEqual([2, 1]);
  });

  it('round-trips the ledger file and tolerates a corrupt one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'litrev-ledger-'));
    const file = ledgerPath(dir, { stage: 'classify', model: 'm' });
    expect(await readLedger(file)).toEqual({ batches: [] });
    await writeLedger(file, { batches: [['a', 'b']] });
    expect(await readLedger(file)).toEqual({ batches: [['a', 'b']] });
    expect(ledgerPath(dir, { stage: 'classify', model: 'm' })).toBe(file);
    expect(ledgerPath(dir, { stage: 'classify', model: 'n' })).not.toBe(file);
  });
});
