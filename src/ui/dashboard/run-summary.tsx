import { Box, Text } from 'ink';
import { formatCost, formatCount, plural } from '../../format/numbers.js';
import { formatDuration } from '../../format/time.js';
import { formatVerification } from '../../verify/verification-summary.js';
import type { RunSummary } from '../../pipeline/events.js';
import { terminalText } from '../../format/terminal-text.js';
import { formatAgreement } from '../../pipeline/format-agreement.js';
import { formatOfflineScreening } from '../../pipeline/format-screening.js';

/** The end of a run: counts, cost, the verification result and the files written. */
export function RunSummaryView({ summary }: { summary: RunSummary }) {
  const v = summary.verification;
  const verified = v.numbersUnsupported === 0 && v.quotesNotVerbatim === 0;
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold color={summary.failed > 0 || summary.failedSections?.length ? 'yellow' : 'green'}>
        Done in {formatDuration(summary.durationMs)}: {summary.annotated} of {plural(summary.papers, 'paper')} annotated, {summary.failed} failed
      </Text>
      <Text>
        {plural(summary.calls, 'call')} · {plural(summary.cacheHits, 'cache hit')} · {formatCount(summary.promptTokens)} prompt +{' '}
        {formatCount(summary.completionTokens)} completion tokens · {formatCost(summary.costUSD)}
      </Text>
      <Text color={verified ? 'green' : 'yellow'}>Verification: {formatVerification(v)}</Text>
      {summary.screening && <Text>{formatOfflineScreening(summary.screening)}</Text>}
      {(summary.failedSections ?? []).map((heading) => (
        <Text key={heading} color="red">
          Failed: {heading === 'Overview' ? 'the overview' : `section "${terminalText(heading)}"`} cites no paper (drafted by the offline engine instead)
        </Text>
      ))}
      {summary.agreement && (
        <Text>
          Agreement over {summary.agreement.repeats} repeats (Fleiss' kappa): {formatAgreement(summary.agreement)}
        </Text>
      )}
      {summary.files.length > 0 && (
        <Box flexDirection="column">
          <Text>Files in {terminalText(summary.outDir)}:</Text>
          {summary.files.map((f) => (
            <Text key={f}>  {terminalText(f)}</Text>
          ))}
        </Box>
      )}
    </Box>
  );
}
