import type { BatchStatusEvent } from '../model/batch/batch-events.js';
import type { Accounting, ModelEvent } from '../model/types.js';
import type { StageName } from '../review/stage-name.js';
import type { VerificationSummary } from '../verify/verification-summary.js';
import type { ReviewEvent, RunSummary } from './events.js';

/**
 * The state every run consumer shows (Ink dashboard, plain lines, --json), folded from the
 * ReviewEvent stream by `reduceRunState`. Plain data, no I/O; times are milliseconds from `now`.
 */
export interface StageState {
  name: StageName;
  unit: 'papers' | 'batches' | 'sections' | 'steps';
  status: 'running' | 'finished';
  /** 0 until a stage that starts without a known total reports one. */
  total: number;
  done: number;
  failed: number;
  startedAt: number;
  finishedAt: number | null;
  /** Model requests of this stage started and not finished yet (waiting for a slot, or sent). */
  inFlight: number;
  /** Requests sent to the endpoint (retries included) and answers served from the cache. */
  requestsSent: number;
  cacheHits: number;
  retries: number;
  /** Requests that failed for good. */
  requestFailures: number;
  lastError: string | null;
  promptTokens: number;
  completionTokens: number;
  costUSD: number | null;
}

export interface RunState {
  runId: string | null;
  outDir: string | null;
  engine: 'offline' | 'model' | null;
  engineReason: string | null;
  model: string | null;
  papers: number;
  /** Stages announced by run-started, in order. */
  plannedStages: StageName[];
  stages: StageState[];
  /** Names of finished stages in the order they finished (append-only: the dashboard's <Static> list). */
  finishOrder: StageName[];
  startedAt: number | null;
  accounting: Accounting | null;
  concurrency: number | null;
  warnings: string[];
  failures: { stage: StageName; paperId: string; reason: string }[];
  /** --batch-api: the latest status of every provider batch of the run, by id, in the order they appeared. */
  batches: Record<string, BatchStatusEvent>;
  verification: VerificationSummary | null;
  summary: RunSummary | null;
  finishedAt: number | null;
}

export const initialRunState: RunState = {
  runId: null,
  outDir: null,
  engine: null,
  engineReason: null,
  model: null,
  papers: 0,
  plannedStages: [],
  stages: [],
  finishOrder: [],
  startedAt: null,
  accounting: null,
  concurrency: null,
  warnings: [],
  failures: [],
  batches: {},
  verification: null,
  summary: null,
  finishedAt: null,
};

/** Fold one event into the state. Pure: returns a new state, never mutates the old one. */
export function reduceRunState(state: RunState, event: ReviewEvent, now: number): RunState {
  switch (event.type) {
    case 'run-started':
      return {
        ...state,
        runId: event.runId,
        outDir: event.outDir,
        engine: event.engine,
        engineReason: event.engineReason,
        model: event.model,
        papers: event.papers,
        plannedStages: event.stages,
        startedAt: now,
      };
    case 'stage-started':
      return {
        ...state,
        stages: [...state.stages.filter((s) => s.name !== event.stage), newStage(event.stage, event.unit, event.total ?? 0, now)],
        finishOrder: state.finishOrder.filter((n) => n !== event.stage),
      };
    case 'stage-progress':
      return updateStage(state, event.stage, (s) => ({ ...s, done: event.done, total: event.total, failed: event.failed }));
    case 'paper-failed':
      return {
        ...updateStage(state, event.stage, (s) => ({ ...s, lastError: `${event.paperId}: ${event.reason}` })),
        failures: [...state.failures, { stage: event.stage, paperId: event.paperId, reason: event.reason }],
      };
    case 'stage-finished':
      return updateStage({ ...state, finishOrder: [...state.finishOrder.filter((n) => n !== event.stage), event.stage] }, event.stage, (s) => ({
        ...s,
        status: 'finished',
        done: event.done,
        failed: event.failed,
        total: Math.max(s.total, event.done + event.failed),
        inFlight: 0,
        finishedAt: s.startedAt + event.durationMs,
      }));
    case 'model':
      return reduceModelEvent(state, event.event, event.accounting);
    case 'warning':
      return { ...state, warnings: [...state.warnings, event.message] };
    case 'verification':
      return { ...state, verification: event.summary };
    case 'run-finished':
      return { ...state, summary: event.summary, verification: event.summary.verification, finishedAt: now };
  }
}

function newStage(name: StageName, unit: StageState['unit'], total: number, now: number): StageState {
  return {
    name,
    unit,
    status: 'running',
    total,
    done: 0,
    failed: 0,
    startedAt: now,
    finishedAt: null,
    inFlight: 0,
    requestsSent: 0,
    cacheHits: 0,
    retries: 0,
    requestFailures: 0,
    lastError: null,
    promptTokens: 0,
    completionTokens: 0,
    costUSD: null,
  };
}

