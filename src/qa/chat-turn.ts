import { EventChannel } from '../async/event-channel.js';
import { AbortedError, CacheMissError, errorMessage, LitrevError, ModelFatalError } from '../errors.js';
import { answerNotes } from './answer-notes.js';
import { CHAT_HELP, parseChatInput, sourceLines } from './chat-commands.js';
import type { QaSession } from './qa-session.js';
import type { AnswerResult } from './types.js';

/** What one line typed into the chat produces, in order. The Ink chat and line mode both fold these. */
export type ChatTurnEvent =
  | { type: 'question'; text: string }
  | { type: 'token'; text: string }
  | { type: 'answer'; question: string; result: AnswerResult; notes: string[] }
  | { type: 'info'; lines: string[] }
  /** A failed answer or a bad command: shown, and the chat goes on. */
  | { type: 'error'; message: string }
  /** The user stopped the answer being written (Esc); the chat goes on. */
  | { type: 'stopped' }
  | { type: 'exit' };

export type ChatSession = Pick<QaSession, 'ask' | 'lastSources'>;

/**
 * One turn of the chat: parse the line, then answer it (streaming tokens), run a slash command, or
 * say that the user wants to leave. One error policy for every view: an answer that fails for its
 * own reasons is an `error` event and the chat goes on; an abort by `turnSignal` (Esc) is `stopped`;
 * a rejected key or quota, a replay cache miss, a stop of the whole session (`sessionSignal`: Ctrl-C,
 * SIGTERM) or a bug is thrown, and ends the chat.
 */
export async function* runChatTurn(
  session: ChatSession,
  line: string,
  signals: { turn?: AbortSignal; session?: AbortSignal } = {},
): AsyncGenerator<ChatTurnEvent> {
  const input = parseChatInput(line);
  if (input.kind === 'empty') return;
  if (input.kind === 'unknown-command') {
    yield { type: 'error', message: `unknown command /${input.name}: /help lists the commands` };
    return;
  }
  if (input.kind === 'command') {
    if (input.name === 'exit') yield { type: 'exit' };
    else if (input.name === 'help') yield { type: 'info', lines: [...CHAT_HELP] };
    else yield { type: 'info', lines: ['Sources of the last answer:', ...sourceLines(session.lastSources, input.more)] };
    return;
  }
  yield { type: 'question', text: input.text };
  const stops = [signals.turn, signals.session].filter((s): s is AbortSignal => s !== undefined);
  const signal = stops.length > 1 ? AbortSignal.any(stops) : stops[0];
  const channel = new EventChannel<ChatTurnEvent>();
  // Stopping shows at once, even while a reply is still arriving (it is cached when it completes).
  const stopNow = () => channel.fail(new AbortedError('answer stopped'));
  signal?.addEventListener('abort', stopNow, { once: true });
  session.ask(input.text, { signal, onToken: (text) => channel.push({ type: 'token', text }) }).then(
    (result) => {
      channel.push({ type: 'answer', question: input.text, result, notes: answerNotes(result) });
      channel.close();
    },
    (err: unknown) => channel.fail(err),
  );
  try {
    yield* channel;
  } catch (err) {
    if (signals.session?.aborted) throw new AbortedError();
    if (signals.turn?.aborted) {
      yield { type: 'stopped' };
      return;
    }
    if (endsTheChat(err)) throw err;
    yield { type: 'error', message: errorMessage(err) };
  } finally {
    signal?.removeEventListener('abort', stopNow);
  }
}

/** Errors that no next question can fix: they end the chat in every view. */
export function endsTheChat(err: unknown): boolean {
  return err instanceof ModelFatalError || err instanceof CacheMissError || err instanceof AbortedError || !(err instanceof LitrevError);
}
