import { Box, Text } from 'ink';
import { formatCost, formatCount, plural } from '../../format/numbers.js';
import { formatClock, formatDuration } from '../../format/time.js';
import { stageElapsed, stageEta, stageFraction, stageRequests, type StageState } from '../../pipeline/run-state.js';
import { ProgressBar } from './progress-bar.js';
import { terminalText } from '../../format/terminal-text.js';

/** Width of the stage-name column; the detail lines of a running stage are indented by it. */
const NAME_WIDTH = 11;

/**
 * "7/10 papers" (a running stage: how far it has come; a finished one: how many it did), or "starting"
 * while the stage does not know its total yet.
 */
export function stageCount(stage: StageState): string {
  if (stage.status === 'running' && stage.total <= 0) return 'starting';
  const counted = stage.status === 'running' ? stage.done + stage.failed : stage.done;
  return `${formatCount(counted)}/${formatCount(stage.total)} ${stage.unit}`;
}

/** "12,345+678 tokens · $0.0123" (the cost says "cost unknown" for a model without a known price). */
function tokensAndCost(stage: StageState): string {
  const cost = stage.costUSD === null ? 'cost unknown' : formatCost(stage.costUSD);
  return `${formatCount(stage.promptTokens)}+${formatCount(stage.completionTokens)} tokens · ${cost}`;
}

/**
 * A running stage: bar and count on the first line; requests (in flight, sent, served from the cache,
 * failed, retries) on the second; time, tokens and cost on the third. Every line is one
 * Text that ends in an ellipsis when the terminal is narrower: a line never wraps, so the live area
 * keeps its height and no word is broken.
 */
export function RunningStage({ stage, now, concurrency }: { stage: StageState; now: number; concurrency: number | null }) {
  const eta = stageEta(stage, now);
  const fraction = stageFraction(stage);
  const { sending, queued } = stageRequests(stage, concurrency);
  const hasRequests = stage.inFlight > 0 || stage.requestsSent > 0 || stage.cacheHits > 0;
  const percent = stage.total > 0 ? ` (${Math.floor(fraction * 100)}%)` : '';
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>{stage.name.padEnd(NAME_WIDTH)}</Text>
        <ProgressBar fraction={fraction} /> {stageCount(stage)}
        {percent}
        {stage.failed > 0 && <Text color="red"> · {formatCount(stage.failed)} failed</Text>}
      </Text>
      {hasRequests && (
        <Box marginLeft={NAME_WIDTH}>
          <Text dimColor wrap="truncate-end">
            requests: {sending} in flight{queued > 0 ? `, ${queued} queued` : ''} · {formatCount(stage.requestsSent)} sent · {formatCount(stage.cacheHits)} cached ·{' '}
            {formatCount(stage.requestFailures)} failed · {plural(stage.retries, 'retry', 'retries')}
          </Text>
        </Box>
      )}
      <Box marginLeft={NAME_WIDTH}>
        <Text dimColor wrap="truncate-end">
          {formatClock(stageElapsed(stage, now))} elapsed{eta === null ? '' : ` · ETA ${formatClock(eta)}`}
          {hasRequests ? ` · ${tokensAndCost(stage)}` : ''}
        </Text>
      </Box>
      {stage.lastError && (
        <Box marginLeft={NAME_WIDTH}>
          <Text color="yellow" wrap="truncate-end">
            last error: {terminalText(stage.lastError, { singleLine: true })}
          </Text>
        </Box>
      )}
    </Box>
  );
}

/** A finished stage, one line printed once above the live area: count and time first, then requests, tokens and cost. */
export function FinishedStage({ stage }: { stage: StageState }) {
  const duration = stage.finishedAt === null ? 0 : stage.finishedAt - stage.startedAt;
  const requests =
    stage.requestsSent > 0 || stage.cacheHits > 0
      ? ` · ${formatCount(stage.requestsSent)} sent · ${formatCount(stage.cacheHits)} cached · ${tokensAndCost(stage)} · ${plural(stage.retries, 'retry', 'retries')}`
      : '';
  const failed = stage.failed > 0;
  return (
    <Text wrap="truncate-end">
      <Text color={failed ? 'yellow' : 'green'}>{failed ? '!' : '✓'} </Text>
      <Text bold>{stage.name.padEnd(NAME_WIDTH)}</Text>
      {stageCount(stage)}
      {failed ? `, ${formatCount(stage.failed)} failed` : ''} · {formatDuration(duration)}
      {requests}
    </Text>
  );
}
