import { Box, Text } from 'ink';
import type { Citation } from '../../qa/types.js';
import { terminalText } from '../../format/terminal-text.js';
import { WrappedText } from '../wrapped-text.js';

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
          <WrappedText bold text={terminalText(entry.title)} />
          <WrappedText {...(entry.offline ? { color: 'yellow' } : {})} text={terminalText(entry.engineLine)} />
          {entry.details.map((d) => (
            <WrappedText key={d} dimColor text={terminalText(d)} />
          ))}
        </Box>
      );
    case 'question':
      return (
        <Box marginTop={1}>
          <WrappedText color="cyan" bold prefix="› " text={terminalText(entry.text)} />
        </Box>
      );
    case 'answer':
      return (
        <Box flexDirection="column">
          <WrappedText text={terminalText(entry.text)} />
          {entry.citations.length > 0 && (
            <Box flexDirection="column" marginTop={1}>
              <Text dimColor>Sources:</Text>
              {entry.citations.map((c) => (
                <WrappedText key={c.key} dimColor prefix={`  [@${terminalText(c.key, { singleLine: true })}] `} text={terminalText(c.title)} />
              ))}
            </Box>
          )}
          {entry.notes.map((n) => (
            <WrappedText key={n} color="yellow" text={terminalText(n)} />
          ))}
        </Box>
      );
    case 'info':
      return (
        <Box flexDirection="column" marginTop={1}>
          {entry.lines.map((l, i) => (
            <WrappedText key={i} text={terminalText(l)} />
          ))}
        </Box>
      );
    case 'error':
      return <WrappedText color="red" prefix="" text={terminalText(entry.text)} />;
  }
}
