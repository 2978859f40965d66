import { Box, Text } from 'ink';
import { terminalLine, terminalText } from '../../format/terminal-text.js';
import type { Label, LabelItem } from '../../eval/label-item.js';
import { labelProgress, TYPE_DIGITS, type LabelState } from '../../eval/label-session.js';
import { clipLines, wrapLines } from './wrap-lines.js';

/** Screen lines the view uses besides the abstract (header, position, title, authors, progress, keys, message, margins). */
const FIXED_LINES = 15;

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

/** Labels needed before the estimate of relevant papers left is shown (fewer say too little). */
const ESTIMATE_AFTER = 20;

/** The contribution types as the key help shows them: the first word of each (`3 benchmark`). */
const TYPE_KEYS = TYPE_DIGITS.map((t, i) => `${i + 1} ${t.split('-')[0]}`).join(' ');

const cut = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

export interface LabelViewProps {
  state: LabelState;
  file: string;
  /** First abstract line shown. */
  scroll: number;
  width: number;
  height: number;
}

/**
 * The labelling screen, fitted to the terminal: the position and title always show, the abstract
 * takes the lines left and scrolls. Pure: state in, text out.
 */
export function LabelView({ state, file, scroll, width, height }: LabelViewProps) {
  const item = state.items[state.index];
  const p = labelProgress(state);
  const w = Math.max(40, width);
  const ranked = state.reranker !== null;
  const suggestion = item ? suggestionLine(item) : null;
  const abstractLines = item ? wrapLines(terminalText(item.abstract) || '(no abstract)', w) : [];
  const room = Math.max(3, height - FIXED_LINES - (suggestion ? 1 : 0));
  const top = Math.min(scroll, Math.max(0, abstractLines.length - room));
  const shown = abstractLines.slice(top, top + room);
  const more = abstractLines.length > room ? `lines ${top + 1}-${top + shown.length} of ${abstractLines.length} · j/k or ↓/↑ scroll, space page` : null;
  const s = p.stopping;
  const agreement = p.compared ? ` · agrees with the run ${p.agreed}/${p.compared}` : '';
  const needed = Math.min(ESTIMATE_AFTER, p.total);
  const left = s.labelled >= needed ? `~${s.estimateLeft} left (estimate)` : `left: estimated after ${needed} labels`;
  const progress = ranked
    ? `${p.labelled}/${p.total} labelled · ${s.relevantFound} relevant · ${left}${agreement}`
    : `${p.labelled} of ${p.total} labelled${agreement}`;
  const stop = s.suggestStop
    ? `You may stop: ${s.sinceRelevant} in a row without a relevant paper (rule: ${s.window} in a row).`
    : `Keep going: ${s.sinceRelevant} of ${s.window} in a row without a relevant paper (stop at ${s.window}).`;
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>litrev label</Text> · {terminalLine(file)} · {ranked ? 'ranked order' : 'random order'}
      </Text>
      {item ? (
        <Box flexDirection="column">
          <Text>
            {cut(`[${state.index + 1}/${state.items.length}] ${terminalLine(item.key)} · ${labelLine(state.labels.get(item.id))}`, w)}
          </Text>
          <Text bold>{clipLines(terminalLine(item.title), w, 2).join('\n')}</Text>
          <Text dimColor>
            {cut(
              (item.authors.length ? terminalLine(item.authors.slice(0, 6).join(', ')) + (item.authors.length > 6 ? ', et al.' : '') : 'authors unknown') +
                (item.year ? ` · ${item.year}` : ''),
              w,
            )}
          </Text>
          <Box marginTop={1} flexDirection="column">
            <Text>{shown.join('\n')}</Text>
            {more ? <Text dimColor>{cut(more, w)}</Text> : null}
          </Box>
          {suggestion ? <Text color="cyan">{cut(suggestion, w)}</Text> : null}
        </Box>
      ) : (
        <Text>No papers to label.</Text>
      )}
      <Box marginTop={1} flexDirection="column">
        <Text>{cut(progress, w)}</Text>
        {ranked ? <Text>{cut(stop, w)}</Text> : null}
        <Text dimColor>{cut('Keys label the paper shown and stay on it: i include · e exclude · u unsure', w)}</Text>
        <Text dimColor>{cut(`types ${TYPE_KEYS}`, w)}</Text>
        <Text dimColor>{cut('0 no type · Enter/n next · p previous · z undo · / find key · q quit', w)}</Text>
        {state.mode === 'search' ? <Text>key: {state.query}▌</Text> : <Text color="yellow">{state.message ? cut(terminalLine(state.message), w) : ' '}</Text>}
      </Box>
    </Box>
  );
}
