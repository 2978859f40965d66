import { Box, Text } from 'ink';
import type { Citation } from '../../qa/types.js';
import { terminalText } from '../../format/terminal-text.js';

/** One finished item of the conversation, printed once above the input. */
export type ChatEntry =
  | { id: number; kind: 'header'; title: string; engineLine: string; offline: boolean; details: string[] }
  | { id: number; kind: 'question'; text: string }
  | { id: number; kind: 'answer'; text: string; citations: Citation[]; notes: string[] }
  | { id: number; kind: 'info'; lines: string[] }
  | { id: number; kind: 'error'; text: string };

export function ChatEntryView({ entry }: { entry: ChatEntry }) {
  switch (entry.kind) {
    case 'header':
      return (
        <Box flexDirection="column" marginBottom={1}>
          <Text bold>{terminalText(entry.title)}</Text>
          <Text color={entry.offline ? 'yellow' : undefined}>{terminalText(entry.engineLine)}</Text>
          {entry.details.map((d) => (
            <Text key={d} dimColor>
              {terminalText(d)}
            </Text>
          ))}
        </Box>
      );
    case 'question':
      return (
        <Box marginTop={1}>
          <Text color="cyan" bold>
            › {terminalText(entry.text)}
          </Text>
        </Box>
      );
    case 'answer':
      return (
        <Box flexDirection="column">
          <Text>{terminalText(entry.text)}</Text>
          {entry.citations.length > 0 && (
            <Box flexDirection="column" marginTop={1}>
              <Text dimColor>Sources:</Text>
              {entry.citations.map((c) => (
                <Text key={c.key} dimColor>
                  {'  '}[@{terminalText(c.key)}] {terminalText(c.title)}
                </Text>
              ))}
            </Box>
          )}
          {entry.notes.map((n) => (
            <Text key={n} color="yellow">
              {terminalText(n)}
            </Text>
          ))}
        </Box>
      );
    case 'info':
      return (
        <Box flexDirection="column">
          {entry.lines.map((l, i) => (
            <Text key={i}>{terminalText(l)}</Text>
          ))}
        </Box>
      );
    case 'error':
      return <Text color="red">{terminalText(entry.text)}</Text>;
  }
}
