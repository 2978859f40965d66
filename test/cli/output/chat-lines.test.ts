import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runChatLines } from '../../../src/cli/output/chat-lines.js';
import { LitrevError, ModelFatalError } from '../../../src/errors.js';
import type { AnswerResult } from '../../../src/qa/types.js';
import type { Hit } from '../../../src/retrieval/types.js';
import { SMALL_CORPUS } from '../../retrieval/make-paper.js';

function sink() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d) => (text += d));
  return { stream, get text() { return text; } };
}

function session(fail?: (q: string) => Error | undefined) {
  const hit: Hit = { paper: SMALL_CORPUS[1]!, score: 2, bm25Rank: 1, bm25Score: 2, matchedTerms: ['quantiz'] };
  const s = {
    model: null,
    lastSources: [] as Hit[],
    asked: [] as string[],
    async ask(question: string, options: { onToken?: (t: string) => void } = {}): Promise<AnswerResult> {
      s.asked.push(question);
      const error = fail?.(question);
      if (error) throw error;
      const answer = `Fairy maps weights to roots of unity [@fairy2025].`;
      options.onToken?.(answer);
      s.lastSources = [hit];
      return {
        answer,
        citations: [{ key: 'fairy2025', title: SMALL_CORPUS[1]!.title }],
        engine: 'offline',
        sources: [hit],
        supported: true,
        verification: { citations: 1, danglingRemoved: 0, numbersChecked: 0, numbersUnsupported: 0, quotesChecked: 0, quotesNotVerbatim: 0 },
        removedKeys: [],
      };
    },
  };
  return s;
}

async function chat(lines: string, s: ReturnType<typeof session>, json = false) {
  const input = new PassThrough();
  input.end(lines);
  const out = sink();
  const err = sink();
  await runChatLines({ session: s, input, stdout: out.stream, stderr: err.stream, json });
  return { out: out.text, err: err.text };
}

describe('runChatLines', () => {
  it('answers each question line with its sources, handles commands, stops at /exit', async () => {
    const s = session();
    const r = await chat('\n/sources\nHow does Fairy quantize?\n/sources\n/help\n/what\n/exit\nnot asked\n', s);
    expect(s.asked).toEqual(['How does Fairy quantize?']);
    expect(r.out).toContain('No sources yet: ask a question first.');
    expect(r.out).toContain('Fairy maps weights to roots of unity [@fairy2025].\n\nSources:\n  [@fairy2025] Fairy: Complex-Valued 2-bit Quantization of Language Models\n\n');
    expect(r.out).toContain(' 1. [@fairy2025] Fairy: Complex-Valued 2-bit Quantization of Language Models (bm25 1)');
    expect(r.out).toContain('/sources   the papers behind the last answer, 20 at a time');
    expect(r.err).toBe('litrev: unknown command /what: /help lists the commands\n');
  });

  it('--json: one JSON object per answer', async () => {
    const r = await chat('first?\nsecond?\n', session(), true);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.question)).toEqual(['first?', 'second?']);
    expect(lines[0]).toMatchObject({ engine: 'offline', supported: true, citations: [{ key: 'fairy2025' }] });
  });

  it('reports a failed answer and goes on; a rejected key stops the chat', async () => {
    const s = session((q) => (q === 'bad?' ? new LitrevError('the model could not answer: timeout') : undefined));
    const r = await chat('bad?\ngood?\n', s);
    expect(r.err).toBe('litrev: the model could not answer: timeout\n');
    expect(s.asked).toEqual(['bad?', 'good?']);
    const fatal = session(() => new ModelFatalError('the endpoint rejected the API key'));
    await expect(chat('a?\nb?\n', fatal)).rejects.toThrow('rejected the API key');
    expect(fatal.asked).toEqual(['a?']);
  });
});
