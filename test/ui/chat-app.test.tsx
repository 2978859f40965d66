import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { AnswerResult } from '../../src/qa/types.js';
import type { Hit } from '../../src/retrieval/types.js';
import type { ChatBackend } from '../../src/ui/chat/chat-backend.js';
import { ChatApp } from '../../src/ui/chat/chat-app.js';
import { SMALL_CORPUS } from '../retrieval/make-paper.js';
import { inputReady, press, waitFor } from '../support/ink-screen.js';


/** A backend that streams a fixed answer in pieces; `gate` holds the last piece until released. */
function fakeBackend(engine: 'offline' | 'model' = 'model') {
  const questions: string[] = [];
  const hit: Hit = { paper: SMALL_CORPUS[0]!, score: 1, bm25Rank: 1, bm25Score: 1, matchedTerms: ['kv'] };
  let release: () => void = () => {};
  let aborted = false;
  const backend: ChatBackend & { lastSources: Hit[] } = {
    engine,
    engineReason: engine === 'offline' ? '--offline was given' : 'model endpoint http://127.0.0.1:9/v1',
    model: engine === 'offline' ? null : 'test-model',
    corpus: { size: SMALL_CORPUS.length, hash: 'h' },
    annotationsFrom: null,
    lastSources: [],
    async ask(question, options = {}) {
      questions.push(question);
      options.onToken?.('KeepKV merges ');
      await new Promise<void>((resolve, reject) => {
        release = resolve;
        options.signal?.addEventListener('abort', () => {
          aborted = true;
          reject(new Error('aborted'));
        });
      });
      options.onToken?.('KV pairs [@keepkv2025].');
      backend.lastSources = [hit];
      const result: AnswerResult = {
        answer: 'KeepKV merges KV pairs [@keepkv2025].',
        citations: [{ key: 'keepkv2025', title: SMALL_CORPUS[0]!.title }],
        engine,
        sources: [hit],
        supported: true,
        verification: { citations: 1, danglingRemoved: 1, numbersChecked: 0, numbersUnsupported: 0, quotesChecked: 0, quotesNotVerbatim: 0 },
        removedKeys: ['ghost2099'],
      };
      return result;
    },
  };
  return { backend, questions, release: () => release(), wasAborted: () => aborted };
}

