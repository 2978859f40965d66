import path from 'node:path';
import { Box, Text } from 'ink';
import { formatCost, formatCount, plural } from '../../format/numbers.js';
import { formatDuration } from '../../format/time.js';
import { formatVerification } from '../../verify/verification-summary.js';
import type { RunSummary } from '../../pipeline/events.js';
import { terminalLine } from '../../format/terminal-text.js';
import { formatAgreement } from '../../pipeline/format-agreement.js';
import { WrappedText } from '../wrapped-text.js';
import { formatOfflineScreening } from '../../pipeline/format-screening.js';

/** The end of a run: counts, cost, the verification result and the files written. */
export function RunSummaryView({ summary }: { summary: RunSummary }) {
  const v = summary.verification;
  const verified = v.numbersUnsupported === 0 && v.quotesNotVerbatim === 0;
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold color={summary.failed > 0 || summary.failedSections?.length ? 'yellow' : 'green'}>
        Done in {formatDuration(summary.durationMs)}: {formatCount(summary.annotated)} of {plural(summary.papers, 'paper')} annotated, {formatCount(summary.failed)} failed
      </Text>
      {summary.engine === 'offline' && summary.calls === 0 && summary.cacheHits === 0 ? (
        <Text>no model requests (offline engine) · $0</Text>
      ) : (
        <WrappedText
          text={`${plural(summary.calls, 'call')} · ${plural(summary.cacheHits, 'cache hit')} · ${formatCount(summary.promptTokens)} prompt + ${formatCount(summary.completionTokens)} completion tokens · ${summary.costUSD === null ? 'cost unknown' : formatCost(summary.costUSD)}`}
          prefix=""
        />
      )}
      <WrappedText color={verified ? 'green' : 'yellow'} prefix="Verification: " text={formatVerification(v)} />
      {summary.screening && <WrappedText prefix="" text={formatOfflineScreening(summary.screening)} />}
      {(summary.failedSections ?? []).map((heading) => (
        <WrappedText
          key={heading}
          color="red"
          prefix="Failed: "
          text={`${heading === 'Overview' ? 'the overview' : `section "${terminalLine(heading)}"`} cites no paper (drafted by the offline engine instead)`}
        />
      ))}
      {summary.agreement && (
        <Text>
          Agreement over {summary.agreement.repeats} repeats (Fleiss' kappa): {formatAgreement(summary.agreement)}
        </Text>
      )}
      {summary.files.length > 0 && (
        <Box flexDirection="column">
          <Text wrap="truncate-middle">Files in {terminalLine(summary.outDir)}:</Text>
          {summary.files.map((f) => (
            <Text key={f} wrap="truncate-middle">
              {'  '}
              {terminalLine(inFolder(summary.outDir, f))}
            </Text>
          ))}
        </Box>
      )}
    </Box>
  );
}

/** A file's name within the run folder (its full path when it lies elsewhere). */
function inFolder(outDir: string, file: string): string {
  const relative = path.relative(outDir, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
