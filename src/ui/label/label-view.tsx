import { Box, Text } from 'ink';
import { terminalText } from '../../format/terminal-text.js';
import type { Label, LabelItem } from '../../eval/label-item.js';
import { labelProgress, TYPE_DIGITS, type LabelState } from '../../eval/label-session.js';

/** Abstracts longer than this are cut on screen (the labeller can still decide; the file keeps only labels). */
const MAX_ABSTRACT = 1400;

function suggestionLine(item: LabelItem): string | null {
  const s = item.suggestion;
  if (!s) return null;
  const decision = s.status === 'failed' ? 'failed' : s.included ? 'included' : `excluded${s.excludedBy.length ? ` by ${s.excludedBy.join(', ')}` : ''}`;
  const parts = [`run: ${decision}`];
  if (s.category) parts.push(`category ${s.category}`);
  if (s.contributionType) parts.push(`type ${s.contributionType}`);
  if (s.unclear) parts.push(`${s.unclear} unclear`);
  return parts.join(' · ');
}

function labelLine(label: Label | undefined): string {
  if (!label || (label.label === null && label.contributionType === null)) return 'not labelled yet';
  return `labelled: ${label.label ?? '(no decision)'}${label.contributionType ? ` · type ${label.contributionType}` : ''}`;
}

/** The labelling screen: one paper, its current label, the run's suggestion, progress, keys. Pure: state in, text out. */
export function LabelView({ state, file }: { state: LabelState; file: string }) {
  const item = state.items[state.index];
  const p = labelProgress(state);
  const agreement = p.compared ? `agreement with the run ${p.agreed} of ${p.compared} (${Math.round((100 * p.agreed) / p.compared)}%)` : null;
  const abstract = item ? terminalText(item.abstract.length > MAX_ABSTRACT ? `${item.abstract.slice(0, MAX_ABSTRACT)}…` : item.abstract) : undefined;
  const suggestion = item ? suggestionLine(item) : null;
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>litrev label</Text> · {file}
      </Text>
      {item ? (
        <Box flexDirection="column" marginTop={1}>
          <Text>
            [{state.index + 1}/{state.items.length}] <Text bold>{terminalText(item.key, { singleLine: true })}</Text> · {labelLine(state.labels.get(item.id))}
          </Text>
          <Text bold>{terminalText(item.title, { singleLine: true })}</Text>
          <Text dimColor>
            {item.authors.length ? terminalText(item.authors.slice(0, 6).join(', '), { singleLine: true }) + (item.authors.length > 6 ? ', et al.' : '') : 'authors unknown'}
            {item.year ? ` · ${item.year}` : ''}
          </Text>
          <Box marginTop={1}>
            <Text>{abstract || '(no abstract)'}</Text>
          </Box>
          {suggestion ? <Text color="cyan">{suggestion}</Text> : null}
        </Box>
      ) : (
        <Text>No papers to label.</Text>
      )}
      <Box marginTop={1} flexDirection="column">
        <Text>
          {p.labelled} of {p.total} labelled{agreement ? ` · ${agreement}` : ''}
        </Text>
        <Text dimColor>
          i include · e exclude · u unsure · {TYPE_DIGITS.map((t, i) => `${i + 1} ${t}`).join(' · ')} · 0 no type
        </Text>
        <Text dimColor>n/→ next · p/← previous · z undo · / search by key · q quit</Text>
        {state.mode === 'search' ? <Text>key: {state.query}▌</Text> : state.message ? <Text color="yellow">{state.message}</Text> : null}
      </Box>
    </Box>
  );
}
