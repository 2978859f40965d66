import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { hasTmux, tmuxSession } from '../support/tmux.js';

/**
 * `litrev label` in ranked order in an 80x24 terminal: the position and title stay on screen while a
 * long abstract scrolls, the labels of the first two papers (one of each kind) bring the likely
 * relevant papers forward, and the progress and stopping lines show what is left.
 */
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'bin/litrev.js');
const tmux = tmuxSession(`litrev-label-ranked-${process.pid}`, 'ranked');

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima', 'mike', 'november', 'oscar', 'papa', 'quebec'];
/** A long abstract on `topic`, its words different for every paper (so no two papers look like duplicates). */
const LONG = (topic: string, paper: number) =>
  Array.from({ length: 14 }, (_, k) => {
    const w = (j: number) => WORDS[(paper * 7 + k * 3 + j) % WORDS.length];
    return `Study ${paper} finding ${k + 1} on ${topic}: ${w(0)} ${w(1)} ${w(2)} conditions change the ${w(3)} outcome.`;
  }).join(' ');

/** 12 papers on KV cache compression (relevant) and 18 on protein folding (not), each with a long abstract. */
function corpusCsv(): string {
  const rows = ['title,abstract'];
  for (let i = 0; i < 30; i++) {
    const kv = i % 5 === 0 || i % 5 === 3;
    const title = kv ? `KV cache compression for language model serving, part ${i}` : `Protein folding with lattice models, part ${i}`;
    rows.push(`"${title}","${LONG(kv ? 'key-value cache compression in transformer inference' : 'protein structure and folding energy landscapes', i)}"`);
  }
  return `${rows.join('\n')}\n`;
}

let cwd = '';
beforeAll(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'litrev-ranked-'));
  await writeFile(path.join(cwd, 'papers.csv'), corpusCsv());
  const ingest = await runCli(['ingest', 'papers.csv'], { cwd });
  expect(ingest.code, ingest.stderr).toBe(0);
});
afterAll(async () => {
  if (cwd) await rm(cwd, { recursive: true, force: true });
});

describe.skipIf(!hasTmux)('litrev label, ranked, at 80x24 (skipped when tmux is not installed)', () => {
  afterEach(() => tmux.kill());

  it('keeps position and title visible, scrolls the abstract, ranks by the labels and shows the estimate and the stopping rule', async () => {
    const script =
      `env -u CI -u CONTINUOUS_INTEGRATION TERM=xterm-256color ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} ` +
      `label --out screening.jsonl --seed 2; echo "[exit $?]"; sleep 120`;
    tmux.run('new-session', '-d', '-s', 'ranked', '-x', '80', '-y', '24', '-c', cwd, 'sh', '-c', script);
    const first = await tmux.waitForScreen((s) => s.includes('[1/30]'), 'first paper');
    const lines = first.split('\n');
    expect(lines[0]).toContain('litrev label');
    expect(lines[0]).toContain('ranked order');
    expect(first).toMatch(/part \d+/);
    expect(first).toMatch(/lines 1-\d+ of \d+/);
    expect(first).toContain('Keys label the paper shown and stay on it');
    expect(first).toMatch(/Keep going: 0 of 30 in a row without a relevant paper/);
    expect(lines.every((l) => l.length <= 80)).toBe(true);

    tmux.run('send-keys', '-t', 'ranked', '-l', 'jj');
    const scrolled = await tmux.waitForScreen((s) => /lines 3-\d+ of/.test(s), 'scrolled abstract');
    expect(scrolled).toContain('[1/30]');
    expect(scrolled).toMatch(/part \d+/);

    // Label every paper by what its title says, moving on after each.
    const decide = (text: string) => (/KV cache compression/.test(text) ? 'i' : 'e');
    let screen = scrolled;
    const kinds: string[] = [];
    for (let position = 1; position <= 30; position++) {
      const key = decide(screen);
      kinds.push(key);
      tmux.run('send-keys', '-t', 'ranked', '-l', key);
      screen = await tmux.waitForScreen((s) => s.includes(`[${position}/30]`) && s.includes(`${position}/30 labelled`), `label ${position}`);
      if (position === 2) expect(screen).toMatch(/2\/30 labelled · \d relevant · left: estimated after 20 labels/);
      if (position === 20) expect(screen).toMatch(/20\/30 labelled · \d+ relevant · ~\d+ left \(estimate\)/);
      if (position < 30) {
        tmux.run('send-keys', '-t', 'ranked', '-l', 'n');
        screen = await tmux.waitForScreen((s) => s.includes(`[${position + 1}/30]`), `paper ${position + 1}`);
      }
    }
    expect(screen).toContain('30/30 labelled · 12 relevant · ~0 left (estimate)');
    expect(screen).toMatch(/You may stop/);
    expect(screen).toContain('types 1 method 2 system 3 benchmark 4 survey 5 theory 6 empirical 7 position');
    // Once one paper of each kind was labelled, the model showed every KV cache paper before the rest.
    const known = Math.max(kinds.indexOf('i'), kinds.indexOf('e'));
    expect(kinds.slice(known + 1).join('')).toMatch(/^i*e*$/);
    const position = 31;
    tmux.run('send-keys', '-t', 'ranked', '-l', 'q');
    const after = await tmux.waitForScreen((s) => s.includes('[exit'), 'exit');
    expect(after).toMatch(new RegExp(`^${position - 1} of 30 papers labelled in screening\\.jsonl$`, 'm'));
    expect(after).toContain('[exit 0]');
  });
});
