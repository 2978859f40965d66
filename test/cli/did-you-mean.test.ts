import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from '../../src/cli/did-you-mean.js';

describe('closestName', () => {
  it('finds the name a typo was meant to be, and guesses nothing when nothing is close', () => {
    const flags = ['criteria', 'topic', 'out', 'offline', 'json', 'taxonomy', 'concurrency'];
    expect(closestName('critera', flags)).toBe('criteria');
    expect(closestName('ofline', flags)).toBe('offline');
    expect(closestName('josn', flags)).toBe('json');
    expect(closestName('concur', flags)).toBe('concurrency');
    expect(closestName('bogus', flags)).toBeUndefined();
    expect(editDistance('reveiw', 'review')).toBe(1);
  });
});
