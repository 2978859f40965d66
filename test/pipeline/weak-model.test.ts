import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeReviewer, type FakeReviewerOptions } from '../support/fake-reviewer.js';
import { startOpenAIServer } from '../support/openai-server.js';
import { jsonOf, runCli } from '../support/run-cli.js';

const FILE = path.resolve(__dirname, '../../examples/corpus/000_67e06d3f3a2a0ff6.txt');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** One review of one listing file against the test server with a fake model of these habits. */
async function review(options: FakeReviewerOptions, extra: string[] = ['--json']) {
  const server = await startOpenAIServer({ handler: fakeReviewer(options) });
  const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-weak-'));
  dirs.push(cwd);
  try {
    const r = await runCli(['review', FILE, '--base-url', server.url, '--model', 'weak-model', '--out', 'run', ...extra], { cwd });
    const read = (f: string) => readFileSync(path.join(cwd, 'run', f), 'utf8');
    return { r, read, manifest: JSON.parse(read('run.json')), requests: server.chatRequests() };
  } finally {
    await server.close();
  }
}

describe('a weak model writing the review', () => {
  it('cites the paper ids it was shown and copies prompt markup: ids become keys, the markup is gone', async () => {
    const { r, read, manifest } = await review({ weak: { citeIds: true, copyMarkup: true } });
    expect(r.code, r.stderr).toBe(0);
    const md = read('review.md');
    expect(md).not.toMatch(/&lt;|<paper|<claims|<\/?abstract/);
    const ids: string[] = read('papers.jsonl').trim().split('\n').map((l) => JSON.parse(l).id);
    for (const id of ids) expect(md).not.toContain(id);
    const verification = JSON.parse(read('verification.json'));
    expect(verification.summary.danglingRemoved).toBe(0);
    expect(verification.summary.citations).toBeGreaterThan(ids.length / 2);
    expect(manifest.status).not.toBe('failed-items');
  });

  it('asks once more, with the reason, for a section that cites nothing, and keeps the cited answer', async () => {
    const { r, read, manifest, requests } = await review({ weak: { citeNothing: /Theory/ } });
    expect(r.code, r.stderr).toBe(0);
    const again = requests.filter((q) => JSON.stringify(q).includes('cites no paper'));
    expect(again).toHaveLength(1);
    const md = read('review.md');
    const section = md.slice(md.indexOf('## Theory and analysis'), md.indexOf('\n## ', md.indexOf('## Theory and analysis') + 5));
    expect(section).toMatch(/\[@[^\]]+\]/);
    expect(section).not.toContain('offline engine');
    expect(manifest.failedSections).toBeUndefined();
    expect(jsonOf(r).warnings).toContain('section "Theory and analysis": the model\'s reply cited no paper; asked again with the reason');
  });

  it('a section and an overview that cite nothing twice fail the run by name: failed-items, exit 1', async () => {
    const { r, read, manifest } = await review({ weak: { citeNothing: /Theory|Overview/, citeNothingAgain: true } });
    expect(r.code).toBe(1);
    expect(jsonOf(r).failedSections).toEqual(['Theory and analysis', 'Overview']);
    expect(manifest.status).toBe('failed-items');
    expect(manifest.failedSections.map((f: { heading: string }) => f.heading)).toEqual(['Theory and analysis', 'Overview']);
    expect(jsonOf(r).warnings.join('\n')).toMatch(/section "Theory and analysis" failed: the model's text cited no paper/);
    // The review keeps a verified draft of the section, said to be the offline engine's.
    const md = read('review.md');
    expect(md).toMatch(/Drafted by the offline engine: the model's text cited no paper, even when asked again/);
  });

  it('says on screen which section failed', async () => {
    const { r } = await review({ weak: { citeNothing: /Theory/, citeNothingAgain: true } }, ['--plain']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('failed: section "Theory and analysis" cites no paper');
  });

  it('names the citation removed and its sentence in the warnings', async () => {
    const { r } = await review({ plantKey: 'invented2099fake' });
    expect(r.code, r.stderr).toBe(0);
    expect(jsonOf(r).warnings.join('\n')).toMatch(/removed the citation of "invented2099fake" \(no corpus paper has that key\) from: "A related result appears in/);
  });
});
