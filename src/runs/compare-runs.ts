import { citedKeys } from '../verify/citation-keys.js';
import { diffClaims } from './claims-diff.js';
import { compareAccounting } from './compare-accounting.js';
import { compareClassification } from './compare-classification.js';
import { isAnnotated } from './primary-category.js';
import type { RunPaper, RunRecord } from './run-record.js';
import type { PaperChange, PaperRef, RunComparison, RunSide } from './run-comparison.js';
import { diffReviewSections } from './section-diff.js';

export type { RunComparison } from './run-comparison.js';
export { renderComparison } from './render-comparison.js';

/**
 * Compare two runs (A the baseline, B the other): category agreement, changed papers, claims,
 * citations, verification, requests, tokens, cost, prompts and the review text, section by section.
 * Pure: reads nothing from disk.
 */
export function compareRuns(a: RunRecord, b: RunRecord): RunComparison {
  const byIdB = new Map(b.papers.map((p) => [p.id, p]));
  const byIdA = new Map(a.papers.map((p) => [p.id, p]));
  const both = a.papers.filter((p) => byIdB.has(p.id)).map((p) => [p, byIdB.get(p.id)!] as const);
  return {
    a: side(a),
    b: side(b),
    sameCorpus: a.manifest.corpusHash !== '' && a.manifest.corpusHash === b.manifest.corpusHash,
    ...compareClassification(a, b),
    statusChanges: both.filter(([pa, pb]) => pa.status !== pb.status).map(([pa, pb]) => change(pa, pa.status, pb.status)),
    papersOnlyInA: a.papers.filter((p) => !byIdB.has(p.id)).map(ref),
    papersOnlyInB: b.papers.filter((p) => !byIdA.has(p.id)).map(ref),
    claims: claimChanges(both),
    citations: citationChanges(a.reviewText, b.reviewText),
    ...compareAccounting(a, b),
    sections: diffReviewSections(a.reviewText, b.reviewText),
    warnings: [...new Set([...a.warnings, ...b.warnings])],
  };
}

function side(run: RunRecord): RunSide {
  const m = run.manifest;
  const annotated = run.papers.filter(isAnnotated).length;
  return {
    runId: m.runId,
    dir: run.dir,
    createdAt: m.createdAt,
    engine: m.engine,
    model: m.model,
    corpusHash: m.corpusHash,
    papers: run.papers.length > 0 ? run.papers.length : m.counts.papers,
    annotated: run.papers.length > 0 ? annotated : m.counts.annotated,
    failed: run.papers.length > 0 ? run.papers.length - annotated : m.counts.failed,
  };
}

function claimChanges(both: readonly (readonly [RunPaper, RunPaper])[]): RunComparison['claims'] {
  const papers: RunComparison['claims']['papers'] = [];
  let added = 0;
  let removed = 0;
  for (const [pa, pb] of both) {
    if (!isAnnotated(pa) || !isAnnotated(pb)) continue;
    const d = diffClaims(pa.claims, pb.claims);
    if (d.added.length === 0 && d.removed.length === 0) continue;
    added += d.added.length;
    removed += d.removed.length;
    papers.push({ ...ref(pa), added: d.added, removed: d.removed });
  }
  return { added, removed, papers };
}

function citationChanges(reviewA: string | null, reviewB: string | null): RunComparison['citations'] {
  const keysA = new Set(citedKeys(reviewA ?? ''));
  const keysB = new Set(citedKeys(reviewB ?? ''));
  const common = [...keysA].filter((k) => keysB.has(k)).length;
  return {
    a: keysA.size,
    b: keysB.size,
    common,
    onlyInA: [...keysA].filter((k) => !keysB.has(k)).sort(),
    onlyInB: [...keysB].filter((k) => !keysA.has(k)).sort(),
  };
}

function ref(p: RunPaper): PaperRef {
  return { id: p.id, key: p.key, title: p.title };
}

function change(p: RunPaper, from: string, to: string): PaperChange {
  return { ...ref(p), from, to };
}
