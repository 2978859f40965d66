import { AbortedError } from '../errors.js';
import type { StageContext } from '../review/engine.js';
import type { StageName } from '../review/stage-name.js';
import type { ReviewEvent } from './events.js';

/** How often a running stage emits its progress even when it has nothing new to say. */
const HEARTBEAT_MS = 500;

/**
 * Run one stage, emitting its start, progress, failures and end, all counted in one unit. `total` is
 * null for a stage that learns its total once it starts (the taxonomy's steps, the files written): its
 * first progress report gives it. A stage that ends without failures ends with everything done.
 */
export async function runStage<T>(
  emit: (e: ReviewEvent) => void,
  signal: AbortSignal,
  name: StageName,
  total: number | null,
  unit: 'papers' | 'batches' | 'sections' | 'steps',
  fn: (ctx: StageContext) => Promise<T>,
): Promise<T> {
  // Let a pending Ctrl-C / SIGTERM be handled (a chain of resolved promises never lets the event loop
  // run), then start no new stage once it came.
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (signal.aborted) throw new AbortedError();
  const t0 = Date.now();
  let done = 0;
  let failed = 0;
  let latest = total ?? 0;
  emit({ type: 'stage-started', stage: name, total, unit });
  // A stage that reports nothing for a while (one long request, a quiet step) still gets a
  // progress event every few seconds, so plain output prints a line and the dashboard its clock.
  const heartbeat = setInterval(() => emit({ type: 'stage-progress', stage: name, done, total: latest, failed }), HEARTBEAT_MS);
  heartbeat.unref();
  const ctx: StageContext = {
    signal,
    progress: (d, t, f) => {
      done = d;
      failed = f;
      latest = t;
      emit({ type: 'stage-progress', stage: name, done: d, total: t, failed: f });
    },
    paperFailed: (paperId, reason) => emit({ type: 'paper-failed', stage: name, paperId, reason }),
    warn: (message) => emit({ type: 'warning', message }),
  };
  let result: T;
  try {
    result = await fn(ctx);
  } finally {
    clearInterval(heartbeat);
  }
  if (done + failed < latest) {
    done = latest - failed;
    emit({ type: 'stage-progress', stage: name, done, total: latest, failed });
  }
  emit({ type: 'stage-finished', stage: name, done, failed, durationMs: Date.now() - t0 });
  return result;
}
