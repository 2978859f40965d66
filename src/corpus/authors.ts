/** Author lists as they come in exports: one string with separators, or a list. */

const INITIALS = /^(?:[A-Z]\.?-?){1,4}$/;
const SUFFIX = /^(?:jr\.?|sr\.?|ii|iii|iv)$/i;

/**
 * Split an author string: `A; B`, `A and B` (BibTeX/RIS), `A | B`, or commas (`Smith J., Doe A.`,
 * `John Smith, Jane Doe`). A lone `Smith, John` is one author.
 */
export function splitAuthors(value: string): string[] {
  const v = value.trim();
  if (v === '') return [];
  let parts: string[];
  if (v.includes(';')) parts = v.split(';');
  else if (/\s+and\s+/i.test(v) && !/,\s*and\s+/i.test(v)) parts = v.split(/\s+and\s+/i);
  else if (v.includes('|')) parts = v.split('|');
  else if (v.includes(',')) parts = splitCommas(v);
  else parts = [v];
  return parts.map((p) => p.trim().replace(/\s+/g, ' ')).filter((p) => p !== '' && !/^(et al\.?|others)$/i.test(p));
}

function splitCommas(v: string): string[] {
  const parts = v.split(/,\s*(?:and\s+)?/i).map((p) => p.trim());
  const surnameLike = (p: string) => !p.includes(' ') && !INITIALS.test(p);
  const givenLike = (p: string) => p.split(' ').length <= 3 && /^(?:[A-Z][a-z]*\.?[\s-]*)+$/.test(p);
  if (parts.length === 2 && surnameLike(parts[0]!) && parts[1]!.split(' ').length <= 3) return [v];
  // "Chen, R. T. Q., Smith, J." -> pairs of surname and given names
  const paired = parts.length % 2 === 0 && parts.every((p, i) => (i % 2 === 0 ? surnameLike(p) : givenLike(p)));
  if (paired && parts.length > 2) {
    const out: string[] = [];
    for (let i = 0; i < parts.length; i += 2) out.push(`${parts[i]}, ${parts[i + 1]}`);
    return out;
  }
  return parts;
}

/** Display names from structured author values: strings, `{name}`, `{given, family}`, `{display_name}`, OpenAlex authorships. */
export function authorNames(value: unknown): string[] {
  if (typeof value === 'string') return splitAuthors(value);
  if (!Array.isArray(value)) {
    const one = authorName(value);
    return one ? [one] : [];
  }
  return value.flatMap((item) => (typeof item === 'string' ? [item.trim()] : [authorName(item)])).filter((n): n is string => !!n);
}

function authorName(item: unknown): string | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const o = item as Record<string, unknown>;
  if (o.author && typeof o.author === 'object') return authorName(o.author);
  for (const k of ['name', 'display_name', 'displayName', 'fullName', 'full_name', 'raw_author_name', 'literal']) {
    if (typeof o[k] === 'string' && (o[k] as string).trim()) return (o[k] as string).trim();
  }
  const family = str(o.family ?? o.lastName ?? o.last_name ?? o.surname);
  const given = str(o.given ?? o.firstName ?? o.first_name ?? o.given_name);
  if (family) return given ? `${family}, ${given}` : family;
  return given;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** The surname of a display name: `Smith, John`, `John Smith`, `Smith J.`, `John Smith Jr.`. */
export function surname(name: string): string {
  const n = name.trim();
  if (n.includes(',')) return n.slice(0, n.indexOf(',')).trim();
  const words = n.split(/\s+/).filter((w) => !SUFFIX.test(w));
  if (words.length >= 2 && INITIALS.test(words[words.length - 1]!)) return words[0]!;
  return words[words.length - 1] ?? n;
}
