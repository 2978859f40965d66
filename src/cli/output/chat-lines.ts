import { plannedJson } from '../../qa/planned-json.js';
import { createInterface } from 'node:readline';
import { runChatTurn, type ChatSession } from '../../qa/chat-turn.js';
import { say } from './say.js';

export interface ChatLinesOptions {
  session: ChatSession;
  input: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** One JSON object per answer (JSON Lines) instead of text. */
  json: boolean;
  signal?: AbortSignal;
}

/**
 * `litrev chat` without a terminal (pipes, scripts): questions are read line by line from the input
 * and each turn's events are printed plainly: the answer as it streams, then its sources and a blank
 * line. The error policy is the chat turn's (src/qa/chat-turn.ts), the same as the Ink chat's.
 */
export async function runChatLines(options: ChatLinesOptions): Promise<void> {
  const { session, stdout, stderr, json } = options;
  const lines = createInterface({ input: options.input, crlfDelay: Infinity, terminal: false });
  const stop = () => lines.close();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const line of lines) {
      for await (const event of runChatTurn(session, line, { session: options.signal })) {
        if (event.type === 'exit') return;
        if (event.type === 'token' && !json) say(stdout, event.text);
        else if (event.type === 'info') say(stdout, `${event.lines.join('\n')}\n\n`);
        else if (event.type === 'error') say(stderr, `litrev: ${event.message}\n`);
        else if (event.type === 'answer') {
          const { result } = event;
          if (json) {
            say(stdout, `${JSON.stringify({ question: event.question, answer: result.answer, citations: result.citations, engine: result.engine, supported: result.supported, ...plannedJson(result) })}\n`);
          } else {
            const sources = result.citations.map((c) => `  [@${c.key}] ${c.title}`);
            say(stdout, `\n\nSources:\n${sources.length > 0 ? sources.join('\n') : '  (none cited)'}\n\n`);
            for (const note of event.notes) say(stderr, `litrev: ${note}\n`);
          }
        }
      }
    }
  } finally {
    options.signal?.removeEventListener('abort', stop);
    lines.close();
  }
}
