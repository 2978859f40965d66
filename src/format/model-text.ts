/**
 * Text a model wrote, made safe to keep: escape sequences (CSI such as ESC[2J, OSC such as ESC]52 clipboard
 * writes and ESC]0 titles, with their payloads), C0 and C1 control characters other than tab and line feed,
 * bidi embeddings, overrides and isolates, zero-width characters and the line/paragraph separators are removed.
 * Applied once, where a model's reply becomes a value of the review (see pipeline/engines/cleaned-gateway.ts),
 * so every file written from it (csv, jsonl, json, bib, svg, md) holds none of them.
 */

// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]|\u009d[^\x07\u009c]*(?:\x07|\u009c)?/g;
// eslint-disable-next-line no-control-regex
const STRIPPED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const ANY = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200d\u2028\u2029\u2060\ufeff\u202a-\u202e\u2066-\u2069]/;

/** `text` without escape sequences, control characters (tab and line feed kept; CR LF becomes LF) and bidi controls. */
export function cleanModelText(text: string): string {
  if (!ANY.test(text)) return text;
  return text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(STRIPPED, '');
}

/** Every string in a parsed reply (objects and arrays walked, at most `depth` levels) cleaned; other values as they are. */
export function cleanModelValue<T>(value: T, depth = 32): T {
  if (typeof value === 'string') return cleanModelText(value) as T;
  if (depth <= 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v: unknown) => {
      const c = cleanModelValue(v, depth - 1);
      if (c !== v) changed = true;
      return c;
    });
    return (changed ? out : value) as T;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const c = cleanModelValue(v, depth - 1);
    if (c !== v) changed = true;
    Object.defineProperty(out, k, { value: c, enumerable: true, writable: true, configurable: true });
  }
  return (changed ? out : value) as T;
}

/**
 * A model value for one line of a later prompt: cleaned, every line break and run of white space made one space,
 * and cut to `max` characters, so a value cannot start a line (a list item, a heading) of its own.
 */
export function promptLine(text: string, max = 200): string {
  const line = cleanModelText(text).replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
