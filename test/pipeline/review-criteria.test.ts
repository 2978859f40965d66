import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeReviewer } from '../support/fake-reviewer.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { jsonOf, runCli } from '../support/run-cli.js';

const CORPUS = path.resolve(__dirname, '../../examples/corpus');
const CRITERIA = path.resolve(__dirname, '../../examples/criteria.yaml');
/** One page of the example corpus (59 records): enough for the offline checks, quick to review. */
const PAGE = path.join(CORPUS, '004_8ff57b83dc1ce018.txt');

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({ handler: fakeReviewer() });
});
afterAll(() => server.close());

const read = (...p: string[]) => readFileSync(path.join(...p), 'utf8');
const lines = (file: string) => read(file).trim().split('\n').map((l) => JSON.parse(l));

function expectPrismaAddsUp(p: any, papers: number): void {
  expect(p.screened).toBe(papers);
  expect(p.screened).toBe(p.included + p.excluded + p.failed);
  expect(p.identified).toBe(p.screened + p.duplicatesRemoved);
  expect(Object.values(p.excludedByReason).reduce((a: number, b: any) => a + b, 0)).toBe(p.excluded);
  expect(Object.values(p.identifiedBySource).reduce((a: number, b: any) => a + b, 0)).toBe(p.identified);
}

