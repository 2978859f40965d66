import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import { terminalText } from '../../format/terminal-text.js';

export interface TextInputProps {
  /** Shown dimmed while the line is empty. */
  placeholder?: string;
  /** Earlier lines, oldest first, recalled with the up and down arrows. */
  history: readonly string[];
  /** Called on Enter; return false to refuse the line (it stays in the box), e.g. while an answer is written. */
  onSubmit: (line: string) => boolean;
  /** Dim the box (the app is busy); typing still works. */
  dimmed?: boolean;
}

interface LineState {
  value: string;
  cursor: number;
  /** Index into history while walking it with Up/Down. */
  recall: number | null;
}

/**
 * A one-line text input: typing and pasting insert at the cursor; Backspace/Delete, Left/Right,
 * Home/End (Ctrl-A/Ctrl-E), Ctrl-U clears, Up/Down walk the history, Enter submits and clears.
 * Other Ctrl combinations are left to the app (Ctrl-C, Ctrl-D). The line lives in a ref, so keys
 * that arrive before React has re-rendered still see the latest text.
 */
export function TextInput({ placeholder, history, onSubmit, dimmed = false }: TextInputProps) {
  const line = useRef<LineState>({ value: '', cursor: 0, recall: null });
  const [, setVersion] = useState(0);
  const update = (next: Partial<LineState>) => {
    const merged = { ...line.current, ...next };
    merged.cursor = Math.max(0, Math.min(merged.value.length, merged.cursor));
    line.current = merged;
    setVersion((v) => v + 1);
  };
  const submit = (text: string, rest = '') => {
    if (onSubmit(text)) update({ value: rest, cursor: rest.length, recall: null });
    else update({ value: text + rest, cursor: text.length });
  };

  useInput((input, key) => {
    const { value, cursor, recall } = line.current;
    if (key.return) {
      submit(value);
    } else if (key.backspace || key.delete) {
      if (cursor > 0) update({ value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1 });
    } else if (key.leftArrow) {
      update({ cursor: cursor - 1 });
    } else if (key.rightArrow) {
      update({ cursor: cursor + 1 });
    } else if (key.home || (key.ctrl && input === 'a')) {
      update({ cursor: 0 });
    } else if (key.end || (key.ctrl && input === 'e')) {
      update({ cursor: value.length });
    } else if (key.ctrl && input === 'u') {
      update({ value: '', cursor: 0 });
    } else if (key.upArrow || key.downArrow) {
      if (history.length === 0) return;
      const from = recall ?? history.length;
      const to = key.upArrow ? Math.max(0, from - 1) : from + 1;
      if (to >= history.length) update({ value: '', cursor: 0, recall: null });
      else update({ value: history[to]!, cursor: history[to]!.length, recall: to });
    } else if (!key.ctrl && !key.meta && !key.tab && !key.escape && input.length > 0) {
      // Typed or pasted text. Keys typed faster than they are read arrive as one chunk, Enter
      // included: the text up to a line break is submitted, the rest stays in the box.
      const [first = '', ...rest] = input.split(/\r\n?|\n/);
      const text = value.slice(0, cursor) + printable(first) + value.slice(cursor);
      if (rest.length === 0) update({ value: text, cursor: cursor + printable(first).length });
      else submit(text, printable(rest.join(' ')).trimStart());
    }
  });

  const { value, cursor } = line.current;
  return (
    <Box borderStyle="round" borderColor={dimmed ? 'gray' : 'cyan'} paddingX={1}>
      <Text color="cyan">› </Text>
      {value === '' && placeholder ? (
        <Text>
          <Text inverse> </Text>
          <Text dimColor>{placeholder}</Text>
        </Text>
      ) : (
        <Text>
          {terminalText(value.slice(0, cursor))}
          <Text inverse>{terminalText(value[cursor] ?? ' ')}</Text>
          {terminalText(value.slice(cursor + 1))}
        </Text>
      )}
    </Box>
  );
}

/** Control characters (tabs, escape codes left over) become spaces. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}
