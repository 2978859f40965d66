/**
 * The short name a paper gives itself in its title ("KV-Distill: Nearly Lossless…" → "KV-Distill"),
 * or null. A name is one to three words before a colon that look like a name: a single word, or
 * one with an inner capital, a digit or a hyphen (so "Keep the Cost Down: …" has none).
 */
export function paperName(title: string): string | null {
  const colon = title.indexOf(':');
  if (colon <= 0) return null;
  const prefix = title.slice(0, colon).trim();
  const words = prefix.split(/\s+/);
  if (words.length > 3 || prefix.length > 30) return null;
  if (/[\\$^{}]/.test(prefix)) return null;
  const looksNamed = words.length === 1 || words.some((w) => /[a-z][A-Z]|[A-Z]{2}|\d|\w-\w/.test(w));
  if (!looksNamed || !/^[A-Z0-9]/.test(prefix)) return null;
  if (/^(?:a|an|the|on|towards?|position|survey|review|overview)$/i.test(prefix)) return null;
  return prefix;
}

/** The title without its name prefix ("KV-Distill: Nearly Lossless…" → "Nearly Lossless…"). */
export function titleDescription(title: string): string {
  const name = paperName(title);
  return name === null ? title : title.slice(title.indexOf(':') + 1).trim();
}
