import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError, errorMessage } from '../errors.js';
import type { CriteriaSet, Criterion, CriterionKind } from './criteria.js';

const HINT =
  'a criteria file lists inclusion and exclusion criteria, each with an id and one sentence: YAML ' +
  '(inclusion: [{ id: I1, text: "...", terms: [...] }], exclusion: [...]) or Markdown (## Inclusion / ## Exclusion, then "- I1: sentence")';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function fail(file: string, problem: string): never {
  throw new ConfigError(`criteria file ${file}: ${problem}`, HINT);
}

/** Read and check a criteria file (YAML or Markdown, told apart by extension, else by a Markdown heading). */
export async function parseCriteriaFile(file: string): Promise<CriteriaSet> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read criteria file ${file}: ${errorMessage(err)}`);
  }
  return parseCriteriaText(text, file);
}

export function parseCriteriaText(text: string, file: string): CriteriaSet {
  const ext = path.extname(file).toLowerCase();
  const markdown = ext === '.md' || ext === '.markdown' || (ext !== '.yaml' && ext !== '.yml' && /^#{1,6}\s/m.test(text));
  const criteria = markdown ? fromMarkdown(text, file) : fromYaml(text, file);
  if (!criteria.some((c) => c.kind === 'inclusion') && !criteria.some((c) => c.kind === 'exclusion')) fail(file, 'no criteria found');
  const seen = new Set<string>();
  for (const c of criteria) {
    if (!ID.test(c.id)) fail(file, `criterion id "${c.id}" must be letters, digits, "_", "." or "-"`);
    if (seen.has(c.id.toLowerCase())) fail(file, `criterion id "${c.id}" appears twice`);
    seen.add(c.id.toLowerCase());
    if (c.text.trim() === '') fail(file, `criterion ${c.id} has no sentence`);
  }
  return { source: file, criteria };
}

function fromYaml(text: string, file: string): Criterion[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    fail(file, `not valid YAML (${errorMessage(err).split('\n')[0]})`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) fail(file, 'expected a mapping with "inclusion" and/or "exclusion" lists');
  const d = doc as Record<string, unknown>;
  const unknown = Object.keys(d).filter((k) => !['inclusion', 'include', 'exclusion', 'exclude'].includes(k.toLowerCase()));
  if (unknown.length) fail(file, `unknown key "${unknown[0]}" (expected inclusion, exclusion)`);
  const list = (kind: CriterionKind, ...keys: string[]) => {
    const key = Object.keys(d).find((k) => keys.includes(k.toLowerCase()));
    return key === undefined ? [] : yamlList(d[key], kind, file);
  };
  return [...list('inclusion', 'inclusion', 'include'), ...list('exclusion', 'exclusion', 'exclude')];
}

function yamlList(value: unknown, kind: CriterionKind, file: string): Criterion[] {
  const prefix = kind === 'inclusion' ? 'I' : 'E';
  const entries: unknown[] = Array.isArray(value)
    ? value
    : value && typeof value === 'object'
      ? Object.entries(value).map(([id, text]) => (typeof text === 'string' ? { id, text } : { id, ...(text as object) }))
      : fail(file, `"${kind}" must be a list`);
  return entries.map((e, i) => {
    if (typeof e === 'string') return fromLine(e, kind, `${prefix}${i + 1}`);
    if (!e || typeof e !== 'object') fail(file, `${kind} entry ${i + 1} is not a criterion`);
    const o = e as Record<string, unknown>;
    const text = typeof o.text === 'string' ? o.text : typeof o.sentence === 'string' ? o.sentence : fail(file, `${kind} entry ${i + 1} has no "text"`);
    const terms = o.terms === undefined ? [] : Array.isArray(o.terms) ? o.terms.map(String) : fail(file, `${kind} entry ${i + 1}: "terms" must be a list`);
    const id = o.id === undefined ? `${prefix}${i + 1}` : String(o.id);
    return { id, kind, text: text.trim(), terms: cleanTerms(terms) };
  });
}

/** `I1: sentence [terms: a, b]` or `sentence` (then the id is the fallback). */
function fromLine(line: string, kind: CriterionKind, fallbackId: string): Criterion {
  let rest = line.trim();
  let terms: string[] = [];
  const t = /\s*\[terms?:\s*([^\]]*)\]\s*$/i.exec(rest);
  if (t) {
    terms = t[1]!.split(/[,;]/);
    rest = rest.slice(0, t.index);
  }
  const m = /^(?:\*\*)?([A-Za-z0-9][A-Za-z0-9_.-]{0,30})(?:\*\*)?\s*[:.)]\s+(.+)$/.exec(rest);
  const idLike = m && /\d|^[A-Z0-9_.-]+$/.test(m[1]!);
  return { id: idLike ? m[1]! : fallbackId, kind, text: (idLike ? m[2]! : rest).trim(), terms: cleanTerms(terms) };
}

function fromMarkdown(text: string, file: string): Criterion[] {
  const out: Criterion[] = [];
  let kind: CriterionKind | null = null;
  const counts = { inclusion: 0, exclusion: 0 };
  text.split(/\r?\n/).forEach((line, i) => {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      const h = heading[1]!.toLowerCase();
      kind = /exclu/.test(h) ? 'exclusion' : /inclu/.test(h) ? 'inclusion' : null;
      return;
    }
    const item = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (!item) return;
    if (!kind) fail(file, `line ${i + 1}: a criterion outside an "Inclusion" or "Exclusion" heading`);
    counts[kind] += 1;
    out.push(fromLine(item[1]!, kind, `${kind === 'inclusion' ? 'I' : 'E'}${counts[kind]}`));
  });
  return out;
}

function cleanTerms(terms: readonly string[]): string[] {
  return [...new Set(terms.map((t) => t.trim().toLowerCase()).filter(Boolean))];
}
