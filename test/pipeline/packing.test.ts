import { describe, expect, it } from 'vitest';
import type { ChatMessage, EndpointLimits, ModelGateway } from '../../src/model/types.js';
import { promptRoom } from '../../src/prompts/context-budget.js';
import { formBatches } from '../../src/pipeline/batch-ledger.js';
import { batchFits, batchShape, promptFits } from '../../src/pipeline/stages/batch-fit.js';
import { chunkToFit } from '../../src/pipeline/stages/chunk-to-fit.js';
import { cutToFit } from '../../src/pipeline/stages/cut-to-fit.js';
import { PackingState } from '../../src/pipeline/stages/packing-state.js';

const limits = (contextWindow: number | null, maxOutputTokens: number | null = null): EndpointLimits => ({
  contextWindow,
  contextSource: contextWindow === null ? null : 'config',
  maxOutputTokens,
  outputSource: maxOutputTokens === null ? null : 'config',
});
/** One token per character: the arithmetic below is exact. */
const counter = { countTokens: (m: ChatMessage[]) => m.reduce((n, x) => n + x.content.length, 0) };
const item = (id: string, size: number) => ({ id, text: 'x'.repeat(size) });
type Item = ReturnType<typeof item>;
const render = (items: Item[]): ChatMessage[] => [{ role: 'system', content: 's'.repeat(100) }, { role: 'user', content: items.map((i) => `${i.text}\n\n`).join('') }];

describe('packing batches into the model limits', () => {
  const shape = batchShape<Item>(counter, render, (i) => i.text, 50);

  it('measures the fixed part once and each item by what it adds', () => {
    expect(shape.fixed).toBe(100);
    expect(shape.itemTokens(item('a', 200))).toBe(202);
  });

  it('a batch fits when its prompt, its expected reply and the margin fit the window', () => {
    // 100 fixed + 3 x 202 + (24 + 3 x 50) output + 47 margin (5%) = 927
    expect(batchFits(limits(927), shape, ['a', 'b', 'c'].map((id) => item(id, 200)))).toBe(true);
    expect(batchFits(limits(926), shape, ['a', 'b', 'c'].map((id) => item(id, 200)))).toBe(false);
    expect(batchFits(limits(null), shape, ['a', 'b', 'c'].map((id) => item(id, 200)))).toBe(true);
  });

  it('a batch whose expected reply passes the output cap does not fit, whatever the window', () => {
    const many = Array.from({ length: 10 }, (_, i) => item(`p${i}`, 10));
    expect(batchFits(limits(null, 1000), shape, many)).toBe(true);
    expect(batchFits(limits(null, 500), shape, many)).toBe(false);
    // One item always goes: nothing smaller can be sent.
    expect(batchFits(limits(null, 10), shape, many.slice(0, 1))).toBe(true);
  });

  it('forms the same batches as before while the limits are unknown, smaller ones in a small window', () => {
    const items = Array.from({ length: 12 }, (_, i) => item(`p${String(i).padStart(2, '0')}`, 200));
    const base = { maxItems: 5, tokenBudget: 100_000, tokensOf: (i: Item) => i.text.length };
    const unknown = formBatches(items, { batches: [] }, { ...base, fits: (b) => batchFits(limits(null), shape, b) });
    expect(unknown.map((b) => b.length)).toEqual([5, 5, 2]);
    const small = formBatches(items, { batches: [] }, { ...base, fits: (b) => batchFits(limits(930), shape, b) });
    expect(small.map((b) => b.length)).toEqual([3, 3, 3, 3]);
  });

  it('reuses a ledger batch while its prompt still fits, and breaks it up when it no longer does', () => {
    const items = ['a', 'b', 'c', 'd'].map((id) => item(id, 200));
    const ledger = { batches: [['a', 'b', 'c', 'd']] };
    const opts = (window: number | null) => ({
      maxItems: 10,
      tokenBudget: 100_000,
      tokensOf: (i: Item) => i.text.length,
      fits: (b: Item[]) => batchFits(limits(window), shape, b),
      reusable: (b: Item[]) => promptFits(limits(window), b.reduce((s, i) => s + shape.itemTokens(i), shape.fixed)),
    });
    expect(formBatches(items, ledger, opts(null)).map((b) => b.length)).toEqual([4]);
    // 100 + 4 x 202 = 908 prompt tokens: reused in a window of 1,000 (margin 50) though a new batch would be smaller.
    expect(formBatches(items, ledger, opts(1000)).map((b) => b.length)).toEqual([4]);
    expect(formBatches(items, ledger, opts(900)).map((b) => b.length)).toEqual([2, 2]);
  });

  it('keeps room for the output, at most half the window, and a margin', () => {
    expect(promptRoom(limits(null), 500)).toBe(Number.POSITIVE_INFINITY);
    expect(promptRoom(limits(8192), 1000)).toBe(8192 - 1000 - 410);
    expect(promptRoom(limits(8192, 300), 1000)).toBe(8192 - 300 - 410);
    expect(promptRoom(limits(1024), 1000)).toBe(1024 - 512 - 52);
  });
});