describe('ChatApp', () => {
  it('shows which engine answers', () => {
    const { lastFrame } = render(<ChatApp backend={fakeBackend('model').backend} />);
    expect(lastFrame()).toContain('litrev chat · 6 papers');
    expect(lastFrame()).toContain('model test-model · model endpoint http://127.0.0.1:9/v1');
    const offline = render(<ChatApp backend={fakeBackend('offline').backend} />);
    expect(offline.lastFrame()).toContain('OFFLINE ENGINE (extractive, no model): --offline was given');
  });

  it('types into the input box, streams the answer, then keeps it in the history with its sources', async () => {
    const fake = fakeBackend();
    const app = render(<ChatApp backend={fake.backend} />);
    const { lastFrame, stdin } = app;
    await inputReady(stdin);
    stdin.write('How does KeepKV work?');
    await waitFor(() => lastFrame()!.includes('› How does KeepKV work?'), 'the typed question');
    stdin.write('\r');
    await waitFor(() => lastFrame()!.includes('KeepKV merges') && lastFrame()!.includes('answering…'), 'the streamed start');
    expect(lastFrame()).not.toContain('[@keepkv2025]');
    fake.release();
    await waitFor(() => lastFrame()!.includes('Sources:'), 'the finished answer');
    const frame = lastFrame()!;
    expect(fake.questions).toEqual(['How does KeepKV work?']);
    expect(frame).toContain('KeepKV merges KV pairs [@keepkv2025].');
    expect(frame).toContain('[@keepkv2025] KeepKV: Eliminating Output Perturbation in KV Cache Compression');
    expect(frame).toContain('removed 1 citation(s) of papers not among the sources: ghost2099');
    expect(frame).toContain('Enter asks');
  });

  it('edits the line with backspace and the arrow keys, and recalls earlier questions', async () => {
    const fake = fakeBackend();
    const app = render(<ChatApp backend={fake.backend} />);
    const { lastFrame, stdin } = app;
    await inputReady(stdin);
    await press(app, 'KV cachX');
    await press(app, '\x7f'); // Backspace
    await press(app, 'e');
    await press(app, '\x1b[D'); // Left
    await press(app, 'h');
    await press(app, '\x1b[C'); // Right
    stdin.write('!');
    await waitFor(() => lastFrame()!.includes('KV cachhe!'), 'the edited line');
    await press(app, '\r');
    fake.release();
    await waitFor(() => lastFrame()!.includes('Sources:'), 'the answer');
    stdin.write('\x1b[A'); // Up: the last question comes back
    await waitFor(() => (lastFrame()!.match(/KV cachhe!/g) ?? []).length >= 2, 'the recalled question');
    expect(fake.questions).toEqual(['KV cachhe!']);
  });

  it('/sources lists the papers behind the last answer; /help and unknown commands answer', async () => {
    const fake = fakeBackend();
    const app = render(<ChatApp backend={fake.backend} />);
    const { lastFrame, stdin } = app;
    await inputReady(stdin);
    await press(app, '/sources');
    stdin.write('\r');
    await waitFor(() => lastFrame()!.includes('No sources yet'), 'the empty sources');
    await press(app, 'kv?');
    await press(app, '\r');
    fake.release();
    await waitFor(() => lastFrame()!.includes('Sources:'), 'the answer');
    await press(app, '/sources');
    stdin.write('\r');
    await waitFor(() => lastFrame()!.includes('1. [@keepkv2025] KeepKV'), 'the sources list');
    expect(lastFrame()).toContain('(bm25 1)');
    await press(app, '/help');
    stdin.write('\r');
    await waitFor(() => lastFrame()!.includes('/exit      leave (also Ctrl-C or Ctrl-D)'), 'the help');
    await press(app, '/frob');
    stdin.write('\r');
    await waitFor(() => lastFrame()!.includes('unknown command /frob'), 'the unknown command');
  });

  it('Esc stops an answer being written', async () => {
    const fake = fakeBackend();
    const app = render(<ChatApp backend={fake.backend} />);
    const { lastFrame, stdin } = app;
    await inputReady(stdin);
    await press(app, 'kv?');
    stdin.write('\r');
    await waitFor(() => lastFrame()!.includes('answering…'), 'the answer to start');
    stdin.write('\x1b');
    await waitFor(() => lastFrame()!.includes('(answer stopped)'), 'the stop');
    expect(fake.wasAborted()).toBe(true);
  });

  it.each([
    ['/exit', '/exit\r'],
    ['Ctrl-C', '\x03'],
    ['Ctrl-D', '\x04'],
  ])('%s leaves the app', async (_name, keys) => {
    const fake = fakeBackend();
    let exited = false;
    const app = render(<ChatApp backend={fake.backend} onExit={() => (exited = true)} />);
    const { stdin } = app;
    await inputReady(stdin);
    if (keys.startsWith('/')) {
      await press(app, keys.slice(0, -1));
      stdin.write('\r');
    } else {
      stdin.write(keys);
    }
    await waitFor(() => exited, 'the exit');
  });
});

describe('ChatApp input arriving in one chunk', () => {
  it('submits text and Enter read together (fast typing, paste)', async () => {
    const fake = fakeBackend();
    const app = render(<ChatApp backend={fake.backend} />);
    const { lastFrame, stdin } = app;
    await inputReady(stdin);
    stdin.write('What does KeepKV do?\rnext one');
    await waitFor(() => fake.questions.length === 1, 'the question');
    expect(fake.questions).toEqual(['What does KeepKV do?']);
    fake.release();
    await waitFor(() => lastFrame()!.includes('Sources:'), 'the answer');
    expect(lastFrame()).toContain('› next one');
  });
});

describe('ChatApp while an answer is written', () => {
  it('keeps typing; Enter is refused until the answer is done, then the line is asked', async () => {
    const fake = fakeBackend();
    const app = render(<ChatApp backend={fake.backend} />);
    const { lastFrame, stdin } = app;
    await inputReady(stdin);
    await press(app, 'first?');
    stdin.write('\r');
    await waitFor(() => lastFrame()!.includes('answering…'), 'the answer to start');
    await press(app, 'second?');
    await press(app, '\r');
    expect(fake.questions).toEqual(['first?']);
    expect(lastFrame()).toContain('› second?');
    fake.release();
    await waitFor(() => lastFrame()!.includes('Sources:'), 'the first answer');
    stdin.write('\r');
    await waitFor(() => fake.questions.length === 2, 'the second question');
    expect(fake.questions).toEqual(['first?', 'second?']);
  });
});
