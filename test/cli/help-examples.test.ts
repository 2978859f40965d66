import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands/index.js';

/**
 * Every example a command's --help prints runs as printed, offline and with no model: in a fresh
 * workspace holding the repository's examples/ and the few files of one's own the examples name
 * (refs.bib, export.ris, sheet.csv, gold labels) and two earlier runs (runs/A, runs/B). The examples
 * run in the order --help lists them, commands in the order of `litrev --help`, as a newcomer would
 * try them. `label` is left out: it needs a terminal (its own tmux test drives it).
 */
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'bin/litrev.js');
const run = promisify(execFile);

const FILES: Record<string, string> = {
  'refs.bib': `@article{doe2024sparse, title={Sparse attention for long documents}, author={Doe, Jane}, year={2024},
  abstract={We propose a sparse attention for large language models that reduces inference memory by 40% on long documents.}}
`,
  'export.ris': `TY  - JOUR
TI  - Paged key-value caches for serving language models
AU  - Roe, Richard
PY  - 2025
AB  - We page the key-value cache of a language model serving system; throughput rises by 2x at the same latency.
ER  -
`,
  'sheet.csv': 'Paper Name,Summary text\n"Quantised KV caches","We quantise the key-value cache of a transformer to 2 bits; perplexity rises by 0.1 at most."\n',
  'labels.jsonl': '{"title":"Sparse attention for long documents","relevant":"yes"}\n{"title":"Paged key-value caches for serving language models","relevant":"no"}\n',
  'gold.csv': 'title,relevant\nSparse attention for long documents,yes\nPaged key-value caches for serving language models,no\n',
};

/** The words of an example as a shell would pass them (double quotes grouped and removed). */
function words(line: string): string[] {
  return [...line.matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((m) => m[0].replace(/"/g, ''));
}

/** The examples of a command as its --help prints them. */
async function helpExamples(name: string, cwd: string): Promise<string[]> {
  const { stdout } = await cli([name, '--help'], cwd);
  const section = stdout.split('\nExamples:\n')[1] ?? '';
  return section.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('litrev '));
}

const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(OPENAI_|LITREV_)/.test(k) && k !== 'CI'));
const cli = (args: string[], cwd: string) => run(process.execPath, [CLI, ...args], { cwd, env: { ...env, LITREV_CACHE_DIR: path.join(cwd, 'cache') }, maxBuffer: 64 * 1024 * 1024 });

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(path.join(os.tmpdir(), 'litrev-help-examples-'));
  await symlink(path.join(ROOT, 'examples'), path.join(cwd, 'examples'));
  for (const [file, text] of Object.entries(FILES)) await writeFile(path.join(cwd, file), text);
  for (const out of ['runs/A', 'runs/B']) await cli(['review', 'refs.bib', 'export.ris', '--offline', '--plain', '--out', out], cwd);
}, 120_000);
afterAll(() => rm(cwd, { recursive: true, force: true }));

describe('every example of every --help runs', () => {
  it('as printed, offline, in a fresh workspace', async () => {
    const tried: string[] = [];
    for (const spec of commands.filter((c) => c.name !== 'label')) {
      for (const example of await helpExamples(spec.name, cwd)) {
        const result = await cli(words(example).slice(1), cwd).then(
          () => 'ok',
          (err: { code?: number; stderr?: string }) => `exit ${err.code}: ${err.stderr?.trim()}`,
        );
        expect(result, example).toBe('ok');
        tried.push(example);
      }
    }
    expect(tried.length).toBeGreaterThanOrEqual(10);
  }, 300_000);
});
