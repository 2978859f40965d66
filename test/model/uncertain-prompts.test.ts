import { describe, expect, it } from 'vitest';
import { AbortedError } from '../../src/errors.js';
import { LimitsTracker } from '../../src/model/endpoint-limits.js';
import { TruncationJudge } from '../../src/model/truncation-judge.js';
import { UncertainPrompts, UNCERTAIN_AT_ONCE } from '../../src/model/uncertain-prompts.js';

const never = () => false;
const always = () => true;

describe('UncertainPrompts: prompts not shown to fit, a few at a time', () => {
  it('a prompt shown to fit passes at once and takes no place; others take one of six places', async () => {
    const gate = new UncertainPrompts();
    expect(UNCERTAIN_AT_ONCE).toBe(6);
    const frees = await Promise.all(Array.from({ length: 6 }, () => gate.admit(never)));
    let seventh = false;
    const late = gate.admit(never).then((free) => ((seventh = true), free));
    const fitting = await gate.admit(always);
    await Promise.resolve();
    expect(seventh).toBe(false);
    expect(gate.waiting).toBe(1);
    fitting();
    await Promise.resolve();
    expect(seventh).toBe(false);
    frees[0]!();
    await late;
    expect(seventh).toBe(true);
    expect(gate.waiting).toBe(0);
  });

  it('a waiting prompt goes as soon as the evidence shows it fits, without a free place; freeing twice frees one place', async () => {
    const gate = new UncertainPrompts(1);
    const first = await gate.admit(never);
    let shown = false;
    const waiting = gate.admit(() => shown);
    const other = gate.admit(never);
    shown = true;
    gate.recheck();
    await waiting;
    expect(gate.waiting).toBe(1);
    first();
    first();
    const free = await other;
    let third = false;
    void gate.admit(never).then(() => (third = true));
    await Promise.resolve();
    expect(third).toBe(false);
    free();
    await Promise.resolve();
    await Promise.resolve();
    expect(third).toBe(true);
  });

  it('an aborted request leaves the queue', async () => {
    const gate = new UncertainPrompts(1);
    await gate.admit(never);
    const ctl = new AbortController();
    const waiting = gate.admit(never, ctl.signal);
    expect(gate.waiting).toBe(1);
    ctl.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortedError);
    expect(gate.waiting).toBe(0);
    await expect(gate.admit(never, ctl.signal)).rejects.toBeInstanceOf(AbortedError);
  });
});

describe('TruncationJudge.readsWhole: what the replies show about a prompt before it is sent', () => {
  const judgeWith = (known: ConstructorParameters<typeof LimitsTracker>[0] = {}) => {
    const limits = new LimitsTracker(known, () => undefined);
    return { limits, judge: new TruncationJudge(limits, () => 1) };
  };

  it('a prompt too small for any window fits; a large one does not while nothing was read', () => {
    const { judge } = judgeWith();
    expect(judge.readsWhole(500, undefined)).toBe(true);
    expect(judge.readsWhole(3000, undefined)).toBe(false);
  });

  it('one reading alone shows a fit only at the most any tokenizer counts (1.6 per estimated token)', async () => {
    const { judge } = judgeWith();
    await judge.judge({ estimated: 4000, reported: 4600, maxOut: undefined });
    expect(judge.readsWhole(2800, undefined)).toBe(true);
    expect(judge.readsWhole(3000, undefined)).toBe(false);
  });

  it('two clearly different counts: prompts within the larger at the ratio of the smaller fit, larger ones do not', async () => {
    const { judge } = judgeWith();
    await judge.judge({ estimated: 3600, reported: 4140, maxOut: undefined });
    await judge.judge({ estimated: 4000, reported: 4600, maxOut: undefined });
    // 1.15 server tokens per estimated token, 2% spread: up to 3921 estimated tokens fit in 4600.
    expect(judge.readsWhole(3900, undefined)).toBe(true);
    expect(judge.readsWhole(3950, undefined)).toBe(false);
    // A request asking for 500 tokens of output more than those did may find 500 tokens less room.
    expect(judge.readsWhole(3900, 500)).toBe(false);
  });

  it('two cut prompts a few tokens apart show no ratio: nothing near their count is shown to fit', async () => {
    const { judge } = judgeWith();
    await judge.judge({ estimated: 4300, reported: 4096, maxOut: undefined });
    await judge.judge({ estimated: 4100, reported: 4092, maxOut: undefined });
    expect(judge.readsWhole(3000, undefined)).toBe(false);
    expect(judge.readsWhole(2500, undefined)).toBe(true);
  });

  it('a known window is room, and a count below it is read whole', async () => {
    const { judge } = judgeWith({ contextWindow: 32768, contextSource: 'published' });
    expect(judge.readsWhole(20000, undefined)).toBe(true);
    expect(judge.readsWhole(21000, undefined)).toBe(false);
    await judge.judge({ estimated: 4000, reported: 4600, maxOut: 1000 });
    expect(judge.readsWhole(27000, 1000)).toBe(true);
  });
});
