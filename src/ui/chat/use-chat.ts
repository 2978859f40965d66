import { useCallback, useRef, useState } from 'react';
import { answerNotes } from '../../qa/answer-notes.js';
import { CHAT_HELP, parseChatInput, sourceLines } from '../../qa/chat-commands.js';
import { errorMessage } from '../../errors.js';
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
 * The conversation's state: finished entries, the answer streaming in, and what a submitted line
 * does (a question, /sources, /help, /exit). `onExit` is called for /exit.
 */
export function useChat(backend: ChatBackend, header: Omit<Extract<ChatEntry, { kind: 'header' }>, 'id'>, onExit: () => void): ChatState {
  const nextId = useRef(1);
  const [entries, setEntries] = useState<ChatEntry[]>(() => [{ id: 0, ...header }]);
  const [streaming, setStreaming] = useState<ChatState['streaming']>(null);
  const [asked, setAsked] = useState<string[]>([]);
  const controller = useRef<AbortController | null>(null);

  const append = useCallback((...items: NewEntry[]) => {
    setEntries((prev) => [...prev, ...items.map((e) => ({ ...e, id: nextId.current++ }) as ChatEntry)]);
  }, []);

  const ask = useCallback(
    async (question: string) => {
      const ac = new AbortController();
      controller.current = ac;
      setAsked((prev) => [...prev, question]);
      append({ kind: 'question', text: question });
      setStreaming({ question, text: '' });
      try {
        const result = await backend.ask(question, {
          signal: ac.signal,
          onToken: (t) => setStreaming((s) => (s ? { ...s, text: s.text + t } : s)),
        });
        append({ kind: 'answer', text: result.answer, citations: result.citations, notes: answerNotes(result) });
      } catch (err) {
        if (ac.signal.aborted) append({ kind: 'info', lines: ['(answer stopped)'] });
        else append({ kind: 'error', text: `litrev: ${errorMessage(err)}` });
      } finally {
        controller.current = null;
        setStreaming(null);
      }
    },
    [append, backend],
  );

  const submit = useCallback(
    (line: string): boolean => {
      const input = parseChatInput(line);
      if (input.kind === 'empty') return true;
      if (controller.current) return false; // one answer at a time; Esc stops it
      if (input.kind === 'question') void ask(input.text);
      else if (input.kind === 'unknown-command') append({ kind: 'error', text: `unknown command /${input.name}: /help lists the commands` });
      else if (input.name === 'help') append({ kind: 'info', lines: [...CHAT_HELP] });
      else if (input.name === 'sources') append({ kind: 'info', lines: ['Sources of the last answer:', ...sourceLines(backend.lastSources)] });
      else onExit();
      return true;
    },
    [append, ask, backend, onExit],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { entries, streaming, asked, submit, cancel };
}
