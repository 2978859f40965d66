import { useCallback, useRef, useState } from 'react';
import { runChatTurn } from '../../qa/chat-turn.js';
import type { ChatBackend } from './chat-backend.js';
import type { ChatEntry } from './chat-entry.js';

type NewEntry = ChatEntry extends infer E ? (E extends ChatEntry ? Omit<E, 'id'> : never) : never;

export interface ChatState {
  entries: ChatEntry[];
  /** The answer being written, while one is. */
  streaming: { question: string; text: string } | null;
  /** Questions asked, oldest first (for the input's history). */
  asked: string[];
  /** Handle a typed line; false when it is refused (an answer is being written), so it stays in the box. */
  submit(line: string): boolean;
  /** Stop the answer being written (Esc). */
  cancel(): void;
}

/**
 * The conversation's state, folded from the chat turn's events (src/qa/chat-turn.ts, the same turn
 * line mode prints). `onExit` is called for /exit, and with the error when the turn ends the chat
 * (a rejected key, a replay cache miss): the chat's one error policy.
 */
export function useChat(backend: ChatBackend, header: Omit<Extract<ChatEntry, { kind: 'header' }>, 'id'>, onExit: (error?: Error) => void): ChatState {
  const nextId = useRef(1);
  const [entries, setEntries] = useState<ChatEntry[]>(() => [{ id: 0, ...header }]);
  const [streaming, setStreaming] = useState<ChatState['streaming']>(null);
  const [asked, setAsked] = useState<string[]>([]);
  const controller = useRef<AbortController | null>(null);

  const append = useCallback((...items: NewEntry[]) => {
    setEntries((prev) => [...prev, ...items.map((e) => ({ ...e, id: nextId.current++ }) as ChatEntry)]);
  }, []);

  const play = useCallback(
    async (line: string, ac: AbortController) => {
      try {
        for await (const event of runChatTurn(backend, line, { turn: ac.signal })) {
          if (event.type === 'question') {
            setAsked((prev) => [...prev, event.text]);
            append({ kind: 'question', text: event.text });
            setStreaming({ question: event.text, text: '' });
          } else if (event.type === 'token') setStreaming((s) => (s ? { ...s, text: s.text + event.text } : s));
          else if (event.type === 'answer') append({ kind: 'answer', text: event.result.answer, citations: event.result.citations, notes: event.notes });
          else if (event.type === 'info') append({ kind: 'info', lines: event.lines });
          else if (event.type === 'error') append({ kind: 'error', text: `litrev: ${event.message}` });
          else if (event.type === 'stopped') append({ kind: 'info', lines: ['(answer stopped)'] });
          else onExit();
        }
      } catch (err) {
        onExit(err instanceof Error ? err : new Error(String(err)));
      } finally {
        if (controller.current === ac) controller.current = null;
        setStreaming(null);
      }
    },
    [append, backend, onExit],
  );

  const submit = useCallback(
    (line: string): boolean => {
      if (controller.current) return line.trim() === ''; // one answer at a time; Esc stops it
      const ac = new AbortController();
      controller.current = ac;
      void play(line, ac);
      return true;
    },
    [play],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { entries, streaming, asked, submit, cancel };
}
