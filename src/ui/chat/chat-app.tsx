import { Box, Static, Text, useApp, useInput } from 'ink';
import { useCallback, useEffect, useState } from 'react';
import type { ChatBackend } from './chat-backend.js';
import { ChatEntryView, type ChatEntry } from './chat-entry.js';
import { TextInput } from './text-input.js';
import { useChat } from './use-chat.js';
import { terminalText } from '../../format/terminal-text.js';
import { WrappedText } from '../wrapped-text.js';

/** The header: which corpus, which engine answers (the offline engine is labelled as such). */
export function chatHeader(backend: ChatBackend): Omit<Extract<ChatEntry, { kind: 'header' }>, 'id'> {
  const offline = backend.engine === 'offline';
  const papers = backend.corpus.size;
  return {
    kind: 'header',
    title: `litrev chat · ${papers} paper${papers === 1 ? '' : 's'}`,
    offline,
    engineLine: offline
      ? `OFFLINE ENGINE (extractive, no model): ${backend.engineReason}`
      : `model ${backend.model ?? 'unknown'} · ${backend.engineReason}`,
    details: [
      ...(backend.annotationsFrom ? [`annotations of review ${backend.annotationsFrom} are searched too`] : []),
      '/sources: the papers behind the last answer · /help · /exit or Ctrl-C leaves',
    ],
  };
}

/**
 * Interactive questions about the corpus: finished questions and answers scroll above (<Static>),
 * the answer being written streams below them, then the input box.
 * Ctrl-C and Ctrl-D leave (stopping any answer); Esc stops the answer being written.
 */
export function ChatApp({ backend, onExit }: { backend: ChatBackend; onExit?: () => void }) {
  const { exit } = useApp();
  // Leaving is drawn first (the input box and its hint gone), then the app exits: the screen it leaves
  // behind is the conversation, not a box still holding "/exit".
  const [leaving, setLeaving] = useState<{ error?: Error } | null>(null);
  const leave = useCallback((error?: Error) => setLeaving((l) => l ?? (error ? { error } : {})), []);
  useEffect(() => {
    if (!leaving) return;
    onExit?.();
    exit(leaving.error);
  }, [leaving, exit, onExit]);
  const chat = useChat(backend, chatHeader(backend), leave);

  useInput((input, key) => {
    if (key.ctrl && (input === 'c' || input === 'd')) {
      chat.cancel();
      leave();
    } else if (key.escape) {
      chat.cancel();
    }
  });

  const busy = chat.streaming !== null;
  return (
    <Box flexDirection="column">
      <Static items={chat.entries}>{(entry) => <ChatEntryView key={entry.id} entry={entry} />}</Static>
      {chat.streaming && (
        <Box flexDirection="column">
          <WrappedText text={chat.streaming.text === '' ? '…' : terminalText(chat.streaming.text)} />
        </Box>
      )}
      {!leaving && (
        <>
          <TextInput dimmed={busy} history={chat.asked} placeholder="Ask about the corpus (/help)" onSubmit={chat.submit} />
          <Text dimColor wrap="truncate-end">
            {busy ? 'answering… (Esc stops it, Ctrl-C leaves)' : 'Enter asks · /sources · /help · /exit'}
          </Text>
        </>
      )}
    </Box>
  );
}
