import { Box, Text } from 'ink';
import { formatCost, formatCount, plural } from '../../format/numbers.js';
import { formatClock, formatDuration } from '../../format/time.js';
import { stageElapsed, stageEta, stageFraction, stageRequests, type StageState } from '../../pipeline/run-state.js';
import { ProgressBar } from './progress-bar.js';
import { terminalText } from '../../format/terminal-text.js';

/** A running stage: bar, counts, requests in flight, cache hits against requests sent, retries, failures, tokens, cost, time. */
export function RunningStage({ stage, now, concurrency }: { stage: StageState; now: number; concurrency: number | null }) {
  const eta = stageEta(stage, now);
  const fraction = stageFraction(stage);
  const { sending, queued } = stageRequests(stage, concurrency);
  const hasRequests = stage.inFlight > 0 || stage.requestsSent > 0 || stage.cacheHits > 0;
  return (
    <Box flexDirection="column">
      <Box gap={1}>
        <Text bold>{stage.name.padEnd(10)}</Text>
        <ProgressBar fraction={fraction} />
        <Text>
          {stage.done + stage.failed}/{stage.total} {stage.unit} ({Math.floor(fraction * 100)}%)
        </Text>
        {stage.failed > 0 && <Text color="red">{stage.failed} failed</Text>}
      </Box>
      {hasRequests && (
        <Box marginLeft={11}>
          <Text dimColor>
            requests: {sending} in flight{queued > 0 ? `, ${queued} queued` : ''} · {stage.cacheHits} cache hits / {stage.requestsSent} sent ·{' '}
            {plural(stage.retries, 'retry', 'retries')} · {plural(stage.requestFailures, 'failure')}
          </Text>
        </Box>
      )}
      <Box marginLeft={11}>
        <Text dimColor>
          {hasRequests ? `${formatCount(stage.promptTokens)}+${formatCount(stage.completionTokens)} tokens · ${formatCost(stage.costUSD)} · ` : ''}
          {formatClock(stageElapsed(stage, now))} elapsed{eta === null ? '' : ` · ETA ${formatClock(eta)}`}
        </Text>
      </Box>
      {stage.lastError && (
        <Box marginLeft={11}>
          <Text color="yellow" wrap="truncate-end">
            last error: {terminalText(stage.lastError)}
          </Text>
        </Box>
      )}
    </Box>
  );
}

/** A finished stage, one line, printed once above the live area. */
export function FinishedStage({ stage }: { stage: StageState }) {
  const duration = stage.finishedAt === null ? 0 : stage.finishedAt - stage.startedAt;
  const requests =
    stage.requestsSent > 0 || stage.cacheHits > 0
      ? ` · ${stage.cacheHits} cache hits / ${stage.requestsSent} sent · ${plural(stage.retries, 'retry', 'retries')} · ` +
        `${formatCount(stage.promptTokens)}+${formatCount(stage.completionTokens)} tokens · ${formatCost(stage.costUSD)}`
      : '';
  return (
    <Box gap={1}>
      <Text color={stage.failed > 0 ? 'yellow' : 'green'}>{stage.failed > 0 ? '!' : '✓'}</Text>
      <Text bold>{stage.name.padEnd(10)}</Text>
      <Text>
        {stage.done}/{stage.total} {stage.unit}
        {stage.failed > 0 ? `, ${stage.failed} failed` : ''}
        {requests} · {formatDuration(duration)}
      </Text>
    </Box>
  );
}
