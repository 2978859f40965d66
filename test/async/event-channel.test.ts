import { describe, expect, it } from 'vitest';
import { EventChannel } from '../../src/async/event-channel.js';

describe('EventChannel', () => {
  it('delivers events pushed before and after the consumer waits, in order', async () => {
    const ch = new EventChannel<number>();
    ch.push(1);
    const seen: number[] = [];
    const done = (async () => {
      for await (const n of ch) seen.push(n);
    })();
    await Promise.resolve();
    ch.push(2);
    ch.push(3);
    ch.close();
    await done;
    expect(seen).toEqual([1, 2, 3]);
  });

  it('rethrows a failure to the consumer after the buffered events', async () => {
    const ch = new EventChannel<number>();
    ch.push(1);
    ch.fail(new Error('boom'));
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const n of ch) seen.push(n);
      })(),
    ).rejects.toThrow('boom');
    expect(seen).toEqual([1]);
  });
});
