import { Box, Static, Text } from 'ink';
import { formatCost, formatCount, plural } from '../../format/numbers.js';
import { formatClock } from '../../format/time.js';
import type { RunState, StageState } from '../../pipeline/run-state.js';
import { activeBatches, describeBatch } from '../../pipeline/batch-progress.js';
import { RunSummaryView } from './run-summary.js';
import { FinishedStage, RunningStage } from './stage-row.js';
import { terminalLine } from '../../format/terminal-text.js';

interface StaticItem {
  id: string;
  stage?: StageState;
}

/** Warnings shown in the live area (all of them are in the plain/JSON output). */
const WARNINGS_SHOWN = 3;

/**
 * The live view of a review run: a header, finished stages printed once (<Static>), the running
 * stages with their progress, totals, recent warnings, and the summary at the end. Maps state to
 * output only; `reduceRunState` builds the state.
 */
export function Dashboard({ state, now }: { state: RunState; now: number }) {
  const finished = state.finishOrder
    .map((name) => state.stages.find((s) => s.name === name))
    .filter((s): s is StageState => s !== undefined);
  const running = state.stages.filter((s) => s.status === 'running');
  const items: StaticItem[] = [...(state.runId ? [{ id: 'header' }] : []), ...finished.map((s) => ({ id: s.name, stage: s }))];
  return (
    <Box flexDirection="column">
      <Static items={items}>
        {(item) => (item.stage ? <FinishedStage key={item.id} stage={item.stage} /> : <RunHeader key="header" state={state} />)}
      </Static>
      {running.map((s) => (
        <RunningStage key={s.name} stage={s} now={now} concurrency={state.concurrency} />
      ))}
      {activeBatches(state).map((b) => (
        <Text key={b.batchId} dimColor wrap="truncate-end">
          {describeBatch(b)}
        </Text>
      ))}
      {!state.summary && state.startedAt !== null && <Totals state={state} now={now} />}
      {state.warnings.slice(-WARNINGS_SHOWN).map((w, i) => (
        <Text key={`${i}-${w}`} color="yellow" wrap="truncate-end">
          warning: {terminalLine(w)}
        </Text>
      ))}
      {state.summary && <RunSummaryView summary={state.summary} />}
    </Box>
  );
}

function RunHeader({ state }: { state: RunState }) {
  const offline = state.engine === 'offline';
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text bold wrap="truncate-end">
        litrev review {state.runId} · {plural(state.papers, 'paper')}
      </Text>
      {offline ? (
        <Text color="yellow" wrap="truncate-end">
          OFFLINE ENGINE (extractive): {terminalLine(state.engineReason ?? '')}
        </Text>
      ) : (
        <Text wrap="truncate-end">
          model {terminalLine(state.model ?? '')} · {terminalLine(state.engineReason ?? '')}
        </Text>
      )}
      <Text dimColor wrap="truncate-middle">
        output: {terminalLine(state.outDir ?? '')}
      </Text>
    </Box>
  );
}

/**
 * The run's totals while it runs, one line that ends in an ellipsis rather than wrap: time, calls,
 * cache hits, tokens, cost, the concurrency in use and failed papers.
 */
function Totals({ state, now }: { state: RunState; now: number }) {
  const a = state.accounting;
  const elapsed = formatClock(now - (state.startedAt ?? now));
  const failed = state.failures.length > 0 ? ` · ${plural(state.failures.length, 'paper')} failed` : '';
  if (!a) {
    return (
      <Text dimColor wrap="truncate-end">
        elapsed {elapsed}
        {failed}
      </Text>
    );
  }
  const concurrency = state.concurrency !== null && Object.keys(state.batches).length === 0 ? ` · concurrency ${state.concurrency}` : '';
  return (
    <Text dimColor wrap="truncate-end">
      elapsed {elapsed}
      {failed} · {plural(a.calls, 'call')} · {plural(a.cacheHits, 'cache hit')} · {formatCount(a.promptTokens)}+{formatCount(a.completionTokens)} tokens ·{' '}
      {a.costUSD === null ? 'cost unknown' : formatCost(a.costUSD)}
      {concurrency}
    </Text>
  );
}