function updateStage(state: RunState, name: string, update: (s: StageState) => StageState): RunState {
  const index = stageIndexFor(state, name);
  if (index < 0) return state;
  const stages = state.stages.slice();
  stages[index] = update(stages[index]!);
  return { ...state, stages };
}

/** The stage a model event belongs to: the stage of that name, else the newest running stage. */
function stageIndexFor(state: RunState, name: string): number {
  for (let i = state.stages.length - 1; i >= 0; i--) if (state.stages[i]!.name === name) return i;
  for (let i = state.stages.length - 1; i >= 0; i--) if (state.stages[i]!.status === 'running') return i;
  return -1;
}

function reduceModelEvent(state: RunState, event: ModelEvent, accounting: Accounting): RunState {
  let next = applyModelEvent({ ...state, accounting }, event);
  if (accounting.concurrency !== undefined) next = { ...next, concurrency: accounting.concurrency };
  // A request that failed for good has no request-finished: the accounting's failure count tells.
  const newFailures = accounting.failures - (state.accounting?.failures ?? 0);
  if (newFailures <= 0 || !('stage' in event)) return next;
  return updateStage(next, event.stage, (s) => ({
    ...s,
    requestFailures: s.requestFailures + newFailures,
    inFlight: Math.max(0, s.inFlight - newFailures),
  }));
}

function applyModelEvent(state: RunState, event: ModelEvent): RunState {
  switch (event.type) {
    case 'request-started':
      return updateStage(state, event.stage, (s) => ({ ...s, inFlight: s.inFlight + 1 }));
    case 'request-finished': {
      const sent = event.cached ? 0 : 1;
      return updateStage(state, event.stage, (s) => ({
        ...s,
        inFlight: Math.max(0, s.inFlight - 1),
        requestsSent: s.requestsSent + sent,
        cacheHits: s.cacheHits + (1 - sent),
        promptTokens: s.promptTokens + sent * event.usage.promptTokens,
        completionTokens: s.completionTokens + sent * event.usage.completionTokens,
        costUSD: event.costUSD === null ? s.costUSD : (s.costUSD ?? 0) + sent * event.costUSD,
      }));
    }
    case 'retry':
      // The failed attempt was sent too: calls count retries.
      return updateStage(state, event.stage, (s) => ({
        ...s,
        retries: s.retries + 1,
        requestsSent: s.requestsSent + 1,
        lastError: event.reason,
      }));
    case 'output-invalid':
      return updateStage(state, event.stage, (s) => ({ ...s, lastError: `${event.kind}: ${event.error}` }));
    case 'concurrency-changed': {
      // Only a reduction is worth a warning (a 429); growing back is routine.
      const dropped = state.concurrency !== null && event.concurrency < state.concurrency;
      const warnings = dropped ? [...state.warnings, `concurrency lowered to ${event.concurrency}: ${event.reason}`] : state.warnings;
      return { ...state, concurrency: event.concurrency, warnings };
    }
    case 'cache-corrupt':
      return { ...state, warnings: [...state.warnings, `corrupt cache entry ${event.cacheKey.slice(0, 12)}: ${event.reason}`] };
    case 'rate-limit-wait':
      return { ...state, warnings: [...state.warnings, `waiting for the rate limit until ${formatClockTime(event.until)}`] };
    case 'limits-learned':
      return { ...state, warnings: [...state.warnings, event.message] };
    case 'request-adapted':
      return { ...state, warnings: [...state.warnings, `request adapted to the endpoint: ${event.change}`] };
    case 'warning':
      return state.warnings.includes(event.message) ? state : { ...state, warnings: [...state.warnings, event.message] };
    case 'batch-status':
      return { ...state, batches: { ...state.batches, [event.batchId]: event } };
  }
}

/** HH:MM:SS local time of an epoch-ms instant. */
function formatClockTime(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** Elapsed milliseconds of a stage (frozen once it finished). */
export function stageElapsed(stage: StageState, now: number): number {
  return (stage.finishedAt ?? now) - stage.startedAt;
}

/** Estimated milliseconds left in a running stage, from its pace so far; null before the first item. */
export function stageEta(stage: StageState, now: number): number | null {
  if (stage.status === 'finished') return 0;
  const completed = stage.done + stage.failed;
  if (completed <= 0 || stage.total <= 0) return null;
  const remaining = Math.max(0, stage.total - completed);
  return (stageElapsed(stage, now) / completed) * remaining;
}

/** Fraction of a stage done, 0..1. */
export function stageFraction(stage: StageState): number {
  if (stage.total <= 0) return stage.status === 'finished' ? 1 : 0;
  return Math.min(1, (stage.done + stage.failed) / stage.total);
}

/**
 * Requests of a stage being sent now and waiting for a slot: the gateway announces a request
 * before the scheduler lets it go, so at most `concurrency` of the pending ones are on the wire.
 */
export function stageRequests(stage: StageState, concurrency: number | null): { sending: number; queued: number } {
  const sending = concurrency === null ? stage.inFlight : Math.min(stage.inFlight, concurrency);
  return { sending, queued: stage.inFlight - sending };
}
