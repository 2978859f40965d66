import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/corpus/ingest.js';
import { renderReferencesBib } from '../../src/report/references-bib.js';
import { tempDir, tempFiles } from '../corpus/support.js';
import { runCli } from '../support/run-cli.js';

const ABS = (what: string) => `We study ${what} in large language model serving and report a 2x throughput gain over the baseline.`;

const BIB = `@string{neurips = "Advances in Neural Information Processing Systems"}
@string{nips = neurips # " (NeurIPS)"}
@string(icml = {International Conference on Machine Learning})

@inproceedings{kwon2023paged,
  title = {Paged Attention for Serving},
  author = {Kwon, Woosuk and Li, Zhuohan},
  booktitle = nips,
  month = jun,
  year = 2023,
  abstract = {${ABS('paged attention')}}
}
@inproceedings{../../tmp/pwned,
  title = {A Path-Like Key},
  author = {Mallory, Eve},
  booktitle = icml,
  year = {2024},
  abstract = {${ABS('path-like keys')}}
}
@article{key"with'quotes,
  title = {Quotes {In} the Key & 100% Escaping_Test},
  author = {O'Brien, Pat},
  journal = {Journal of {\\"U}mlauts},
  year = {2022},
  abstract = {${ABS('quoted keys')}}
}
`;

/** pybtex (Debian's python3-pybtex) in strict mode, when installed: an independent BibTeX parser. */
function pybtex(): string | null {
  for (const python of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(python, ['-c', 'import pybtex'], { stdio: 'ignore' });
      return python;
    } catch {
      // not installed here
    }
  }
  return null;
}

describe('references.bib', () => {
  it('carries the @string macros its entries use, gives unsafe keys a safe one (original kept), and parses strictly', async () => {
    const dir = await tempFiles({ 'refs.bib': BIB });
    const report = await ingestPaths(['refs.bib'], { cwd: dir });
    expect(report.papers).toHaveLength(3);
    const keys = report.papers.map((p) => p.key);
    expect(keys).toContain('kwon2023paged');
    for (const k of keys) expect(k).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_:.+-]*$/);
    expect(report.warnings.filter((w) => w.includes('not a valid citation key'))).toHaveLength(2);
    const bib = renderReferencesBib(report.papers);
    expect(bib).toContain('@string{neurips = "Advances in Neural Information Processing Systems"}');
    expect(bib).toContain('@string{nips = neurips # " (NeurIPS)"}');
    expect(bib.indexOf('@string{neurips')).toBeLessThan(bib.indexOf('@string{nips'));
    expect(bib).toContain('originalkey = {../../tmp/pwned}');
    expect(bib).toContain(`originalkey = {key"with'quotes}`);

    // The bundled parser: no errors, every key, macros expanded.
    const { parse } = await import('@retorquere/bibtex-parser');
    const lib = parse(bib, { english: false, sentenceCase: false });
    expect(lib.errors).toEqual([]);
    expect(lib.entries.map((e) => e.key).sort()).toEqual([...keys].sort());
    expect(lib.entries.find((e) => e.key === 'kwon2023paged')!.fields.booktitle).toBe('Advances in Neural Information Processing Systems (NeurIPS)');
  });

  // Reported as skipped, not passed, where pybtex is not installed.
  const python = pybtex();
  it.skipIf(python === null)('parses strictly with pybtex, an independent BibTeX parser (python3-pybtex)', async () => {
    const dir = await tempFiles({ 'refs.bib': BIB });
    const report = await ingestPaths(['refs.bib'], { cwd: dir });
    const keys = report.papers.map((p) => p.key);
    const file = path.join(dir, 'references.bib');
    await writeFile(file, renderReferencesBib(report.papers));
    const script = [
      'import sys',
      'from pybtex.database.input import bibtex',
      'from pybtex import errors',
      'errors.strict = True',
      'db = bibtex.Parser().parse_file(sys.argv[1])',
      'print("\\n".join(sorted(db.entries.keys())))',
      'print(db.entries["kwon2023paged"].fields["booktitle"])',
    ].join('\n');
    const out = execFileSync(python!, ['-c', script, file], { encoding: 'utf8' }).trim().split('\n');
    expect(out.slice(0, 3)).toEqual([...keys].sort());
    expect(out[3]).toBe('Advances in Neural Information Processing Systems (NeurIPS)');
  });

  it('a review cites every paper, unsafe keys included, and references.bib holds each cited key', async () => {
    const cwd = await tempDir();
    await writeFile(path.join(cwd, 'refs.bib'), BIB);
    const { code } = await runCli(['review', 'refs.bib', '--offline', '--out', 'out', '--json'], { cwd });
    expect(code).toBe(0);
    const md = await readFile(path.join(cwd, 'out', 'review.md'), 'utf8');
    const bib = await readFile(path.join(cwd, 'out', 'references.bib'), 'utf8');
    const cited = new Set([...md.matchAll(/@([A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*)/g)].map((m) => m[1]!.replace(/[.:]+$/, '')));
    expect(cited.size).toBe(3);
    for (const key of cited) expect(bib).toContain(`{${key},`);
    expect(existsSync(path.join(cwd, 'tmp', 'pwned'))).toBe(false);
  });
});
