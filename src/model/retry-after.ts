/** Read a header from a Headers object or a plain record. */
export function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const h = headers as { get?: (n: string) => string | null } & Record<string, unknown>;
  if (typeof h.get === 'function') return h.get(name) ?? undefined;
  const v = h[name] ?? h[name.toLowerCase()];
  return typeof v === 'string' ? v : undefined;
}

/** `retry-after-ms` (milliseconds) or `retry-after` (seconds or an HTTP date), in ms from now. */
export function retryAfterFromHeaders(headers: unknown, now = Date.now()): number | undefined {
  const msText = headerOf(headers, 'retry-after-ms');
  const ms = Number(msText);
  if (msText !== undefined && msText.trim() !== '' && Number.isFinite(ms) && ms >= 0) return ms;
  const ra = headerOf(headers, 'retry-after');
  if (ra === undefined || ra.trim() === '') return undefined;
  const seconds = Number(ra);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(ra);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** OpenAI's reset durations ("1s", "6m0s", "120ms", "1h2m3.5s") or plain seconds, in ms. */
export function parseResetDuration(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let matched = '';
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const n = Number(m[1]);
    total += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n * 3_600_000;
    matched += m[0];
  }
  return matched === t && matched !== '' ? total : undefined;
}
