import { fieldName } from './field-map.js';

/** Words in a column name that suggest what it holds, for the `--map` line a table with unknown headers is answered with. */
const TITLE_HINT = /title|name|heading|headline|subject/;
const ABSTRACT_HINT = /abstract|summary|description|text|content|body|synopsis/;

/**
 * Why a table was not read, for a first row that names no title or abstract column: the column names
 * found and the `--map` settings that would read them (guessed from the names, else placeholders).
 */
export function unknownHeaderReason(text: string): string {
  const names = headerNames(text);
  if (names.length === 0) return 'no header row naming a title or abstract column (expected e.g. "title,abstract")';
  const title = names.find((n) => TITLE_HINT.test(fieldName(n)));
  const abstract = names.find((n) => n !== title && ABSTRACT_HINT.test(fieldName(n)));
  const quoted = (n: string) => `"${n.replace(/"/g, '\\"')}"`;
  const map = `--map title=${title ? quoted(title) : '"COLUMN"'} --map abstract=${abstract ? quoted(abstract) : '"COLUMN"'}`;
  return `no column named title or abstract; columns found: ${names.slice(0, 12).map(quoted).join(', ')}${names.length > 12 ? ', …' : ''}; to read them, add ${map}`;
}

/** The names in the first non-blank line, split at the delimiter that gives the most of them. */
function headerNames(text: string): string[] {
  const start = text.search(/\S/);
  if (start < 0) return [];
  const end = text.indexOf('\n', start);
  const line = text.slice(start, end < 0 ? undefined : end).replace(/\r$/, '');
  const best = ['\t', ',', ';'].map((d) => line.split(d)).reduce((a, b) => (b.length > a.length ? b : a));
  if (best.length < 2) return [];
  return best.map((n) => n.trim().replace(/^"(.*)"$/, '$1').trim()).filter((n) => n !== '');
}
