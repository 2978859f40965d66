import { describe, expect, it } from 'vitest';
import { AbortedError, CacheMissError, LitrevError, ModelFatalError } from '../../src/errors.js';
import { runChatTurn, type ChatSession, type ChatTurnEvent } from '../../src/qa/chat-turn.js';
import type { AnswerResult } from '../../src/qa/types.js';

const RESULT: AnswerResult = {
  answer: 'It does [@a].',
  citations: [{ key: 'a', title: 'A' }],
  engine: 'offline',
  sources: [],
  supported: true,
  verification: { citations: 1, danglingRemoved: 0, numbersChecked: 0, numbersUnsupported: 0, quotesChecked: 0, quotesNotVerbatim: 0 },
  removedKeys: [],
};

/** A session whose answer is decided by the test (the chat turn's own logic is under test, not Q&A). */
function session(ask: ChatSession['ask']): ChatSession {
  return { ask, lastSources: [] };
}

async function collect(turn: AsyncGenerator<ChatTurnEvent>): Promise<ChatTurnEvent[]> {
  const out: ChatTurnEvent[] = [];
  for await (const e of turn) out.push(e);
  return out;
}

describe('runChatTurn: one turn, one error policy for the Ink chat and line mode', () => {
  it('streams tokens, then the answer', async () => {
    const s = session(async (_q, o) => {
      o?.onToken?.('It ');
      o?.onToken?.('does [@a].');
      return RESULT;
    });
    const events = await collect(runChatTurn(s, ' Does it? '));
    expect(events.map((e) => e.type)).toEqual(['question', 'token', 'token', 'answer']);
    expect(events[0]).toEqual({ type: 'question', text: 'Does it?' });
  });

  it('answers slash commands without asking, and says when to leave', async () => {
    const s = session(() => Promise.reject(new Error('not asked')));
    expect((await collect(runChatTurn(s, '/help')))[0]!.type).toBe('info');
    expect(await collect(runChatTurn(s, '/quit'))).toEqual([{ type: 'exit' }]);
    expect(await collect(runChatTurn(s, '/nope'))).toEqual([{ type: 'error', message: 'unknown command /nope: /help lists the commands' }]);
    expect(await collect(runChatTurn(s, '   '))).toEqual([]);
  });

  it('an answer that fails for its own reasons is an error event, and the chat goes on', async () => {
    const s = session(() => Promise.reject(new LitrevError('the model could not answer: HTTP 500')));
    const events = await collect(runChatTurn(s, 'why?'));
    expect(events.at(-1)).toEqual({ type: 'error', message: 'the model could not answer: HTTP 500' });
  });

  it.each([
    ['a rejected key', new ModelFatalError('HTTP 401: invalid key')],
    ['a replay cache miss', new CacheMissError('k'.repeat(64), 'stage answer')],
    ['a bug', new TypeError("reading 'x' of undefined")],
  ])('%s ends the chat (thrown)', async (_what, error) => {
    const s = session(() => Promise.reject(error));
    await expect(collect(runChatTurn(s, 'why?'))).rejects.toBe(error);
  });

  it('Esc (the turn signal) stops the answer at once, even while the reply is still on its way', async () => {
    const turn = new AbortController();
    let settle: (r: AnswerResult) => void = () => {};
    const s = session((_q, o) => {
      o?.onToken?.('partial ');
      queueMicrotask(() => turn.abort());
      return new Promise<AnswerResult>((resolve) => (settle = resolve));
    });
    const events = await collect(runChatTurn(s, 'a follow-up?', { turn: turn.signal }));
    expect(events.map((e) => e.type)).toEqual(['question', 'token', 'stopped']);
    settle(RESULT); // the late reply changes nothing
  });

  it('a stop of the whole session (Ctrl-C, SIGTERM) ends the chat', async () => {
    const all = new AbortController();
    const s = session(() => {
      queueMicrotask(() => all.abort());
      return new Promise<AnswerResult>(() => {});
    });
    await expect(collect(runChatTurn(s, 'why?', { session: all.signal }))).rejects.toBeInstanceOf(AbortedError);
  });
});
