import type { Claim } from '../review/annotation.js';
import type { RunPaper, RunScreening, RunTaxonomy, RunTaxonomyCategory } from './run-record.js';
import { isRecord, parseJson } from '../fs/read-text-file.js';

/** Parse papers.jsonl: bad lines are skipped with a reason naming the file and line; the rest is kept. */
export function parsePapersJsonl(text: string, file: string): { papers: RunPaper[]; warnings: string[] } {
  const papers: RunPaper[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${file}:${index + 1}`;
    const json = parseJson(line);
    if (!json.ok) return void warnings.push(`${where}: skipped, ${json.reason}`);
    const paper = toPaper(json.value);
    if (!paper) return void warnings.push(`${where}: skipped, not a paper record (no string "id" or "key")`);
    if (seen.has(paper.id)) return void warnings.push(`${where}: skipped, paper id "${paper.id}" appears twice`);
    seen.add(paper.id);
    papers.push(paper);
  });
  return { papers, warnings };
}

function toPaper(value: unknown): RunPaper | null {
  if (!isRecord(value)) return null;
  const id = nonEmpty(value.id) ?? nonEmpty(value.key);
  if (id === null) return null;
  const paper: RunPaper = {
    id,
    key: nonEmpty(value.key) ?? id,
    title: str(value.title),
    category: nonEmpty(value.category),
    categoryId: nonEmpty(value.categoryId) ?? nonEmpty(value.category_id),
    contributionType: nonEmpty(value.contributionType) ?? nonEmpty(value.contribution_type),
    methodFamily: str(value.methodFamily ?? value.method_family),
    methodSummary: str(value.methodSummary ?? value.method_summary),
    claims: Array.isArray(value.claims) ? value.claims.flatMap(toClaim) : [],
    status: nonEmpty(value.status) ?? 'ok',
  };
  const error = nonEmpty(value.error);
  if (error !== null) paper.error = error;
  const doi = nonEmpty(value.doi);
  if (doi !== null) paper.doi = doi;
  const screening = toScreening(value.screening);
  if (screening) paper.screening = screening;
  return paper;
}

/** The criteria screening of a papers.jsonl line: its decision, how many answers were unclear, what excluded it. */
function toScreening(value: unknown): RunScreening | null {
  if (!isRecord(value) || (value.decision !== 'include' && value.decision !== 'exclude')) return null;
  const answers = Array.isArray(value.answers) ? value.answers.filter(isRecord) : [];
  return {
    decision: value.decision,
    unclear: answers.filter((a) => a.answer === 'unclear').length,
    excludedBy: strings(value.excludedBy),
  };
}

function toClaim(value: unknown): Claim[] {
  if (!isRecord(value)) return [];
  const claim: Claim = {
    text: str(value.text),
    quote: str(value.quote),
    quantitative: value.quantitative === true,
    metric: nonEmpty(value.metric),
    value: typeof value.value === 'number' ? String(value.value) : nonEmpty(value.value),
    baseline: nonEmpty(value.baseline),
  };
  return claim.text === '' && claim.quote === '' ? [] : [claim];
}

/** Parse taxonomy.json leniently; null with a reason when it holds no category list. */
export function parseTaxonomy(value: unknown, file: string): { taxonomy: RunTaxonomy | null; warnings: string[] } {
  if (!isRecord(value) || !Array.isArray(value.categories)) {
    return { taxonomy: null, warnings: [`${file}: ignored, no "categories" list`] };
  }
  const warnings: string[] = [];
  const categories: RunTaxonomyCategory[] = [];
  value.categories.forEach((c, i) => {
    const category = toCategory(c);
    if (category) categories.push(category);
    else warnings.push(`${file}: category ${i + 1} ignored (no "id" or "name")`);
  });
  return { taxonomy: { source: str(value.source) || 'unknown', categories }, warnings };
}

function toCategory(value: unknown): RunTaxonomyCategory | null {
  if (!isRecord(value)) return null;
  const id = nonEmpty(value.id) ?? nonEmpty(value.name);
  const name = nonEmpty(value.name) ?? nonEmpty(value.id);
  if (id === null || name === null) return null;
  return { id, name, definition: str(value.definition), paperIds: strings(value.paperIds), keys: strings(value.keys) };
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
function nonEmpty(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}
function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
