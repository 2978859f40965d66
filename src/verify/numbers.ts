/**
 * Numbers as claims: extraction and normalisation, so that `1.9x`, `1.9×`, `1.9 times` and
 * `1.9$\times$` compare equal, as do `20%`, `20 %`, `20\%` and `20 percent`, `1,000` and `1000`,
 * `1M` and `1 million`. Digits that are part of a name (`GPT-4`, `GSM8K`, `FP16`, `Llama-2-7B`) are
 * not claims and are skipped.
 */
export type NumberUnit = '%' | 'x' | '';

export interface NumberMention {
  /** The number as written (after LaTeX clean-up), e.g. `1.9x`, `20 percent`. */
  raw: string;
  /** Numeric value with its scale applied (`1M` = 1000000). */
  value: number;
  unit: NumberUnit;
}

const SCALE: Record<string, number> = {
  k: 1e3, thousand: 1e3, m: 1e6, million: 1e6, b: 1e9, billion: 1e9, t: 1e12, trillion: 1e12,
};

/** Superscripts, subscripts and vulgar fractions keep their form: NFKC would turn `10⁴` into `104` and `½` into `1⁄2`. */
const KEEP_FORM = /[\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u209f\u2150-\u218f]/;
const NOT_KEPT = new RegExp(`[^${KEEP_FORM.source.slice(1, -1)}]+`, 'gu');
const OTHER_DIGIT = /(?![0-9])\p{Nd}/gu;

/**
 * A number written in any script reads as ASCII digits: NFKC folds fullwidth (`９９ｘ`) and mathematical
 * (`𝟗𝟗`) forms; the other decimal digits (`٩٩`, `९९`) take their digit value.
 */
export function asciiDigits(text: string): string {
  return text.replace(NOT_KEPT, (run) => run.normalize('NFKC')).replace(OTHER_DIGIT, (d) => String(digitValue(d.codePointAt(0)!)));
}

const isDigit = (codePoint: number): boolean => /\p{Nd}/u.test(String.fromCodePoint(codePoint));

/** Unicode lays each script's decimal digits out as contiguous runs from 0 to 9: the distance from the run's start. */
function digitValue(codePoint: number): number {
  let zero = codePoint;
  while (isDigit(zero - 1)) zero--;
  return (codePoint - zero) % 10;
}

/** Undo the LaTeX and typography that hide numbers: `$7.5\times$`, `41.81\%`, `10^{4}`, thin spaces, digits of other scripts. */
export function normalizeNumberText(text: string): string {
  return asciiDigits(text)
    .replace(/\\times|\\x\b|\\cdot/g, '×')
    .replace(/\\%/g, '%')
    .replace(/\\,|\\;|\\!|~|[\u2009\u202f\u00a0]/g, ' ')
    .replace(/[${}]/g, '')
    .replace(/[\u2212\u2013]/g, '-');
}

const NUMBER =
  /(\d{1,3}(?:,\d{3})+(?![\d])|\d+)(\.\d+)?(?:(\s?%|\s?(?:percent|per cent)\b|\s?×|x(?![A-Za-z])|\s(?:times|fold)\b|-fold\b)|(\s?(?:thousand|million|billion|trillion)\b|[kKMBbT](?![A-Za-z])))?/g;

/** Is the number at `index` part of a name (letters or `letters-` right before it)? */
function partOfName(text: string, index: number): boolean {
  const prev = text[index - 1];
  if (prev === undefined) return false;
  if (/[A-Za-z0-9_]/.test(prev)) return true;
  if (prev === '.' && /\d/.test(text[index - 2] ?? '')) return true;
  if (prev === '-' || prev === '/') {
    // Walk back over the hyphenated token: "Llama-2-7B" is a name, "2-3x" a range.
    let start = index - 1;
    while (start > 0 && /[A-Za-z0-9_.\-/]/.test(text[start - 1]!)) start--;
    return /[A-Za-z]/.test(text[start] ?? '');
  }
  return false;
}

function unitOf(suffix: string | undefined): NumberUnit {
  if (!suffix) return '';
  const s = suffix.trim().toLowerCase();
  if (s === '%' || s.startsWith('per')) return '%';
  return 'x';
}

/**
 * Every number in `text` that could be a claim, in order. With `inTokens` (for source texts), numbers inside
 * tokens (`Rank-1`, `Qwen2.5-7B`, `MATH-500`, `l_1`) are included too: a number a review takes from such a token
 * is then found in its source.
 */
export function extractNumbers(text: string, options: { inTokens?: boolean } = {}): NumberMention[] {
  const clean = normalizeNumberText(text);
  const mentions: NumberMention[] = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(clean); m !== null; m = NUMBER.exec(clean)) {
    if (!options.inTokens && partOfName(clean, m.index)) continue;
    const scaleWord = m[4]?.trim().toLowerCase();
    const scale = scaleWord ? (SCALE[scaleWord] ?? 1) : 1;
    const value = Number(m[1]!.replace(/,/g, '') + (m[2] ?? '')) * scale;
    if (!Number.isFinite(value)) continue;
    mentions.push({ raw: m[0].trim(), value, unit: unitOf(m[3]) });
  }
  return mentions;
}

function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Does `pool` (the numbers of a source text) support `mention`? Same value; a unit in the claim
 * must match the source's unit (a bare number matches any unit).
 */
export function numberSupported(mention: NumberMention, pool: readonly NumberMention[]): boolean {
  return pool.some((p) => sameValue(p.value, mention.value) && (mention.unit === '' || mention.unit === p.unit));
}

/**
 * The numbers a source supports: every number of its text, numbers inside tokens included, so that
 * "500 problems of MATH" is supported by an abstract saying "MATH-500". The prose check, the verification
 * report and the offline writer all take a paper's numbers from here: one rule, one verdict.
 */
export function sourceNumbers(text: string): NumberMention[] {
  return extractNumbers(text, { inTokens: true });
}

/** A paper's numbers: its title (a paper may be named by it, "MInference 1.0") and its abstract. */
export function paperNumbers(paper: { title: string; abstract: string }): NumberMention[] {
  return sourceNumbers(`${paper.title}\n${paper.abstract}`);
}

/** Numbers of `text` that no text in `sources` supports. */
export function unsupportedNumbers(text: string, sources: readonly string[]): NumberMention[] {
  const pool = sources.flatMap(sourceNumbers);
  return extractNumbers(text).filter((m) => !numberSupported(m, pool));
}
