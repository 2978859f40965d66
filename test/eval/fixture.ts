import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A small labelled fixture whose figures are computed by hand in eval-metrics.test.ts.
 * p1..p10 were annotated (type, category); p11..p14 were screened out by the run.
 */
export const RUN_PAPERS = [
  { id: 'p1', key: 'ann2024a', title: 'Alpha: Fast Attention', doi: '10.1234/alpha', contributionType: 'method', category: 'x', status: 'ok' },
  { id: 'p2', key: 'bob2024b', title: 'Beta Caches', contributionType: 'method', category: 'x', status: 'ok' },
  { id: 'p3', key: 'cy2024c', title: 'Gamma Pruning', contributionType: 'method', category: 'y', status: 'ok' },
  { id: 'p4', key: 'dee2024d', title: 'Delta Decoding', contributionType: 'survey', category: 'y', status: 'ok' },
  { id: 'p5', key: 'eve2024e', title: 'Epsilon Survey', contributionType: 'survey', category: 'y', status: 'ok' },
  { id: 'p6', key: 'fay2024f', title: 'Zeta Overview', contributionType: 'survey', category: 'y', status: 'ok' },
  { id: 'p7', key: 'gus2024g', title: 'Eta Review', contributionType: 'method', category: 'y', status: 'ok' },
  { id: 'p8', key: 'hal2024h', title: 'Theta Bench', contributionType: 'benchmark-or-dataset', category: 'x', status: 'ok' },
  { id: 'p9', key: 'ivy2024i', title: 'Iota Bench', contributionType: 'benchmark-or-dataset', category: 'x', status: 'ok' },
  { id: 'p10', key: 'jo2024j', title: 'Kappa Dataset', contributionType: 'benchmark-or-dataset', category: 'x', status: 'ok' },
  { id: 'p11', key: 'kim2024k', title: 'Lambda Relevant But Excluded', status: 'excluded' },
  { id: 'p12', key: 'lee2024l', title: 'Mu Off Topic', status: 'excluded' },
  { id: 'p13', key: 'max2024m', title: 'Nu Off Topic', status: 'excluded' },
  { id: 'p14', key: 'ned2024n', title: 'Xi Off Topic', status: 'excluded' },
];

/**
 * Gold rows naming papers by key, id, doi and title (one with another case and punctuation), plus one
 * row naming no paper of the run. Types: method p1-p4, survey p5-p7, benchmark p8-p10.
 */
export const GOLD_JSONL = [
  { doi: 'https://doi.org/10.1234/ALPHA', contributionType: 'method', category: 'A', relevant: 'yes' },
  { key: 'bob2024b', contributionType: 'method', category: 'A', relevant: 'include' },
  { id: 'p3', contributionType: 'method', category: 'A', relevant: 1 },
  { title: 'delta decoding!', contributionType: 'method', category: 'B', relevant: true },
  { key: 'eve2024e', contributionType: 'survey', category: 'B', relevant: 'no' },
  { key: 'fay2024f', contributionType: 'survey', category: 'B', relevant: 'exclude' },
  { key: 'gus2024g', contributionType: 'survey' },
  { key: 'hal2024h', contributionType: 'benchmark-or-dataset' },
  { key: 'ivy2024i', contributionType: 'benchmark-or-dataset' },
  { key: 'jo2024j', contributionType: 'benchmark-or-dataset' },
  { key: 'kim2024k', relevant: 'yes' },
  { key: 'lee2024l', relevant: 'no' },
  { key: 'max2024m', relevant: 0 },
  { key: 'ned2024n', relevant: false },
  { title: 'A paper nobody ran', relevant: 'yes' },
]
  .map((r) => JSON.stringify(r))
  .join('\n');

/** Write a finished run folder holding `papers` (a run.json and papers.jsonl are enough for eval). */
export async function writeRunFolder(dir: string, runId: string, papers: readonly object[], extra: Record<string, unknown> = {}): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'run.json'), JSON.stringify({ formatVersion: 1, runId, createdAt: '2026-01-01T00:00:00.000Z', ...extra }));
  await writeFile(path.join(dir, 'papers.jsonl'), papers.map((p) => JSON.stringify(p)).join('\n') + '\n');
  return dir;
}
