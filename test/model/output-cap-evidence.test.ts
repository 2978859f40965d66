import { describe, expect, it } from 'vitest';
import { LimitsTracker } from '../../src/model/endpoint-limits.js';

describe('an output cap is learned only from consistent evidence', () => {
  const tracker = () => {
    const learned: string[] = [];
    return { limits: new LimitsTracker({}, (_s, why) => learned.push(why)), learned };
  };

  it('two replies cut at the same count show a cap', () => {
    const { limits, learned } = tracker();
    expect(limits.lengthFinish(1024, 4000)).toBe('isolated');
    expect(limits.lengthFinish(1024, 4000)).toBe('cap');
    expect(limits.limits()).toMatchObject({ maxOutputTokens: 1024, outputSource: 'learned' });
    expect(learned).toHaveLength(1);
    // A reply at the cap, complete, does not contradict it.
    limits.completedReply(1024);
    expect(limits.limits().maxOutputTokens).toBe(1024);
  });

  it('two random cuts that fall at one count are no cap when a longer reply was seen complete', () => {
    const { limits, learned } = tracker();
    limits.completedReply(2100);
    expect(limits.lengthFinish(280, 4000)).toBe('isolated');
    expect(limits.lengthFinish(281, 4000)).toBe('isolated');
    expect(limits.limits().maxOutputTokens).toBeNull();
    expect(learned).toHaveLength(0);
  });

  it('where replies are also cut at other counts, two cuts at one count are a coincidence and a third makes the cap', () => {
    const { limits } = tracker();
    expect(limits.lengthFinish(611, 4000)).toBe('isolated');
    expect(limits.lengthFinish(280, 4000)).toBe('isolated');
    expect(limits.lengthFinish(280, 4000)).toBe('isolated');
    expect(limits.limits().maxOutputTokens).toBeNull();
    expect(limits.lengthFinish(281, 4000)).toBe('cap');
    expect(limits.limits().maxOutputTokens).toBe(280);
  });

  it('a cap learned too early is forgotten when a later reply completes beyond it', () => {
    const { limits } = tracker();
    limits.lengthFinish(300, 4000);
    limits.lengthFinish(300, 4000);
    expect(limits.limits().maxOutputTokens).toBe(300);
    limits.completedReply(900);
    expect(limits.limits().maxOutputTokens).toBeNull();
  });

  it('a cut at the output the request asked for is the caller\'s: no cap', () => {
    const { limits } = tracker();
    expect(limits.lengthFinish(500, 500)).toBe('asked');
    expect(limits.lengthFinish(500, 500)).toBe('asked');
    expect(limits.limits().maxOutputTokens).toBeNull();
  });
});
