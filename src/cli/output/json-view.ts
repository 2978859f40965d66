import type { RunState } from '../../pipeline/run-state.js';
import type { RunView } from '../../pipeline/run-view.js';
import { say } from './say.js';

/**
 * --json: nothing while running; at the end exactly one JSON object on stdout with the contract
 * fields (runId, outDir, engine, papers, annotated, failed, calls, cacheHits, promptTokens,
 * completionTokens), plus costUSD, files, verification, durationMs, warnings and failures.
 */
export function createJsonView(stdout: NodeJS.WritableStream): RunView {
  return {
    onEvent() {},
    async finish(state) {
      if (!state.summary) return;
      say(stdout, `${JSON.stringify(runJson(state))}\n`);
    },
    async abort() {},
  };
}

export function runJson(state: RunState): Record<string, unknown> {
  const s = state.summary!;
  return {
    runId: s.runId,
    outDir: s.outDir,
    engine: s.engine,
    papers: s.papers,
    annotated: s.annotated,
    withoutAbstract: s.withoutAbstract,
    failed: s.failed,
    ...(s.failedSections ? { failedSections: s.failedSections } : {}),
    calls: s.calls,
    cacheHits: s.cacheHits,
    promptTokens: s.promptTokens,
    completionTokens: s.completionTokens,
    costUSD: s.costUSD,
    files: s.files,
    verification: s.verification,
    ...(s.agreement ? { agreement: s.agreement } : {}),
    ...(s.screening ? { screening: s.screening } : {}),
    durationMs: s.durationMs,
    warnings: state.warnings,
    failures: state.failures,
  };
}
