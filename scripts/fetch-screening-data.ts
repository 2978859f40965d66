/**
 * Copy the public screening corpora the screening benchmark uses out of a local git mirror of
 * github.com/asreview/systematic-review-datasets into data/screening/ (git-ignored): one CSV per
 * corpus with the columns citationKey, title, abstract, relevant (1 or 0), which `litrev ingest` and
 * `litrev label --simulate` read as they are.
 *
 *   npm run fetch:screening-data                  # mirror at the default path
 *   npm run fetch:screening-data -- /path/to/repo # a clone or bare mirror of the repository
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DATA_DIR, DATASETS, DEFAULT_MIRROR } from './screening/datasets.js';

const mirror = process.argv[2] ?? DEFAULT_MIRROR;
if (!existsSync(mirror)) {
  console.error(`no mirror of asreview/systematic-review-datasets at ${mirror}.
Clone it (git clone https://github.com/asreview/systematic-review-datasets) and run
  npm run fetch:screening-data -- PATH-OF-THE-CLONE`);
  process.exit(3);
}

const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const out = path.resolve(DATA_DIR);
mkdirSync(out, { recursive: true });
let failed = 0;
for (const d of DATASETS) {
  const show = spawnSync('git', ['--git-dir', gitDir(mirror), 'show', `HEAD:${d.path}`], { maxBuffer: 1 << 28 });
  if (show.status !== 0) {
    console.error(`${d.name}: cannot read ${d.path} from the mirror (${show.stderr.toString().trim().split('\n')[0]})`);
    failed++;
    continue;
  }
  const rows = parse(show.stdout, { columns: true, bom: true, relax_column_count: true }) as Record<string, string>[];
  const lines = ['citationKey,title,abstract,relevant'];
  let relevant = 0;
  for (const r of rows) {
    const label = r[d.labelColumn] === '1' ? 1 : 0;
    relevant += label;
    lines.push([`${d.name}-${r.record_id}`, r.title ?? '', r.abstract ?? '', String(label)].map(cell).join(','));
  }
  writeFileSync(path.join(out, `${d.name}.csv`), `${lines.join('\n')}\n`);
  console.log(`${d.name}: ${rows.length} records, ${relevant} relevant (${d.labelColumn})`);
}
console.log(`${DATASETS.length - failed} of ${DATASETS.length} corpora in ${path.relative(process.cwd(), out) || out}`);
process.exit(failed ? 1 : 0);

/** A bare mirror is the git directory itself; a clone keeps it in .git. */
function gitDir(p: string): string {
  return existsSync(path.join(p, '.git')) ? path.join(p, '.git') : p;
}
