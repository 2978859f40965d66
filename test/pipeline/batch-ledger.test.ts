import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extendLedger, formBatches, ledgerPath, readLedger, writeLedger } from '../../src/pipeline/batch-ledger.js';

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

  it('a run over a subset leaves the whole corpus\'s batches for the next full run', () => {
    const ids = (b: { id: string }[][]) => b.map((x) => x.map((i) => i.id));
    const full = ids(formBatches(items(['a', 'b', 'c', 'd', 'e']), { batches: [] }, opts));
    let ledger = extendLedger({ batches: [] }, full);
    // A screened run keeps a, b, d: the batch [a, b, c] breaks up, [a, b] is formed anew.
    const subset = ids(formBatches(items(['a', 'b', 'd']), ledger, opts));
    expect(subset).toEqual([['a', 'b', 'd']]);
    ledger = extendLedger(ledger, subset);
    expect(ids(formBatches(items(['a', 'b', 'c', 'd', 'e']), ledger, opts))).toEqual(full);
    expect(ids(formBatches(items(['a', 'b', 'd']), ledger, opts))).toEqual(subset);
    expect(extendLedger(ledger, subset).batches).toHaveLength(ledger.batches.length);
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
