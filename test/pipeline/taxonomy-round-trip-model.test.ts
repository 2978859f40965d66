import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeReviewer } from '../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { jsonOf, runCli } from '../support/run-cli.js';

const FILE = path.resolve(__dirname, '../../examples/corpus/000_67e06d3f3a2a0ff6.txt');

let server: OpenAIServer;
const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-tax-model-'));
beforeAll(async () => {
  server = await startOpenAIServer({ handler: fakeReviewer() });
});
afterAll(async () => {
  await server.close();
  rmSync(cwd, { recursive: true, force: true });
});

type Doc = { categories: { name: string; paperIds: string[]; paperKeys: (string | null)[] }[] };
const taxonomyOf = (out: string): Doc => JSON.parse(readFileSync(path.join(cwd, out, 'taxonomy.json'), 'utf8'));
const placement = (doc: Doc) => new Map(doc.categories.flatMap((c) => c.paperIds.map((id) => [id, c.name] as const)));
const assignCalls = (out: string) => JSON.parse(readFileSync(path.join(cwd, out, 'run.json'), 'utf8')).stages.assign?.calls ?? 0;

describe('taxonomy.json passed back with --taxonomy (model engine, test server)', () => {
  const model = ['--base-url', 'placeholder', '--model', 'test-model'];
  beforeAll(async () => {
    model[1] = server.url;
    const r = await runCli(['review', FILE, ...model, '--json', '--out', 'first'], { cwd });
    expect(r.code, r.stderr).toBe(0);
  });

  it('unedited: moves no paper and asks the model about none', async () => {
    const r = await runCli(['review', ...model, '--taxonomy', path.join(cwd, 'first', 'taxonomy.json'), '--json', '--out', 'again'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(jsonOf(r).failed).toBe(0);
    expect(placement(taxonomyOf('again'))).toEqual(placement(taxonomyOf('first')));
    expect(assignCalls('again')).toBe(0);
  });

  it('a hand move and a rename are kept; a paper the file leaves out is placed by the model', async () => {
    const doc = taxonomyOf('first');
    const [from, to] = doc.categories.filter((c) => c.paperIds.length >= 2);
    const movedId = from!.paperIds[0]!;
    const movedKey = from!.paperKeys[0]!;
    from!.paperIds = from!.paperIds.slice(1);
    from!.paperKeys = from!.paperKeys.slice(1);
    to!.paperIds.push(movedId);
    to!.paperKeys.push(movedKey);
    const renamed = to!.name;
    to!.name = 'My own name';
    const leftOut = from!.paperIds[0]!;
    from!.paperIds = from!.paperIds.slice(1);
    from!.paperKeys = from!.paperKeys.slice(1);
    const file = path.join(cwd, 'edited.json');
    writeFileSync(file, JSON.stringify(doc));
    const before = server.chatRequests().length;
    const r = await runCli(['review', ...model, '--taxonomy', file, '--json', '--out', 'edited'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const after = placement(taxonomyOf('edited'));
    expect(after.get(movedId)).toBe('My own name');
    for (const [id, name] of placement(taxonomyOf('first'))) {
      if (id === movedId || id === leftOut) continue;
      expect(after.get(id), id).toBe(name === renamed ? 'My own name' : name);
    }
    expect(after.has(leftOut)).toBe(true);
    // One paper to place: one assignment request (besides the synthesis the new names ask for).
    expect(assignCalls('edited')).toBe(1);
    expect(server.chatRequests().length).toBeGreaterThan(before);
  });
});
