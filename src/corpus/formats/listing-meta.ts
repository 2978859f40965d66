import { month } from '../dates.js';

/**
 * Page chrome and per-paper metadata lines of scraped paper-listing pages (the Hugging Face papers pages
 * of the example corpus and pages like them).
 */

/** Lines that are page furniture, compared trimmed and lower-cased. */
const CHROME = new Set([
  'new',
  'get trending papers in your email inbox!',
  'get trending papers in your email inbox once a day!',
  'subscribe',
  'daily papers',
  'byak and the research community',
  'trending papers',
  'submitted by',
  'upvote',
]);

/** Chrome that only a listing page has; used to recognise one. */
const DISTINCTIVE = /^(get trending papers in your email inbox|byak and the research community$|daily papers$)/i;

/** A chrome phrase glued to the first title by the scraper (`SubscribeKV-Edit: ...`). */
const GLUED = /^(Get trending papers in your email inbox(?: once a day)?!|Subscribe|Daily Papers|byAK and the research community)(?=[A-Z0-9])/;

const AUTHORS = /^\s*•\s*(\d+)\s+authors?\s*$/i;
const SEPARATOR = /^\s*[·•]\s*$/;
const DATE = /^([A-Z][a-z]{2})\s+(\d{1,2})(?:,\s*(\d{4}))?(?:\s+(\d+))?$/;

export function isChrome(line: string): boolean {
  return CHROME.has(line.trim().toLowerCase());
}

export function isDistinctiveChrome(line: string): boolean {
  return DISTINCTIVE.test(line.trim());
}

/** The line without a chrome phrase glued to its start, or null when nothing is glued. */
export function unglue(line: string): string | null {
  const m = GLUED.exec(line.trim());
  return m ? line.trim().slice(m[0].length) : null;
}

/** What a metadata line says. `dateText` is the date as printed; `date`/`year` only when the year is printed. */
export interface ListingMeta {
  authorCount?: number;
  dateText?: string;
  date?: string;
  year?: number;
  upvotes?: number;
}

/** `• 6 authors`, `·`, `Oct 20, 2025 5` (date + upvotes), `Mar 20`: parsed, or null for any other line. */
export function parseMetaLine(line: string): ListingMeta | 'separator' | null {
  const t = line.trim();
  const authors = AUTHORS.exec(t);
  if (authors) return { authorCount: Number(authors[1]) };
  if (SEPARATOR.test(t)) return 'separator';
  return parseListingDate(t);
}

/** A listing date with optional year and trailing upvote count. */
export function parseListingDate(t: string): ListingMeta | null {
  const m = DATE.exec(t);
  if (!m) return null;
  const mon = month(m[1]!);
  const day = Number(m[2]);
  if (!mon || day < 1 || day > 31) return null;
  const meta: ListingMeta = { dateText: m[3] ? `${m[1]} ${day}, ${m[3]}` : `${m[1]} ${day}` };
  if (m[3]) {
    meta.year = Number(m[3]);
    meta.date = `${m[3]}-${String(mon).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  if (m[4]) meta.upvotes = Number(m[4]);
  return meta;
}

/** True when the text carries listing-page chrome or per-paper metadata lines. */
export function looksLikeListing(text: string): boolean {
  const lines = text.slice(0, 65_536).split('\n');
  let distinctive = 0;
  let meta = 0;
  for (const l of lines) {
    if (isDistinctiveChrome(l) || unglue(l) !== null) distinctive++;
    if (AUTHORS.test(l)) meta++;
  }
  return distinctive >= 1 || meta >= 2;
}
