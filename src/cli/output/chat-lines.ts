import { createInterface } from 'node:readline';
import { AbortedError, CacheMissError, errorMessage, LitrevError, ModelFatalError } from '../../errors.js';
import { answerNotes } from '../../qa/answer-notes.js';
import { CHAT_HELP, parseChatInput, sourceLines } from '../../qa/chat-commands.js';
import type { QaSession } from '../../qa/qa-session.js';
import { say } from './say.js';

export interface ChatLinesOptions {
  session: Pick<QaSession, 'ask' | 'lastSources' | 'model'>;
  input: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** One JSON object per answer (JSON Lines) instead of text. */
  json: boolean;
  signal?: AbortSignal;
}

/**
 * `litrev chat` without a terminal (pipes, scripts): questions are read line by line from the input
 * and answered in turn, plainly: the answer as it streams, then its sources and a blank line. The
 * slash commands work too. A failed answer is reported on stderr and the next line is read; a
 * rejected key, a replay cache miss or Ctrl-C stop the chat.
 */
export async function runChatLines(options: ChatLinesOptions): Promise<void> {
  const { session, stdout, stderr, json } = options;
  const lines = createInterface({ input: options.input, crlfDelay: Infinity, terminal: false });
  const stop = () => lines.close();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const line of lines) {
      const input = parseChatInput(line);
      if (input.kind === 'empty') continue;
      if (input.kind === 'unknown-command') {
        say(stderr, `litrev: unknown command /${input.name}: /help lists the commands\n`);
      } else if (input.kind === 'command') {
        if (input.name === 'exit') break;
        const text = input.name === 'help' ? CHAT_HELP : ['Sources of the last answer:', ...sourceLines(session.lastSources)];
        say(stdout, `${text.join('\n')}\n\n`);
      } else {
        try {
          const result = await session.ask(input.text, { onToken: json ? undefined : (t) => say(stdout, t), signal: options.signal });
          if (json) {
            say(stdout, `${JSON.stringify({ question: input.text, answer: result.answer, citations: result.citations, engine: result.engine, supported: result.supported })}\n`);
          } else {
            const sources = result.citations.map((c) => `  [@${c.key}] ${c.title}`);
            say(stdout, `\n\nSources:\n${sources.length > 0 ? sources.join('\n') : '  (none cited)'}\n\n`);
            for (const note of answerNotes(result)) say(stderr, `litrev: ${note}\n`);
          }
        } catch (err) {
          if (options.signal?.aborted) throw new AbortedError();
          if (err instanceof ModelFatalError || err instanceof CacheMissError || err instanceof AbortedError || !(err instanceof LitrevError)) throw err;
          say(stderr, `litrev: ${errorMessage(err)}\n`);
        }
      }
    }
  } finally {
    options.signal?.removeEventListener('abort', stop);
    lines.close();
  }
}
