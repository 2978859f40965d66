/**
 * `@string` macros of a BibTeX file: their definitions as written, and which of them an entry uses, so an entry
 * written back verbatim into references.bib can carry the definitions it needs (`booktitle = neurips` without
 * `@string{neurips = ...}` stops biber and pybtex with "undefined string").
 */

const STRING_HEAD = /@\s*string\s*([{(])\s*([A-Za-z_][\w:.+-]*)\s*=/gi;

/** Every `@string` definition of the text, by lower-case name (the last definition of a name wins). */
export function stringDefinitions(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (let m = STRING_HEAD.exec(text); m; m = STRING_HEAD.exec(text)) {
    const open = m.index + m[0].indexOf(m[1]!);
    const end = closingIndex(text, open);
    if (end < 0) continue;
    out.set(m[2]!.toLowerCase(), text.slice(m.index, end + 1).trim());
    STRING_HEAD.lastIndex = end + 1;
  }
  return out;
}

/** The definitions an entry needs: macros its field values name, and the macros those definitions name. */
export function definitionsUsed(entry: string, definitions: ReadonlyMap<string, string>): string[] {
  if (definitions.size === 0) return [];
  const needed = new Set<string>();
  const visit = (text: string, skipHead: boolean) => {
    for (const name of macroNames(text, skipHead)) {
      const lower = name.toLowerCase();
      if (needed.has(lower) || !definitions.has(lower)) continue;
      needed.add(lower);
      visit(definitions.get(lower)!, true);
    }
  };
  visit(entry, true);
  // Definitions before the entries that use them: in the order of the file's definitions.
  return [...definitions.keys()].filter((k) => needed.has(k)).map((k) => definitions.get(k)!);
}

/** Bare words in value position (after `=` or `#`, outside braces and quotes) of an entry or definition. */
export function macroNames(text: string, skipHead: boolean): string[] {
  const names: string[] = [];
  let depth = 0;
  let quoted = false;
  let expectValue = false;
  let i = text.indexOf(text.includes('{') ? '{' : '(');
  if (i < 0) return names;
  i++;
  if (skipHead && /^\s*@\s*string/i.test(text) === false) {
    const comma = text.indexOf(',', i);
    if (comma < 0) return names;
    i = comma + 1;
  }
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && depth === 0) quoted = false;
      else if (ch === '{') depth++;
      else if (ch === '}') depth--;
      continue;
    }
    if (depth > 0) {
      if (ch === '{') depth++;
      else if (ch === '}') depth--;
      continue;
    }
    if (ch === '{') {
      depth++;
      expectValue = false;
    } else if (ch === '"') {
      quoted = true;
      expectValue = false;
    } else if (ch === '=' || ch === '#') expectValue = true;
    else if (ch === ',') expectValue = false;
    else if (expectValue && /[A-Za-z_]/.test(ch)) {
      const word = /^[A-Za-z_][\w:.+-]*/.exec(text.slice(i))![0];
      names.push(word);
      i += word.length - 1;
      expectValue = false;
    }
  }
  return names;
}

/** Index of the bracket closing the one at `open` (`{` or `(`; braces inside are balanced), or -1. */
function closingIndex(text: string, open: number): number {
  let braces = 0;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') braces++;
    else if (ch === '}') {
      if (braces === 0) return text[open] === '{' ? i : -1;
      braces--;
    } else if (ch === ')' && braces === 0 && text[open] === '(') return i;
  }
  return -1;
}