describe('review --criteria', () => {
  // Each test its own workspace: what one run leaves (the corpus, keys, cache) is no input of another.
  let cwd = '';
  beforeEach(() => {
    cwd = mkdtempSync(path.join(tmpdir(), 'litrev-criteria-'));
  });

  it('through the test server: per-criterion answers in papers.jsonl/csv, decisions computed in code, PRISMA adds up', async () => {
    const r = await runCli(['review', CORPUS, '--criteria', CRITERIA, '--base-url', server.url, '--model', 'test-model', '--json', '--out', 'm'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(jsonOf(r)).toMatchObject({ engine: 'model', papers: 411, failed: 0 });
    const requests = server.chatRequests().filter((q) => JSON.stringify(q.body).includes('criteria_screening'));
    expect(requests.length).toBeGreaterThan(0);
    const rows = lines(path.join(cwd, 'm', 'papers.jsonl'));
    expect(rows).toHaveLength(411);
    for (const row of rows) {
      expect(row.screening.answers.map((a: any) => a.criterion)).toEqual(['I1', 'I2', 'E1']);
      const by = (id: string) => row.screening.answers.find((a: any) => a.criterion === id).answer;
      const include = by('I1') !== 'not-met' && by('I2') !== 'not-met' && by('E1') !== 'met';
      expect(row.screening.decision).toBe(include ? 'include' : 'exclude');
      expect(row.status === 'excluded').toBe(!include);
    }
    const excluded = rows.filter((x: any) => x.status === 'excluded');
    expect(excluded.length).toBeGreaterThan(0);
    expect(excluded.every((x: any) => x.screening.excludedBy.length > 0)).toBe(true);
    const m = JSON.parse(read(cwd, 'm', 'run.json'));
    expectPrismaAddsUp(m.prisma, 411);
    expect(m.prisma).toMatchObject({ identified: 427, duplicatesRemoved: 16, excluded: excluded.length, failed: 0 });
    expect(Object.keys(m.prisma.excludedByReason).every((k) => ['I1', 'I2', 'E1'].includes(k))).toBe(true);
    expect(m.criteria.map((c: any) => c.id)).toEqual(['I1', 'I2', 'E1']);
    const csv = read(cwd, 'm', 'papers.csv');
    expect(csv.split(/\r?\n/)[0]).toMatch(/,decision,excluded_by,criteria_answers$/);
    expect(csv).toMatch(/I1: (met|not-met|unclear) — /);
    const review = read(cwd, 'm', 'review.md');
    expect(review).toContain('```mermaid\nflowchart TD');
    expect(review).toContain(`Records excluded: ${m.prisma.excluded}`);
    expect(review).toContain(`Excluded papers (${excluded.length}), with the criteria that excluded them:`);
    expect(read(cwd, 'm', 'prisma.svg')).toContain(`Studies included in the review: ${m.prisma.included}`);
  });

  it('offline: every reason states its rule; the same inputs give a byte-identical review.md', async () => {
    const a = await runCli(['review', PAGE, '--criteria', CRITERIA, '--offline', '--json', '--out', 'o1'], { cwd });
    expect(a.code, a.stderr).toBe(0);
    const b = await runCli(['review', PAGE, '--criteria', CRITERIA, '--offline', '--json', '--out', 'o2'], { cwd });
    expect(b.code, b.stderr).toBe(0);
    expect(read(cwd, 'o2', 'review.md')).toBe(read(cwd, 'o1', 'review.md'));
    const rows = lines(path.join(cwd, 'o1', 'papers.jsonl'));
    for (const row of rows) for (const a of row.screening.answers) expect(a.reason).toMatch(/\(rule: any of "/);
    const m = JSON.parse(read(cwd, 'o1', 'run.json'));
    expectPrismaAddsUp(m.prisma, rows.length);
  });

  it('--dry-run counts the criteria screening requests', async () => {
    const r = await runCli(['review', PAGE, '--criteria', CRITERIA, '--base-url', server.url, '--model', 'test-model', '--dry-run', '--json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/"screen":\{"requests":[1-9]/);
  });

  it('a Markdown criteria file works; a broken one stops with exit 2 naming the file', async () => {
    writeFileSync(path.join(cwd, 'c.md'), '## Inclusion\n- I1: The paper studies attention [terms: attention]\n## Exclusion\n- E1: About reasoning [terms: reasoning]\n');
    const ok = await runCli(['review', PAGE, '--criteria', 'c.md', '--offline', '--json', '--out', 'md'], { cwd });
    expect(ok.code, ok.stderr).toBe(0);
    const m = JSON.parse(read(cwd, 'md', 'run.json'));
    // Offline, an inclusion criterion whose words are missing is "not judged", never a reason to exclude;
    // an exclusion criterion needs its words in a title (these papers have none): in an abstract it is unclear.
    expect(m.prisma.excludedByReason).toEqual({});
    expect(m.prisma.offlineScreening.notJudged).toBeGreaterThan(0);
    const answers = readFileSync(path.join(cwd, 'md', 'papers.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).screening.answers);
    expect(answers.every((a: any[]) => a.map((x) => x.criterion).join() === 'I1,E1')).toBe(true);
    expect(answers.some((a: any[]) => a[1].answer === 'unclear' && /abstract only/.test(a[1].reason))).toBe(true);
    writeFileSync(path.join(cwd, 'bad.yaml'), 'inclusion:\n  - "I1: a"\n  - "I1: b"\n');
    const bad = await runCli(['review', PAGE, '--criteria', 'bad.yaml', '--offline', '--json', '--out', 'bad'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.yaml: criterion id "I1" appears twice');
  });

  it('every review records PRISMA counts: offline --topic sets nothing aside and counts what it judged, a plain run excludes none', async () => {
    const t = await runCli(['review', PAGE, '--topic', 'language models', '--offline', '--json', '--out', 't'], { cwd });
    expect(t.code, t.stderr).toBe(0);
    const tp = JSON.parse(read(cwd, 't', 'run.json')).prisma;
    expectPrismaAddsUp(tp, tp.screened);
    expect(tp.screened).toBeGreaterThan(50);
    expect(tp).toMatchObject({ excluded: 0, excludedByReason: {} });
    expect(tp.offlineScreening.judged + tp.offlineScreening.notJudged).toBe(tp.included);
    expect(tp.offlineScreening.notJudged).toBeGreaterThan(0);
    expect(JSON.parse(t.stdout).screening).toEqual({ ...tp.offlineScreening, excluded: 0 });
    const p = await runCli(['review', PAGE, '--offline', '--json', '--out', 'p'], { cwd });
    expect(p.code, p.stderr).toBe(0);
    const pp = JSON.parse(read(cwd, 'p', 'run.json')).prisma;
    expectPrismaAddsUp(pp, pp.screened);
    expect(pp).toMatchObject({ excluded: 0, included: pp.screened, excludedByReason: {} });
  });
});
