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

describe('/sources over a list answer of many papers', () => {
  const hits = Array.from({ length: 45 }, (_, i) => ({ paper: { id: `p${i}`, key: `k${i}`, title: `Paper ${i}` }, bm25Rank: i + 1, score: 1 })) as unknown as ChatSession['lastSources'];
  const lines = async (s: ChatSession, line: string) => {
    const [event] = await collect(runChatTurn(s, line));
    return event?.type === 'info' ? event.lines : [];
  };

  it('shows twenty at a time, then the next ones, then says all were shown; /sources all shows every one', async () => {
    const s: ChatSession = { ask: () => Promise.reject(new Error('not asked')), lastSources: hits };
    const first = await lines(s, '/sources');
    expect(first.filter((l) => /\[@k\d+\]/.test(l))).toHaveLength(20);
    expect(first.at(-1)).toBe('… 25 more: /sources more shows the next 20, /sources all every one');
    const second = await lines(s, '/sources more');
    expect(second[1]).toMatch(/^21\. \[@k20\] Paper 20 \(bm25 21\)$/);
    expect(second.at(-1)).toBe('… 5 more: /sources more shows the next 5, /sources all every one');
    const third = await lines(s, '/sources more');
    expect(third.filter((l) => /\[@k\d+\]/.test(l))).toHaveLength(5);
    expect(third.at(-1)).toMatch(/^45\. \[@k44\]/);
    expect(await lines(s, '/sources more')).toEqual(['Sources of the last answer:', 'All 45 sources were shown: /sources starts again.']);
    const all = await lines(s, '/sources all');
    expect(all.filter((l) => /\[@k\d+\]/.test(l))).toHaveLength(45);
    // A new answer starts its own pages.
    const next = { ...s, lastSources: hits.slice(0, 3) };
    expect((await lines(next, '/sources more')).filter((l) => /\[@k\d+\]/.test(l))).toHaveLength(3);
  });
});
