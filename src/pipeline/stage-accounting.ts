import type { ModelEvent } from '../model/types.js';
import type { StageAccounting } from '../runs/manifest.js';

/** Folds model events into per-stage request counts for run.json. */
export class StageAccountant {
  private readonly stages = new Map<string, StageAccounting & { keys: Set<string> }>();

  observe(event: ModelEvent): void {
    if (event.type === 'request-finished') {
      const s = this.stage(event.stage);
      if (event.cached) s.cacheHits++;
      else {
        s.calls++;
        s.promptTokens += event.usage.promptTokens;
        s.completionTokens += event.usage.completionTokens;
      }
      if (!s.keys.has(event.cacheKey)) {
        s.keys.add(event.cacheKey);
        s.cacheKeys.push(event.cacheKey);
      }
    } else if (event.type === 'retry') {
      this.stage(event.stage).calls++;
    }
  }

  snapshot(): Record<string, StageAccounting> {
    const out: Record<string, StageAccounting> = {};
    for (const [name, { keys: _keys, ...rest }] of [...this.stages].sort(([a], [b]) => a.localeCompare(b))) {
      out[name] = { ...rest, cacheKeys: [...rest.cacheKeys] };
    }
    return out;
  }

  private stage(name: string) {
    let s = this.stages.get(name);
    if (!s) {
      s = { calls: 0, cacheHits: 0, promptTokens: 0, completionTokens: 0, cacheKeys: [], keys: new Set() };
      this.stages.set(name, s);
    }
    return s;
  }
}
