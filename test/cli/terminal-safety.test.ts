import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialRunState, reduceRunState } from '../../src/pipeline/run-state.js';
import { ChatEntryView } from '../../src/ui/chat/chat-entry.js';
import { Dashboard } from '../../src/ui/dashboard/dashboard.js';
import { HOSTILE, RAW_CONTROL } from '../support/hostile-text.js';
import { accounting } from './output/fake-events.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { jsonOf, runCli } from '../support/run-cli.js';

/**
 * Escape sequences from model replies, file names, BibTeX keys and category names never reach the
 * terminal: every view and message shows them as visible escapes.
 */
const ONE = path.resolve(__dirname, '../../examples/corpus/004_8ff57b83dc1ce018.txt');
const OSC_OR_CSI = /\x1b[\]\[]|\u009b|\u202e/;

const tmp = (p: string) => mkdtemp(path.join(tmpdir(), p));

describe('model text on the terminal', () => {
  let server: OpenAIServer;
  beforeAll(async () => {
    server = await startOpenAIServer({ handler: () => ({ content: `The corpus says ${HOSTILE} nothing more.` }) });
  });
  afterAll(() => server.close());

  it('ask (plain and --json) and chat in line mode print no raw escape', async () => {
    const cwd = await tmp('litrev-term-');
    const flags = ['--in', ONE, '--base-url', server.url, '--model', 'test-model', '--cache-dir', path.join(cwd, 'cache')];
    const plain = await runCli(['ask', 'What does it say?', ...flags], { cwd });
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).not.toMatch(RAW_CONTROL);
    expect(plain.stdout).toContain('\\x1b]52;c;');
    const json = await runCli(['ask', 'What does it say?', ...flags, '--json'], { cwd });
    expect(json.stdout).not.toMatch(RAW_CONTROL);
    expect(jsonOf(json).answer).toContain('\x1b]52;c;');
    const chat = await runCli(['chat', ...flags], { cwd, stdin: 'What does it say?\n' });
    expect(chat.code, chat.stderr).toBe(0);
    expect(chat.stdout).toContain('\\x1b[2J');
    expect(chat.stdout + chat.stderr).not.toMatch(RAW_CONTROL);
  });
});

describe('ingest and error messages', () => {
  it('file names, BibTeX keys and titles: shown escaped, cleaned at ingest', async () => {
    const cwd = await tmp('litrev-term-ingest-');
    const dir = path.join(cwd, 'in');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    await writeFile(path.join(dir, `bad\x1b[2J\x1b]0;t\x07.json`), '{ "broken": ');
    await writeFile(path.join(dir, 'refs.bib'), `@article{key\x1b]0;t\x07x,\n  title = {Broken entry\n`);
    await writeFile(
      path.join(dir, 'papers.jsonl'),
      `${JSON.stringify({ title: `Sparse \u202eretrieval\u202c \u009b31m at scale`, abstract: 'We study sparse retrieval. Recall improves by 4.1% on MS MARCO.' })}\n`,
    );
    const r = await runCli(['ingest', dir, '--workspace', path.join(cwd, 'ws')], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('bad\\x1b[2J');
    const corpus = await readFile(path.join(cwd, 'ws', 'corpus.json'), 'utf8');
    expect(corpus).toContain('"title":"Sparse retrieval 31m at scale"');
  });

  it('an error naming a hostile path is escaped', async () => {
    const cwd = await tmp('litrev-term-err-');
    const r = await runCli(['review', path.join(cwd, `missing${HOSTILE}.bib`), '--offline'], { cwd });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('litrev: ');
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });
});

describe('category names', () => {
  it('compare prints them escaped; review.md keeps them on one line, with no raw HTML and balanced fences', async () => {
    const cwd = await tmp('litrev-term-cat-');
    const taxonomy = path.join(cwd, 'taxonomy.json');
    const evil = `Evil\n\`\`\`\n# Injected heading <script>alert(1)</script> ${HOSTILE}`;
    await writeFile(taxonomy, JSON.stringify({ categories: [{ id: 'c1', name: evil, definition: 'all papers' }, { id: 'c2', name: 'Other', definition: 'the rest' }] }));
    const a = await runCli(['review', ONE, '--offline', '--taxonomy', taxonomy, '--out', path.join(cwd, 'a'), '--json'], { cwd });
    expect(a.code, a.stderr).toBe(0);
    const b = await runCli(['review', ONE, '--offline', '--out', path.join(cwd, 'b'), '--json'], { cwd });
    expect(b.code, b.stderr).toBe(0);
    const cmp = await runCli(['compare', path.join(cwd, 'a'), path.join(cwd, 'b')], { cwd });
    expect(cmp.code, cmp.stderr).toBe(0);
    expect(cmp.stdout + cmp.stderr).not.toMatch(RAW_CONTROL);

    const md = await readFile(path.join(cwd, 'a', 'review.md'), 'utf8');
    const lines = md.split('\n');
    expect(lines.some((l) => /^#+ Injected/.test(l))).toBe(false);
    expect(lines.filter((l) => l.includes('<script'))).toEqual([]);
    expect(md).not.toMatch(RAW_CONTROL);
    // Only litrev's own fences: the taxonomy mindmap and the PRISMA flowchart, each closed.
    expect(lines.filter((l) => /^ {0,3}(```|~~~)/.test(l))).toEqual(['```mermaid', '```', '```mermaid', '```']);
    expect(lines.find((l) => l.startsWith('## Evil'))).toMatch(/^## Evil ``` # Injected heading &lt;script>/);
  });
});

describe('Ink views', () => {
  it('the dashboard last error and chat entries show escapes, not sequences', () => {
    const state = [
      { type: 'run-started', runId: 'r', outDir: '/tmp/r', engine: 'model', model: 'm', engineReason: 'configured', papers: 1 },
      { type: 'stage-started', stage: 'classify', total: 1, unit: 'papers' },
      { type: 'model', event: { type: 'retry', stage: 'classify', attempt: 2, reason: `HTTP 500 ${HOSTILE}`, delayMs: 10 }, accounting: accounting({ retries: 1 }) },
    ].reduce((s, e, i) => reduceRunState(s, e as never, i), initialRunState);
    const dash = render(createElement(Dashboard, { state, now: 10 })).lastFrame()!;
    expect(dash).toContain('last error');
    expect(dash).not.toMatch(OSC_OR_CSI);
    const chat = render(createElement(ChatEntryView, { entry: { id: 1, kind: 'answer', text: HOSTILE, citations: [{ key: 'k', title: HOSTILE }], notes: [HOSTILE] } })).lastFrame()!;
    expect(chat).not.toMatch(OSC_OR_CSI);
    expect(chat).toContain('\\u202eevil');
  });
});
