import { Box, Static, Text } from 'ink';
import { formatCost, formatCount, plural } from '../../format/numbers.js';
import { formatClock } from '../../format/time.js';
import type { RunState, StageState } from '../../pipeline/run-state.js';
import { activeBatches, describeBatch } from '../../pipeline/batch-progress.js';
import { RunSummaryView } from './run-summary.js';
import { FinishedStage, RunningStage } from './stage-row.js';
import { terminalText } from '../../format/terminal-text.js';

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
          warning: {terminalText(w)}
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
      <Text bold>
        litrev review {state.runId} · {plural(state.papers, 'paper')}
      </Text>
      {offline ? (
        <Text color="yellow">OFFLINE ENGINE (extractive, no model): {terminalText(state.engineReason ?? '')}</Text>
      ) : (
        <Text>
          model {terminalText(state.model ?? '')} · {terminalText(state.engineReason ?? '')}
        </Text>
      )}
      <Text dimColor>output: {terminalText(state.outDir ?? '')}</Text>
    </Box>
  );
}

function Totals({ state, now }: { state: RunState; now: number }) {
  const a = state.accounting;
  const elapsed = formatClock(now - (state.startedAt ?? now));
  if (!a) return <Text dimColor>elapsed {elapsed}</Text>;
  return (
    <Text dimColor>
      total: {plural(a.calls, 'call')} · {plural(a.cacheHits, 'cache hit')} · {formatCount(a.promptTokens)}+{formatCount(a.completionTokens)} tokens ·{' '}
      {formatCost(a.costUSD)}
      {state.concurrency !== null && Object.keys(state.batches).length === 0 ? ` · concurrency ${state.concurrency}` : ''} · elapsed {elapsed}
      {state.failures.length > 0 ? ` · ${plural(state.failures.length, 'paper')} failed` : ''}
    </Text>
  );
}