describe('chunks and cuts', () => {
  it('chunks in order by weight, a heavy element alone', () => {
    expect(chunkToFit([3, 3, 3, 9, 1, 1], (n) => n, 6)).toEqual([[3, 3], [3], [9], [1, 1]]);
    expect(chunkToFit([1, 1, 1, 1, 1], (n) => n, 100, 2)).toEqual([[1, 1], [1, 1], [1]]);
  });

  it('cuts a text at a word to fit, marks the cut, and gives up below a few words', () => {
    const text = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen';
    const cut = cutToFit(text, 60, (t) => t.length)!;
    expect(cut.length).toBeLessThanOrEqual(60);
    expect(cut.endsWith(' …')).toBe(true);
    expect(text.startsWith(cut.slice(0, -2))).toBe(true);
    expect(cutToFit(text, 1000, (t) => t.length)).toBe(text);
    expect(cutToFit(text, 10, (t) => t.length)).toBeNull();
  });
});

describe('PackingState', () => {
  const gateway = (l: EndpointLimits) => ({ limits: () => l, tokenCounter: () => counter.countTokens, discoverLimits: async () => {} }) as unknown as ModelGateway;

  it('sizes with a conservative prior until replies are measured, then, from the next stage on, with what they took', async () => {
    const s = new PackingState(gateway(limits(null)));
    expect(s.outputPerItem('classify')).toBe(400);
    s.recordOutput('classify', 1000, 10);
    // Within the stage its batches keep the size they started with, whatever order the replies come in.
    expect(s.outputPerItem('classify')).toBe(400);
    expect(s.outputPerItem('classify', 'live')).toBe(125);
    s.settle();
    expect(s.outputPerItem('classify')).toBe(125);
    expect(s.outputPerItem('screen')).toBe(60);
  });

  it('counts prompt tokens with the calibration of the last settle, and asks for the published window first', async () => {
    let ratio = 1;
    let known = limits(null);
    const calibrated = {
      limits: () => known,
      tokenCounter: () => {
        const r = ratio;
        return (m: ChatMessage[]) => Math.ceil(counter.countTokens(m) * r);
      },
      discoverLimits: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        known = limits(8000);
      },
    } as unknown as ModelGateway;
    const s = new PackingState(calibrated);
    const prompt: ChatMessage[] = [{ role: 'user', content: 'x'.repeat(100) }];
    expect(s.countTokens(prompt)).toBe(100);
    ratio = 1.5; // replies reported more tokens than litrev estimated
    expect(s.countTokens(prompt)).toBe(100);
    s.settle();
    expect(s.countTokens(prompt)).toBe(150);
    expect(s.limits().contextWindow).toBeNull();
    await s.discoverLimits();
    expect(s.limits().contextWindow).toBe(8000);
  });

  it('learns an output cap from a cut-off reply when the model layer knows none', () => {
    const s = new PackingState(gateway(limits(4096)));
    s.recordTruncated(2048);
    expect(s.limits()).toMatchObject({ contextWindow: 4096, maxOutputTokens: 2048, outputSource: 'learned' });
  });

  it('says what the limits do once, with the fix', () => {
    const s = new PackingState(gateway(limits(4096)));
    const message = s.announce('classify', limits(4096), 3);
    expect(message).toMatch(/^the model's context window is 4,096 tokens \(configured\): classify batches of 3 papers; for Ollama raise it with OLLAMA_CONTEXT_LENGTH or num_ctx/);
    expect(s.announce('assign', limits(4096), 9)).toBeNull();
    expect(new PackingState(gateway(limits(null))).announce('classify', limits(null), 10)).toBeNull();
  });
});
