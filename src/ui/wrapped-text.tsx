import { Box, Text, useStdout } from 'ink';
import type { ComponentProps } from 'react';
import { wrapBlock, wrapHanging } from '../format/wrap-text.js';

type TextStyle = Omit<ComponentProps<typeof Text>, 'children' | 'wrap'>;

/** The terminal's width in columns (80 when it does not say), less `margin`. */
export function useColumns(margin = 0): number {
  const { stdout } = useStdout();
  return Math.max(20, (stdout.columns || 80) - margin);
}

/**
 * Text wrapped at spaces with a hanging indent: each line of `text` that starts with a list marker
 * ("- ", "1. ", "[@key] ") continues under its text, never at column 0 and never with a leading space.
 * With `prefix`, the whole text hangs under it (a question after "› "). Lines are drawn as they were
 * cut (each ends in an ellipsis rather than wrap again should the measure be off by a column).
 */
export function WrappedText({ text, prefix, margin = 0, ...style }: { text: string; prefix?: string; margin?: number } & TextStyle) {
  const width = useColumns(margin);
  const lines = prefix === undefined ? wrapBlock(text, width) : wrapHanging(prefix, text.replace(/\s+/g, ' '), width);
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end" {...style}>
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Box>
  );
}
