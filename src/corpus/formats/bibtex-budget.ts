import type { InputIssue } from '../paper.js';
import { maskField, nextEntry } from './bibtex-mask.js';
import { macroNames, stringDefinitions } from './bibtex-strings.js';
import { lineIndex, skippedIssue, warningIssue } from './reader.js';

/**
 * Budgets checked before a BibTeX file reaches the parser, so that a hostile or broken file cannot make it
 * expand macros exponentially (`@string{b = a # a}` doubled 23 times: 745 bytes, hundreds of megabytes) or
 * build one field of 100,000 names. What exceeds them is blanked out of the text (line numbers kept) and named;
 * every other entry of the file is read as usual.
 */
export const MAX_MACRO_CHARS = 100_000;
/**
 * One entry, its macros expanded, not counting a plain abstract (those are never given to the parser's LaTeX
 * grammar, which costs about 2 KB of memory per character: 200,000 characters took 3 s and 380 MB). Real entries,
 * a 3,000-author collaboration included, stay below.
 */
export const MAX_ENTRY_CHARS = 150_000;
/** Names in the author and editor lists of one entry. */
export const MAX_ENTRY_NAMES = 10_000;

export interface BudgetedText {
  text: string;
  issues: InputIssue[];
}

/** The text with over-budget `@string` definitions and entries blanked out, and an issue naming each. */
export function applyBibtexBudgets(text: string, path: string): BudgetedText {
  const issues: InputIssue[] = [];
  const definitions = stringDefinitions(text);
  const expanded = expansionSizes(definitions);
  const lineOf = lineIndex(text);
  const blanks: [number, number][] = [];
  for (let span = nextEntry(text, 0); span; span = nextEntry(text, span.end)) {
    if (span.type === 'comment' || span.type === 'preamble') continue;
    const start = text.lastIndexOf('@', span.bodyStart);
    const body = text.slice(start, span.end);
    const line = lineOf(start);
    if (span.type === 'string') {
      const name = /^@\s*string\s*[{(]\s*([A-Za-z_][\w:.+-]*)/i.exec(body)?.[1];
      const size = name ? (expanded.get(name.toLowerCase()) ?? 0) : 0;
      if (size > MAX_MACRO_CHARS) {
        blanks.push([start, span.end]);
        issues.push(warningIssue(path, `line ${line}: @string ${name} expands beyond ${MAX_MACRO_CHARS.toLocaleString('en-US')} characters: not expanded`, { line }));
      }
      continue;
    }
    const why = entryOverBudget(body, expanded);
    if (why) {
      blanks.push([start, span.end]);
      const key = /^@\s*\w+\s*[{(]\s*([^,\s]*)/.exec(body)?.[1];
      issues.push(skippedIssue(path, `line ${line}: ${key ? `entry "${key}"` : 'entry'} skipped: ${why}`, { line }));
    }
  }
  return { text: blank(text, blanks), issues };
}

/** Why an entry is over budget, or null. */
function entryOverBudget(body: string, expanded: ReadonlyMap<string, number>): string | null {
  const names = countNames(body);
  if (names > MAX_ENTRY_NAMES) {
    return `${names.toLocaleString('en-US')} names in its author and editor lists, beyond the budget of ${MAX_ENTRY_NAMES.toLocaleString('en-US')}`;
  }
  let size = body.length;
  if (size > MAX_ENTRY_CHARS) for (const v of maskField(body).values.values()) size -= v.raw.length;
  if (expanded.size > 0) for (const name of macroNames(body, true)) size += expanded.get(name.toLowerCase()) ?? 0;
  if (size > MAX_ENTRY_CHARS) return `its text with its @string macros expanded is beyond ${MAX_ENTRY_CHARS.toLocaleString('en-US')} characters`;
  return null;
}

/** Names in an entry's lists: one more than the `and`s between them (counted without building any list). */
function countNames(body: string): number {
  let n = 0;
  const re = /\sand\s/gi;
  while (re.exec(body)) n++;
  return n === 0 ? 0 : n + 1;
}

/** The expanded size of every macro: its definition's text plus, for every use of another macro, that one's size. */
function expansionSizes(definitions: ReadonlyMap<string, string>): Map<string, number> {
  const sizes = new Map<string, number>();
  const visiting = new Set<string>();
  const size = (name: string): number => {
    const known = sizes.get(name);
    if (known !== undefined) return known;
    const def = definitions.get(name);
    if (def === undefined || visiting.has(name)) return 0;
    visiting.add(name);
    let total = def.length;
    for (const used of macroNames(def, true)) {
      total += size(used.toLowerCase());
      if (total > MAX_ENTRY_CHARS * 10) break;
    }
    visiting.delete(name);
    sizes.set(name, total);
    return total;
  };
  for (const name of definitions.keys()) size(name);
  return sizes;
}

/** `text` with each span replaced by spaces, its line breaks kept (line numbers of what follows stay true). */
function blank(text: string, spans: readonly [number, number][]): string {
  if (spans.length === 0) return text;
  const out: string[] = [];
  let at = 0;
  for (const [from, to] of spans) {
    out.push(text.slice(at, from), text.slice(from, to).replace(/[^\n]/g, ' '));
    at = to;
  }
  out.push(text.slice(at));
  return out.join('');
}
