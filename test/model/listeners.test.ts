import { describe, expect, it, vi } from 'vitest';
import { Listeners } from '../../src/model/listeners.js';

describe('the model-event fan-out', () => {
  it("a listener's exception reaches neither the emitter nor the other listeners, and is recorded and reported", () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const l = new Listeners();
    const seen: string[] = [];
    l.add(() => {
      throw new Error('dashboard bug');
    });
    l.add((e) => seen.push(e.type));
    expect(() => l.emit({ type: 'warning', message: 'x' })).not.toThrow();
    l.emit({ type: 'warning', message: 'y' });
    expect(seen).toEqual(['warning', 'warning']);
    expect(l.errors).toHaveLength(2);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain('dashboard bug');
    warn.mockRestore();
  });
});
