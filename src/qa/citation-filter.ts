import { removeUnknownCitations, resolveIdCitations } from '../verify/citation-keys.js';

/** A bracket group longer than this is prose, not a citation: released as is. */
const MAX_GROUP = 1000;

export interface CitationFilter {
  /** Feed a streamed delta; returns the text that is safe to show now. */
  push(delta: string): string;
  /** The stream ended: returns whatever was held back. */
  end(): string;
}

/**
 * Removes citations of unknown keys from a token stream while it streams. Text inside `[...]` is
 * held back until the group closes, then cleaned exactly as `removeUnknownCitations` cleans the
 * whole text (a removed group takes one whitespace before it along), so a made-up key is never
 * shown, even for a moment, and the streamed text equals the cleaned final text. With `idToKey`
 * (the sources' paper ids), a group citing papers by the ids the prompt shows (`[@id]`, `[id]`,
 * `(id)`: `(...)` is held back too) is rewritten with their keys first, as `resolveIdCitations` does.
 */
export function createCitationFilter(known: ReadonlySet<string>, idToKey: ReadonlyMap<string, string> = new Map()): CitationFilter {
  /** Held back: at most one trailing whitespace char, then possibly an open group "[..." (or "(..."). */
  let held = '';
  const openers = idToKey.size > 0 ? '[(' : '[';

  function flushGroup(group: string): string {
    return removeUnknownCitations(resolveIdCitations(group, idToKey, known), known).text;
  }

  function step(ch: string): string {
    const open = [...openers].map((o) => held.indexOf(o)).filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? -1;
    if (open >= 0) {
      if (ch === (held[open] === '[' ? ']' : ')')) {
        const out = flushGroup(held + ch);
        held = '';
        return out;
      }
      if (openers.includes(ch) || held.length >= MAX_GROUP) {
        // Not a citation group after all: release up to its opener, then read the rest again
        // (it holds no opener, so this ends), so whitespace before a new group is held with it.
        const rest = held.slice(open + 1) + ch;
        let out = held.slice(0, open + 1);
        held = '';
        for (const c of rest) out += step(c);
        return out;
      }
      held += ch;
      return '';
    }
    if (openers.includes(ch)) {
      held += ch;
      return '';
    }
    const out = held;
    held = /\s/.test(ch) ? ch : '';
    return held ? out : out + ch;
  }

  return {
    push(delta) {
      let out = '';
      for (const ch of delta) out += step(ch);
      return out;
    },
    end() {
      const out = held;
      held = '';
      return out;
    },
  };
}
