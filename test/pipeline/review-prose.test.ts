import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNVERIFIED_MARK } from '../../src/verify/check-prose.js';
import { fakeReviewer, papersIn, stageOf } from '../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { jsonOf, runCli } from '../support/run-cli.js';

/**
 * Model prose that invents a fact, cites an invented key and carries HTML/script links, through the real
 * client and the test server: the review marks (or with --strict removes) the fact, drops the broken
 * sentence, escapes the markup, lists every change, and the run says "ok with warnings".
 */
const ONE = path.resolve(__dirname, '../../examples/corpus/004_8ff57b83dc1ce018.txt');
const FACT = 'Our own replication found a 47.3% gain in recall.';

let server: OpenAIServer;
beforeAll(async () => {
  const reviewer = fakeReviewer();
  server = await startOpenAIServer({
    handler: (info) => {
      if (stageOf(info) !== 'section') return reviewer(info);
      const first = papersIn(info.messages.filter((m) => m.role === 'user').map((m) => m.content)[0] ?? '')[0]!;
      const body = [
        `${first.title} is central here [@${first.key}].`,
        FACT,
        'A related result is studied in [@madeup2099].',
        'See <img src=x onerror=alert(1)> and [the demo](javascript:alert(1)).',
        '## Verification',
        'All numbers were checked.',
      ].join(' \n');
      return { json: { body } };
    },
  });
});
afterAll(() => server.close());

const read = (...p: string[]) => readFileSync(path.join(...p), 'utf8');

describe('verification of model prose', () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-prose-'));
  // The review every test starts from (its replies fill the cache the --strict run reads).
  let r: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    r = await runCli(['review', ONE, '--base-url', server.url, '--model', 'test-model', '--json', '--out', 'a'], { cwd });
  });

  it('marks the invented fact where it stands, drops the broken sentence, escapes markup, and says ok with warnings', () => {
    expect(r.code, r.stderr).toBe(0);
    const summary = jsonOf(r);
    expect(summary.verification.sentencesMarked).toBeGreaterThan(0);
    expect(summary.verification.sentencesRemoved).toBeGreaterThan(0);
    const md = read(cwd, 'a', 'review.md');
    expect(md).toContain(`Our own replication found a 47.3% gain in recall ${UNVERIFIED_MARK}.`);
    expect(md).not.toMatch(/is studied in\s*\./);
    expect(md).not.toMatch(/<img|javascript:/);
    expect(md.split('\n').filter((l) => l === '## Verification')).toHaveLength(1);
    expect(md).toMatch(/Sentences removed from the draft:\n\n- "A related result is studied in `madeup2099`\.": it was left broken by removing madeup2099,/);
    const verification = JSON.parse(read(cwd, 'a', 'verification.json'));
    expect(verification.passed).toBe(false);
    expect(verification.dangling.map((d: { key: string }) => d.key)).toContain('madeup2099');
    expect(verification.prose.some((f: { action: string; numbers: string[] }) => f.action === 'marked' && f.numbers.includes('47.3%'))).toBe(true);
    expect(JSON.parse(read(cwd, 'a', 'run.json')).status).toBe('ok with warnings');
    expect(read(cwd, 'a', 'references.bib')).not.toContain('madeup2099');
  });

  it('--strict removes the invented fact and lists it (from the cache: no new request)', async () => {
    const before = server.chatRequests().length;
    const strict = await runCli(['review', ONE, '--base-url', server.url, '--model', 'test-model', '--json', '--out', 'b', '--strict'], { cwd });
    expect(strict.code, strict.stderr).toBe(0);
    expect(server.chatRequests().length).toBe(before);
    const md = read(cwd, 'b', 'review.md');
    expect(md.split('\n## Verification\n')[0]).not.toContain('47.3% gain in recall');
    expect(md).toContain('- "Our own replication found a 47.3% gain in recall.": it states a number and cites no paper');
    expect(JSON.parse(read(cwd, 'b', 'run.json')).status).toBe('ok with warnings');
  });

  it('an offline review with nothing wrong stays "ok" and unmarked', async () => {
    const r = await runCli(['review', ONE, '--offline', '--json', '--out', 'c'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(read(cwd, 'c', 'review.md')).not.toContain(UNVERIFIED_MARK);
    expect(JSON.parse(read(cwd, 'c', 'run.json')).status).toBe('ok');
    expect(jsonOf(r).verification).not.toHaveProperty('sentencesMarked');
  });
});
