/** A paper reference and its hand labels, as one row of a gold file gives them. */
export interface GoldRow {
  /** Where the row is: `file:line`. */
  where: string;
  ref: { key?: string; id?: string; doi?: string; title?: string };
  contributionType?: string;
  category?: string;
  /** true relevant, false not relevant; absent when the row does not say (or says unsure). */
  relevant?: boolean;
}

const YES = new Set(['yes', 'y', 'include', 'included', 'relevant', '1', 'true', 't']);
const NO = new Set(['no', 'n', 'exclude', 'excluded', 'irrelevant', 'not relevant', '0', 'false', 'f']);
const UNSURE = new Set(['', 'unsure', 'maybe', 'unclear', '?', 'na', 'n/a', 'null', 'none']);

/** Read a relevance cell: a boolean, `undefined` for "no label", or an error message. */
export function parseRelevant(value: unknown): { ok: true; value: boolean | undefined } | { ok: false; reason: string } {
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (typeof value === 'boolean') return { ok: true, value };
  if (typeof value === 'number' && (value === 0 || value === 1)) return { ok: true, value: value === 1 };
  const s = String(value).trim().toLowerCase();
  if (YES.has(s)) return { ok: true, value: true };
  if (NO.has(s)) return { ok: true, value: false };
  if (UNSURE.has(s)) return { ok: true, value: undefined };
  return { ok: false, reason: `"relevant" is "${String(value)}" (expected yes/no, include/exclude, 1/0, true/false)` };
}

const REF_FIELDS = ['key', 'id', 'doi', 'title'] as const;
const FIELD_ALIASES: Record<string, string> = {
  key: 'key',
  citationkey: 'key',
  id: 'id',
  paperid: 'id',
  doi: 'doi',
  title: 'title',
  contributiontype: 'contributionType',
  contribution: 'contributionType',
  type: 'contributionType',
  category: 'category',
  relevant: 'relevant',
  relevance: 'relevant',
  decision: 'relevant',
  include: 'relevant',
  included: 'relevant',
};

/** The canonical field a column name stands for (case, spaces, `_` and `-` ignored), or null. */
export function canonicalField(column: string): string | null {
  return FIELD_ALIASES[column.toLowerCase().replace(/[\s_-]+/g, '')] ?? null;
}

/**
 * One gold row from a record of column -> value. A row must name its paper (key, id, doi or title)
 * and carry at least one label; otherwise the reason says what is missing.
 */
export function goldRowFrom(record: Record<string, unknown>, where: string): { row: GoldRow } | { reason: string } {
  const fields: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(record)) {
    const name = canonicalField(column);
    if (name && fields[name] === undefined) fields[name] = value;
  }
  const ref: GoldRow['ref'] = {};
  for (const f of REF_FIELDS) {
    const v = text(fields[f]);
    if (v) ref[f] = v;
  }
  if (Object.keys(ref).length === 0) return { reason: `${where}: no key, id, doi or title to name the paper` };
  const relevant = parseRelevant(fields.relevant);
  if (!relevant.ok) return { reason: `${where}: ${relevant.reason}` };
  const row: GoldRow = { where, ref };
  const type = text(fields.contributionType);
  const category = text(fields.category);
  if (type) row.contributionType = type;
  if (category) row.category = category;
  if (relevant.value !== undefined) row.relevant = relevant.value;
  return { row };
}

function text(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}
