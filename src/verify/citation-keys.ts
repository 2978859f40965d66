/**
 * Pandoc-style citations: `[@key]`, `[@a; @b]`, `[see @key, p. 3]`.
 * Keys are letters, digits and `_:.#$%&-+?<>~/` as in pandoc, without a trailing dot.
 */
export const CITE_GROUP = /\[([^\[\]]*@[^\[\]]*)\]/g;
export const CITE_KEY = /@([A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*)/g;

function trimKey(key: string): string {
  return key.replace(/[.:]+$/, '');
}

/** Every cited key, in order of appearance, duplicates included. */
export function citedKeys(markdown: string): string[] {
  const keys: string[] = [];
  for (const group of markdown.matchAll(CITE_GROUP)) {
    for (const m of group[1]!.matchAll(CITE_KEY)) keys.push(trimKey(m[1]!));
  }
  return keys;
}

/**
 * Remove every citation whose key is not in `known`; a group left empty disappears with the
 * space before it. Returns the cleaned text and the keys removed (in order, duplicates included).
 */
export function removeUnknownCitations(markdown: string, known: ReadonlySet<string>): { text: string; removed: string[] } {
  const removed: string[] = [];
  const text = markdown.replace(/\s?\[([^\[\]]*@[^\[\]]*)\]/g, (whole, inner: string) => {
    const parts = inner.split(';').map((p) => p.trim());
    const kept = parts.filter((part) => {
      const keys = [...part.matchAll(CITE_KEY)].map((m) => trimKey(m[1]!));
      const bad = keys.filter((k) => !known.has(k));
      removed.push(...bad);
      return keys.length > 0 && bad.length === 0;
    });
    if (kept.length === parts.length) return whole;
    if (kept.length === 0) return '';
    const lead = whole.startsWith(' ') ? ' ' : '';
    return `${lead}[${kept.join('; ')}]`;
  });
  return { text, removed };
}

/**
 * Citations a model wrote with the paper ids its prompt shows (`<paper id="pd2b647a5b1ba" key="...">`) instead
 * of the keys, rewritten as pandoc citations of the keys: `[@pd2b647a5b1ba]`, `[pd2b647a5b1ba]`,
 * `(pd2b647a5b1ba)`, `(p1, p2)`, `[@p1; @p2]`, a bare `@pd2b647a5b1ba` or a bare id in the prose all become
 * `[@key]` (or `[@k1; @k2]`). In brackets, a key written without its `@` is a citation too. Anything else is
 * left as it is (an unknown key stays for verification to remove and report).
 */
export function resolveIdCitations(markdown: string, idToKey: ReadonlyMap<string, string>, keys: ReadonlySet<string>): string {
  if (idToKey.size === 0) return markdown;
  const listOf = (inner: string, allowKeys: boolean): string[] | null => {
    const parts = inner.split(/\s*[;,]\s*/).map((p) => p.trim()).filter((p) => p !== '');
    if (parts.length === 0) return null;
    const resolved = parts.map((p) => {
      if (!/^@?[A-Za-z0-9_][A-Za-z0-9_:.#$%&+?~/-]*$/.test(p)) return null;
      const bare = trimKey(p.replace(/^@/, ''));
      if (idToKey.has(bare)) return idToKey.get(bare)!;
      return allowKeys && keys.has(bare) ? bare : null;
    });
    return resolved.every((k): k is string => k !== null) ? resolved : null;
  };
  const cite = (list: string[]) => `[${list.map((k) => `@${k}`).join('; ')}]`;
  // Bracket groups (not a Markdown link's text): a list of ids or keys, or ids among other words.
  let text = markdown.replace(/\[([^\[\]\n]*)\](?!\()/g, (whole, inner: string) => {
    const list = listOf(inner, true);
    if (list) return cite(list);
    if (!inner.includes('@')) return whole;
    return `[${inner.replace(/@([A-Za-z0-9_][A-Za-z0-9_:.#$%&+?~/-]*)/g, (m, name: string) => {
      const id = trimKey(name);
      return idToKey.has(id) ? `@${idToKey.get(id)}${name.slice(id.length)}` : m;
    })}]`;
  });
  // Parenthesised ids: `(pd2b647a5b1ba)`, `(p1; p2)`; keys only with their `@`.
  text = text.replace(/\s?\(([^()\n]*)\)/g, (whole, inner: string) => {
    // A list resolves when every part is an id, or (with an `@` in it) a key: then some part is an id or starts with `@`.
    const list = listOf(inner, inner.includes('@'));
    if (!list) return whole;
    return `${whole.startsWith('(') ? '' : ' '}${cite(list)}`;
  });
  // Outside brackets: a bare `@id` or a bare id word.
  const out: string[] = [];
  let depth = 0;
  let last = 0;
  const flush = (end: number) => {
    const chunk = text.slice(last, end);
    out.push(
      depth > 0
        ? chunk
        : chunk.replace(/(?<![\w@./-])@?([A-Za-z0-9_][A-Za-z0-9_-]*)/g, (m, name: string) => {
            const key = idToKey.get(name);
            return key !== undefined ? `[@${key}]` : m;
          }),
    );
    last = end;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '[') {
      flush(i);
      depth++;
    } else if (ch === ']' && depth > 0) {
      flush(i);
      depth--;
    }
  }
  flush(text.length);
  return out.join('');
}
