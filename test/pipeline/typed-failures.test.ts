import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeReviewerAnswer, stageOf } from '../support/fake-reviewer.js';
import { startOpenAIServer, type ChatHandler, type OpenAIServer } from '../support/openai-server.js';
import { runCli } from '../support/run-cli.js';

const PROMPTS = path.resolve(__dirname, '../../prompts');
const ABS = (what: string) => `We study ${what} for language model inference and report a 2x speedup over the baseline system.`;
const CSV = `title,abstract\n${['Paged Attention Serving', 'Quantised KV Caches', 'Speculative Decoding Drafts', 'Sparse Expert Routing', 'Long Context Retrieval', 'Low Rank Adapters']
  .map((t) => `${t},${ABS(t.toLowerCase())}`)
  .join('\n')}\n`;

/** The fake reviewer, with the taxonomy replies replaced by `taxonomy(n)` (n: 0-based taxonomy request count). */
function handler(taxonomy?: (n: number) => unknown): ChatHandler {
  let n = 0;
  return (info) => {
    if (info.method === 'text') return undefined;
    if (taxonomy && stageOf(info) === 'taxonomy') return { json: taxonomy(n++) };
    const json = fakeReviewerAnswer(info);
    return json === null ? undefined : { json };
  };
}

const GOOD = { categories: ['Attention', 'Quantisation', 'Decoding', 'Routing', 'Retrieval'].map((name) => ({ name, definition: `About ${name}.` })) };

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({ handler: handler() });
});
afterAll(() => server.close());

async function workspace(): Promise<string> {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'litrev-typed-'));
  await writeFile(path.join(cwd, 'p.csv'), CSV);
  return cwd;
}
const model = () => ['--base-url', server.url, '--model', 'test-model', '--cache-dir', 'cache'];

describe('taxonomy replies are repaired, then fail typed', () => {
  it('a reply that breaks its schema is asked again with the error', async () => {
    const cwd = await workspace();
    server.setHandler(handler((n) => (n === 0 ? { categories: 'not a list' } : GOOD)));
    const before = server.chatRequests().length;
    const r = await runCli(['review', 'p.csv', ...model(), '--out', 'out', '--json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const taxonomyRequests = server.chatRequests().slice(before).filter((q) => JSON.stringify(q.body).includes('"name":"taxonomy"'));
    expect(taxonomyRequests).toHaveLength(2);
    expect(JSON.stringify(taxonomyRequests[1]!.body)).toContain('Your previous answer was rejected');
  });

  it('a reply that keeps breaking the 5-12 rule stops the run with exit 1, classifications cached', async () => {
    const cwd = await workspace();
    server.setHandler(handler(() => ({ categories: [{ name: 'Only one', definition: 'All.' }, { name: 'Two', definition: 'Rest.' }] })));
    const r = await runCli(['review', 'p.csv', ...model(), '--out', 'out'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the taxonomy stage failed: the taxonomy reply was rejected twice \(2 categories/);
    expect(r.stderr).not.toMatch(/internal error/);
    // The rejected replies are cached like any other (replay stays exact): resume with a taxonomy of one's own.
    await writeFile(path.join(cwd, 'tax.json'), JSON.stringify(GOOD));
    const before = server.chatRequests().length;
    const again = await runCli(['review', 'p.csv', ...model(), '--taxonomy', 'tax.json', '--out', 'out', '--json'], { cwd });
    expect(again.code, again.stderr).toBe(0);
    const resent = server.chatRequests().slice(before).map((q) => JSON.stringify(q.body));
    expect(resent.filter((b) => b.includes('paper_annotations'))).toEqual([]);
  });
});

describe('synthesis never turns a cache miss into an offline section', () => {
  it('--cache replay with a changed synthesis prompt stops on the miss', async () => {
    const cwd = await workspace();
    server.setHandler(handler(() => GOOD));
    expect((await runCli(['review', 'p.csv', ...model(), '--out', 'first', '--json'], { cwd })).code).toBe(0);
    const prompts = path.join(cwd, 'prompts-changed');
    await mkdir(prompts);
    const synth = await readFile(path.join(PROMPTS, 'synthesize.md'), 'utf8');
    await writeFile(path.join(prompts, 'synthesize.md'), synth.replace('--- user ---', 'Write tersely.\n--- user ---'));
    const r = await runCli(['review', ...model(), '--prompts', prompts, '--cache', 'replay', '--out', 'second', '--plain'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cache miss in replay mode/);
    expect(r.stderr).not.toMatch(/drafted by the offline engine/);
  });
});

describe('--taxonomy FILE gives the same categories with both engines', () => {
  it('keeps the ids, the order and the empty categories', async () => {
    const cwd = await workspace();
    server.setHandler(handler());
    const categories = [
      { id: 'zeta', name: 'Zeta things', definition: 'Serving and attention.' },
      { id: 'alpha', name: 'Alpha things', definition: 'Quantisation.' },
      { id: 'm7', name: 'Mid things', definition: 'Decoding.' },
      { id: 'e1', name: 'Empty one', definition: 'Nothing here.' },
      { id: 'e2', name: 'Empty two', definition: 'Nothing here either.' },
      { id: 'e3', name: 'Empty three', definition: 'Nor here.' },
      { id: 'e4', name: 'Empty four', definition: 'Nor here.' },
      { id: 'e5', name: 'Empty five', definition: 'Nor here.' },
    ];
    await writeFile(path.join(cwd, 'tax.json'), JSON.stringify({ categories }));
    const offline = await runCli(['review', 'p.csv', '--offline', '--taxonomy', 'tax.json', '--out', 'off', '--json'], { cwd });
    const viaModel = await runCli(['review', 'p.csv', ...model(), '--taxonomy', 'tax.json', '--out', 'mod', '--json'], { cwd });
    expect(offline.code, offline.stderr).toBe(0);
    expect(viaModel.code, viaModel.stderr).toBe(0);
    const ids = async (dir: string) => JSON.parse(await readFile(path.join(cwd, dir, 'taxonomy.json'), 'utf8')).categories.map((c: { id: string }) => c.id);
    expect(await ids('off')).toEqual(categories.map((c) => c.id));
    expect(await ids('mod')).toEqual(categories.map((c) => c.id));
  });
});
