import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, runCli } from '../support/run-cli.js';

/** `litrev label --simulate GOLD --json`: the stored corpus replayed in litrev's order against a gold file. */
let cwd = '';
beforeAll(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'litrev-simulate-'));
  const rows = ['citationKey,title,abstract,relevant'];
  for (let i = 0; i < 60; i++) {
    const kv = i % 6 === 0;
    const topic = kv ? 'key value cache compression for transformer inference' : `protein folding energy landscape number ${i}`;
    rows.push(`p${i},"${kv ? 'KV cache compression' : 'Protein folding'} study ${i}","We study ${topic}; sample ${i} of ${kv ? 'serving' : 'chemistry'}.",${kv ? 1 : 0}`);
  }
  await writeFile(path.join(cwd, 'gold.csv'), `${rows.join('\n')}\n`);
  const ingest = await runCli(['ingest', 'gold.csv'], { cwd });
  expect(ingest.code, ingest.stderr).toBe(0);
});
afterAll(async () => {
  if (cwd) await rm(cwd, { recursive: true, force: true });
});

describe('litrev label --simulate', () => {
  it('prints the JSON shape of the CLI contract; the same seed gives the same result', async () => {
    const a = await runCli(['label', '--simulate', 'gold.csv', '--json', '--seed', '4'], { cwd });
    expect(a.code, a.stderr).toBe(0);
    const r = jsonOf(a);
    expect(Object.keys(r).sort()).toEqual(['papers', 'recallAt', 'relevant', 'screenedFor95', 'seed', 'wss95']);
    expect(r).toMatchObject({ papers: 60, relevant: 10, seed: 4 });
    expect(Object.keys(r.recallAt)).toEqual(['10', '20', '30']);
    expect(r.wss95).toBeCloseTo(0.95 - r.screenedFor95 / 60, 4);
    // An easy corpus: ranked order finds the relevant papers well before random order would.
    expect(r.screenedFor95).toBeLessThan(20);
    const again = await runCli(['label', '--simulate', 'gold.csv', '--json', '--seed', '4'], { cwd });
    expect(jsonOf(again)).toEqual(r);
  });

  it('--order random reads in a seeded random order; without --json it prints a summary', async () => {
    const random = await runCli(['label', '--simulate', 'gold.csv', '--order', 'random', '--seed', '4'], { cwd });
    expect(random.code, random.stderr).toBe(0);
    expect(random.stdout).toMatch(/Simulated screening of 60 papers \(10 relevant\), random order, seed 4/);
    expect(random.stdout).toMatch(/WSS@95 -?\d\.\d{3}/);
  });

  it('refuses an unknown order and a gold file without both kinds of label', async () => {
    const bad = await runCli(['label', '--simulate', 'gold.csv', '--order', 'best'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--order best: not an order');
    await writeFile(path.join(cwd, 'one.csv'), 'citationKey,relevant\np0,1\n');
    const one = await runCli(['label', '--simulate', 'one.csv', '--json'], { cwd });
    expect(one.code).toBe(3);
    expect(one.stderr).toContain('at least one relevant and one irrelevant');
  });
});
