import type { ReviewEvent } from '../../pipeline/events.js';
import { formatAgreement } from '../../pipeline/format-agreement.js';
import { formatOfflineScreening } from '../../pipeline/format-screening.js';
import { stageEta, stageElapsed, stageRequests, type RunState, type StageState } from '../../pipeline/run-state.js';
import { formatCost, formatCount, plural } from '../../format/numbers.js';
import { formatClock, formatDuration } from '../../format/time.js';
import { formatVerification } from '../../verify/verification-summary.js';
import type { RunView } from '../../pipeline/run-view.js';
import { say } from './say.js';
import { terminalText } from '../../format/terminal-text.js';
import { describeBatch } from '../../pipeline/batch-progress.js';

/** A progress line at least every this often while a stage runs (besides every 10% step). */
const PROGRESS_INTERVAL_MS = 5000;

const SINGULAR: Record<StageState['unit'], string> = { papers: 'paper', batches: 'batch', sections: 'section', steps: 'step' };

/**
 * Plain progress lines on stderr (pipes, CI, --plain): one line per stage start and finish,
 * progress every 10% (or every few seconds), warnings and failures, then a summary. stdout stays empty.
 */
export function createPlainView(stderr: NodeJS.WritableStream, now: () => number): RunView {
  const lastProgress = new Map<string, { bucket: number; at: number }>();
  const write = (line: string) => void say(stderr, `${line}\n`);
  let warningsShown = 0;

  function describe(event: ReviewEvent, state: RunState): void {
    switch (event.type) {
      case 'run-started':
        write(`litrev: review ${event.runId}: ${plural(event.papers, 'paper')}, ${engineLabel(event.engine, event.model, event.engineReason)}`);
        write(`  output: ${event.outDir}`);
        return;
      case 'stage-started':
        lastProgress.set(event.stage, { bucket: 0, at: now() });
        write(`[${event.stage}] started: ${plural(event.total, SINGULAR[event.unit], event.unit)}`);
        return;
      case 'stage-progress': {
        const stage = state.stages.find((s) => s.name === event.stage);
        if (!stage || stage.total <= 0 || event.done + event.failed >= stage.total) return;
        const bucket = Math.floor(((event.done + event.failed) / stage.total) * 10);
        const last = lastProgress.get(event.stage) ?? { bucket: 0, at: 0 };
        if (bucket > last.bucket || now() - last.at >= PROGRESS_INTERVAL_MS) {
          lastProgress.set(event.stage, { bucket, at: now() });
          write(progressLine(stage, state.concurrency, now()));
        }
        return;
      }
      case 'paper-failed':
        write(`[${event.stage}] failed ${event.paperId}: ${event.reason}`);
        return;
      case 'stage-finished': {
        const stage = state.stages.find((s) => s.name === event.stage);
        write(`[${event.stage}] finished: ${event.done} done, ${event.failed} failed in ${formatDuration(event.durationMs)}${stage ? requestsPart(stage) : ''}`);
        return;
      }
      case 'model':
        if (event.event.type === 'batch-status') write(describeBatch(event.event));
        return;
      default:
        return;
    }
  }

  return {
    onEvent(event, state) {
      describe(event, state);
      // Warnings come from warning events and from model events (concurrency lowered, corrupt cache).
      for (; warningsShown < state.warnings.length; warningsShown++) write(`warning: ${state.warnings[warningsShown]}`);
    },
    async finish(state) {
      const s = state.summary;
      if (!s) return;
      write(`verification: ${formatVerification(s.verification)}`);
      if (s.screening) write(formatOfflineScreening(s.screening));
      for (const heading of s.failedSections ?? []) write(`failed: ${heading === 'Overview' ? 'the overview' : `section "${terminalText(heading)}"`} cites no paper (drafted by the offline engine instead)`);
      if (s.agreement) write(`agreement over ${s.agreement.repeats} repeats (Fleiss' kappa): ${formatAgreement(s.agreement)}`);
      write(
        `done in ${formatDuration(s.durationMs)}: ${s.annotated} of ${plural(s.papers, 'paper')} annotated${s.withoutAbstract > 0 ? ` (${s.withoutAbstract} from the title only: no abstract)` : ''}, ${s.failed} failed; ` +
          `${plural(s.calls, 'call')}, ${plural(s.cacheHits, 'cache hit')}, ` +
          `${formatCount(s.promptTokens)} prompt + ${formatCount(s.completionTokens)} completion tokens, ${formatCost(s.costUSD)}`,
      );
      if (s.files.length > 0) {
        write('files:');
        for (const f of s.files) write(`  ${f}`);
      }
    },
    async abort() {},
  };
}

/** "offline engine (why)" or "model NAME (endpoint)": said at the start of every run. */
export function engineLabel(engine: 'offline' | 'model', model: string | null, reason: string): string {
  return engine === 'offline' ? `offline engine (${reason})` : `model ${model ?? 'unknown'} (${reason})`;
}

function progressLine(stage: StageState, concurrency: number | null, now: number): string {
  const eta = stageEta(stage, now);
  const { sending, queued } = stageRequests(stage, concurrency);
  const pct = Math.floor(((stage.done + stage.failed) / stage.total) * 100);
  return (
    `[${stage.name}] ${stage.done + stage.failed}/${stage.total} ${stage.unit} (${pct}%), ${stage.failed} failed, ` +
    `${sending} in flight${queued > 0 ? `, ${queued} queued` : ''}, elapsed ${formatClock(stageElapsed(stage, now))}` +
    (eta === null ? '' : `, ETA ${formatClock(eta)}`)
  );
}

function requestsPart(stage: StageState): string {
  if (stage.requestsSent === 0 && stage.cacheHits === 0) return '';
  return `; ${plural(stage.requestsSent, 'request')} sent, ${plural(stage.cacheHits, 'cache hit')}, ${plural(stage.retries, 'retry', 'retries')}`;
}
