import { describe, expect, it } from 'vitest';
import { formatCost, formatCount, formatSignedCost, plural } from '../../src/format/numbers.js';
import { formatClock, formatDuration } from '../../src/format/time.js';

describe('the one set of shown forms', () => {
  it('rounds a duration once, so minutes never show 60 seconds', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(4_240)).toBe('4.2 s');
    expect(formatDuration(59_960)).toBe('1 min 0 s');
    expect(formatDuration(119_600)).toBe('2 min 0 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(3_725_000)).toBe('1 h 2 min');
  });

  it('shows clocks, counts and costs', () => {
    expect(formatClock(7_000)).toBe('0:07');
    expect(formatClock(3_723_000)).toBe('1:02:03');
    expect(formatCount(1234.4)).toBe('1,234');
    expect(plural(1, 'paper')).toBe('1 paper');
    expect(plural(2_000, 'paper')).toBe('2,000 papers');
    expect(formatCost(null)).toBe('unknown');
    expect(formatCost(0)).toBe('$0');
    expect(formatCost(0.01234)).toBe('$0.0123');
    expect(formatCost(1.234)).toBe('$1.23');
    expect(formatSignedCost(-0.5)).toBe('-$0.50');
    expect(formatSignedCost(0.02)).toBe('+$0.0200');
  });
});
