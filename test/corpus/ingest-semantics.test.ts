import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { tempDir } from './support.js';

const ABSTRACT = (topic: string) => `We study ${topic} with a method that is described at length in this abstract, and report results.`;

function csv(rows: [string, string][]): string {
  return `title,abstract\n${rows.map(([t, a]) => `"${t}","${a}"`).join('\n')}\n`;
}

async function files(dir: string, entries: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(entries)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
}

describe('ingest semantics', () => {
  it("passes over litrev's own outputs, the cache, VCS and dependency folders, counting what it did not read", async () => {
    const cwd = await tempDir();
    await files(cwd, {
      'in/papers.csv': csv([['Paper One On Caching', ABSTRACT('caching')]]),
      'in/old-run/run.json': '{}',
      'in/old-run/papers.csv': csv([['Output Row Not A Paper', ABSTRACT('outputs')]]),
      'in/old-run/review.md': '# Review\n\nSome prose that is not a paper record at all, written by litrev itself.\n',
      'in/node_modules/pkg/data.json': JSON.stringify([{ title: 'Dependency Data Title', abstract: ABSTRACT('deps') }]),
      'in/.git/notes.txt': 'Title Of Git Internal\n\nGit internal text.\n',
      'in/package.json': JSON.stringify({ name: 'x', description: 'a package that is not a paper' }),
      'in/prompts/classify.md': '---\nname: classify\nversion: 1\nvariables: [papers]\n---\n--- system ---\nClassify these papers carefully.\n--- user ---\n{{papers}}\n',
      'in/prompts/synthesize.md': '---\nname: synthesize\nversion: 1\nvariables: [papers]\n---\n--- system ---\nWrite a section.\n--- user ---\n{{papers}}\n',
      'cache/ab/ab12.json': JSON.stringify({ title: 'Cached Reply Title', abstract: ABSTRACT('cache') }),
    });
    const { code, stdout } = await runCli(['ingest', 'in', '--json'], { cwd });
    expect(JSON.parse(stdout).papers).toBe(1);
    const all = await runCli(['ingest', '.', '--json', '--replace'], { cwd });
    expect(JSON.parse(all.stdout).corpus).toMatchObject({ after: 1, added: 1, removed: 0 });
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.papers).toBe(1);
    expect(json.notRead).toBeGreaterThanOrEqual(6);
    const reasons = json.skipped.map((s: { reason: string }) => s.reason).join('\n');
    expect(reasons).toMatch(/old-run: not read \(a litrev run's output; 3 files\)/);
    expect(reasons).toMatch(/node_modules: not read \(a dependency folder; 1 file\)/);
    expect(JSON.parse(all.stdout).skipped.map((x: { reason: string }) => x.reason).join('\n')).toMatch(/cache: not read \(litrev's own folder/);
    expect(reasons).toMatch(/package\.json: skipped in a folder walk \(a project file/);
    expect(reasons).toMatch(/prompts: not read \(litrev's prompt files; 2 files\)/);
  });

  it('re-running a review on a folder that holds its own outputs gives the same papers', async () => {
    const cwd = await tempDir();
    await files(cwd, {
      'd/.hidden': 'x',
      'd/a.csv': csv([
        ['Speculative Decoding With Drafts', ABSTRACT('speculative decoding')],
        ['Quantised Attention Kernels', ABSTRACT('quantised attention')],
        ['Sparse Mixture Routing', ABSTRACT('sparse routing')],
      ]),
    });
    // The folder holds the user's files: --out into it needs --force (then it is a run's folder).
    expect((await runCli(['review', 'd', '--out', 'd', '--offline', '--json'], { cwd })).code).toBe(2);
    const first = await runCli(['review', 'd', '--out', 'd', '--offline', '--json', '--force'], { cwd });
    expect(first.code).toBe(0);
    const second = await runCli(['review', 'd', '--out', 'd', '--offline', '--json'], { cwd });
    expect(second.code).toBe(0);
    expect(JSON.parse(first.stdout).papers).toBe(3);
    expect(JSON.parse(second.stdout).papers).toBe(3);
  });

  it('adds to the stored corpus, says what changed, keeps keys, --replace starts anew; corpus lists and removes sources', async () => {
    const cwd = await tempDir();
    await files(cwd, {
      'a.csv': csv([['First Paper Of A', ABSTRACT('a one')], ['Second Paper Of A', ABSTRACT('a two')]]),
      'b.csv': csv([['Second Paper Of A', ABSTRACT('a two')], ['Only Paper Of B', ABSTRACT('b one')]]),
      'empty': '',
    });
    await mkdir(path.join(cwd, 'emptydir'));
    const a = await runCli(['ingest', 'a.csv'], { cwd });
    expect(a.stdout).toContain('0 -> 2 papers: 2 new, 0 already present');
    const keysBefore = JSON.parse(await readFile(path.join(cwd, '.litrev', 'corpus.json'), 'utf8')).papers.map((p: { key: string }) => p.key);
    const b = await runCli(['ingest', 'b.csv'], { cwd });
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('2 -> 3 papers: 1 new, 1 already present');
    const stored = JSON.parse(await readFile(path.join(cwd, '.litrev', 'corpus.json'), 'utf8'));
    expect(stored.papers).toHaveLength(3);
    for (const k of keysBefore) expect(stored.papers.map((p: { key: string }) => p.key)).toContain(k);

    const emptyRun = await runCli(['ingest', 'emptydir'], { cwd });
    expect(emptyRun.code).toBe(3);
    expect(JSON.parse(await readFile(path.join(cwd, '.litrev', 'corpus.json'), 'utf8')).papers).toHaveLength(3);

    const list = await runCli(['corpus', '--json'], { cwd });
    expect(JSON.parse(list.stdout)).toEqual({
      papers: 3,
      sources: [
        { path: 'a.csv', records: 2, papers: 2 },
        { path: 'b.csv', records: 2, papers: 2 },
      ],
    });
    const removed = await runCli(['corpus', 'remove', 'a.csv', '--json'], { cwd });
    expect(removed.code).toBe(0);
    expect(JSON.parse(removed.stdout)).toEqual({ papers: 2, sources: [{ path: 'b.csv', records: 2, papers: 2 }], removed: 1 });
    expect((await runCli(['corpus', 'remove', 'nope.csv'], { cwd })).code).toBe(2);

    const replaced = await runCli(['ingest', 'a.csv', '--replace'], { cwd });
    expect(replaced.stdout).toContain('Stored corpus replaced (--replace): 2 -> 2 papers');
    expect(JSON.parse((await runCli(['corpus', '--json'], { cwd })).stdout).sources).toEqual([{ path: 'a.csv', records: 2, papers: 2 }]);
  });
});
