import { describe, expect, it } from 'vitest';
import { readBibtex } from '../../src/corpus/formats/bibtex.js';

const GOOD = '@article{good2020, title={A Good Paper}, author={Ada Lovelace}, year={2020}, abstract={We measure a thing carefully.}}\n';

/** `@string` macros that double 23 times: 745 bytes that expand to hundreds of megabytes. */
function doublingMacros(levels = 23): string {
  const lines = ['@string{m0 = "xxxxxxxxxxxxxxxx"}'];
  for (let i = 1; i <= levels; i++) lines.push(`@string{m${i} = m${i - 1} # m${i - 1}}`);
  lines.push(`@article{bomb2021, title=m${levels}, author={Mallory}, year={2021}, abstract={Boom.}}`);
  return `${lines.join('\n')}\n${GOOD}`;
}

describe('parser budgets: a hostile BibTeX file keeps its good entries and names the bad one', () => {
  it('macros that expand beyond the budget', async () => {
    const result = await readBibtex(doublingMacros(), 'bomb.bib');
    expect(result.records.map((r) => r.citationKey)).toContain('good2020');
    expect(result.records.map((r) => r.citationKey)).not.toContain('bomb2021');
    const said = result.issues.map((i) => i.reason).join('\n');
    expect(said).toMatch(/@string m\d+ expands beyond/);
    expect(said).toMatch(/entry "bomb2021".*beyond/);
  });

  it('an entry with 100,000 authors', async () => {
    const authors = Array.from({ length: 100_000 }, (_, i) => `Author${i}, A.`).join(' and ');
    const text = `${GOOD}@article{crowd2022, title={Crowd}, author={${authors}}, year={2022}, abstract={Many.}}\n@article{after2023, title={After}, year={2023}, abstract={Still read.}}\n`;
    const result = await readBibtex(text, 'crowd.bib');
    expect(result.records.map((r) => r.citationKey)).toEqual(['good2020', 'after2023']);
    expect(result.issues.map((i) => i.reason).join('\n')).toMatch(/line 2: entry "crowd2022" skipped: .*100,000 names/);
  });

  it('a macro used many times in one entry', async () => {
    const big = 'y'.repeat(60_000);
    const text = `@string{big = "${big}"}\n@article{wide, title = big # big # big # big # big # big # big # big # big # big # big # big, year={2020}, abstract={A.}}\n${GOOD}`;
    const result = await readBibtex(text, 'wide.bib');
    expect(result.records.map((r) => r.citationKey)).toEqual(['good2020']);
    expect(result.issues.map((i) => i.reason).join('\n')).toMatch(/entry "wide".*beyond/);
  });
});

describe('parser budgets in every format: list fields are bounded', () => {
  it('a RIS record with 50,000 authors keeps 1,000 of them, with a warning naming the record', async () => {
    const { ingestPaths } = await import('../../src/corpus/ingest.js');
    const { tempFiles } = await import('../corpus/support.js');
    const authors = Array.from({ length: 50_000 }, (_, i) => `AU  - Author${i}, A.`).join('\n');
    const ris = `TY  - JOUR\nTI  - Crowded Paper\n${authors}\nAB  - An abstract about many people.\nER  - \n`;
    const dir = await tempFiles({ 'crowd.ris': ris });
    const report = await ingestPaths(['crowd.ris'], { cwd: dir });
    expect(report.papers[0]!.authors).toHaveLength(1_000);
    expect(report.warnings.join('\n')).toMatch(/authors of 50,000 items cut to 1,000/);
  });
});
