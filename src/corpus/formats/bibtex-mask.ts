/**
 * Speed-up for large BibTeX files: @retorquere/bibtex-parser runs a full LaTeX grammar over every field, which
 * costs milliseconds per long abstract. Abstract values are swapped for short placeholder words before parsing
 * and put back afterwards (decoded by litrev's own LaTeX decoder). Only plain values are masked
 * (`abstract = {...}` or `abstract = "..."`, followed by `,` or the entry's end); anything unusual is left for
 * the parser, which then reports problems as usual.
 */

const SKIPPED_TYPES = new Set(['comment', 'preamble', 'string']);
const ENTRY = /@\s*([A-Za-z]+)\s*([{(])/g;

export interface Masked {
  text: string;
  /** Placeholder word -> the original value, with its delimiters (`raw`) and without (`content`). */
  values: Map<string, { raw: string; content: string }>;
}

/** Replace the values of `field` (default `abstract`) with placeholder words. */
export function maskField(text: string, field = 'abstract'): Masked {
  const values: Masked['values'] = new Map();
  const out: string[] = [];
  let copied = 0;
  const fieldRe = new RegExp(`,\\s*${field}\\s*=\\s*`, 'gi');
  for (let m = nextEntry(text, 0); m; m = nextEntry(text, m.end)) {
    if (SKIPPED_TYPES.has(m.type)) continue;
    fieldRe.lastIndex = m.bodyStart;
    for (let f = fieldRe.exec(text); f && f.index < m.end; f = fieldRe.exec(text)) {
      if (depthAt(text, m.bodyStart, f.index) !== 0) continue;
      const start = f.index + f[0].length;
      const end = valueEnd(text, start);
      if (end === null || end > m.end || !/^\s*[,})]/.test(text.slice(end, end + 64))) continue;
      const token = `litrevmasked${values.size}x`;
      values.set(token, { raw: text.slice(start, end), content: text.slice(start + 1, end - 1) });
      out.push(text.slice(copied, start), `{${token}}`);
      copied = end;
    }
  }
  out.push(text.slice(copied));
  return { text: out.join(''), values };
}

/** Put the original values back into an entry's source text. */
export function unmaskSource(s: string, values: Masked['values']): string {
  if (values.size === 0 || !s.includes('litrevmasked')) return s;
  return s.replace(/\{(litrevmasked\d+x)\}/g, (t, token: string) => values.get(token)?.raw ?? t);
}

/** The original content of a masked field value, or undefined when the value was not masked. */
export function maskedContent(value: string | undefined, values: Masked['values']): string | undefined {
  return value === undefined ? undefined : values.get(value.trim())?.content;
}

export interface EntrySpan {
  type: string;
  bodyStart: number;
  end: number;
}

/** The next `@type{...}` / `@type(...)` entry at or after `from`, with its balanced end. */
export function nextEntry(text: string, from: number): EntrySpan | null {
  ENTRY.lastIndex = from;
  for (let m = ENTRY.exec(text); m; m = ENTRY.exec(text)) {
    const open = m.index + m[0].length - 1;
    const close = m[2] === '{' ? balancedEnd(text, open) : parenEnd(text, open);
    if (close === null) return null;
    return { type: m[1]!.toLowerCase(), bodyStart: open + 1, end: close + 1 };
  }
  return null;
}

/** Index of the `}` matching the `{` at `open`, or null. Backslash-escaped braces do not count. */
function balancedEnd(text: string, open: number): number | null {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 123) depth++;
    else if (c === 125 && --depth === 0) return i;
  }
  return null;
}

/** Index of the `)` closing a parenthesised entry at brace depth zero, or null. */
function parenEnd(text: string, open: number): number | null {
  let depth = 0;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ')' && depth === 0) return i;
  }
  return null;
}

/** Brace depth (relative to the entry body) at `at`, ignoring quoted values' braces the way BibTeX does. */
function depthAt(text: string, from: number, at: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = from; i < at; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '"' && depth === 0) quoted = !quoted;
  }
  return quoted ? -1 : depth;
}

/** End (exclusive) of a `{...}` or `"..."` value starting at `start`, or null for anything else. */
function valueEnd(text: string, start: number): number | null {
  const c = text[start];
  if (c === '{') {
    const close = balancedEnd(text, start);
    return close === null ? null : close + 1;
  }
  if (c !== '"') return null;
  let depth = 0;
  for (let i = start + 1; i < text.length; i++) {
    const d = text[i];
    if (d === '\\') i++;
    else if (d === '{') depth++;
    else if (d === '}') depth--;
    else if (d === '"' && depth === 0) return i + 1;
  }
  return null;
}
