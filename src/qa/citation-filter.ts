import { removeUnknownCitations } from '../verify/citation-keys.js';

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
 * shown, even for a moment, and the streamed text equals the cleaned final text.
 */
export function createCitationFilter(known: ReadonlySet<string>): CitationFilter {
  /** Held back: at most one trailing whitespace char, then possibly an open group "[...". */
  let held = '';

  function flushGroup(group: string): string {
    return removeUnknownCitations(group, known).text;
  }

  function step(ch: string): string {
    const open = held.indexOf('[');
    if (open >= 0) {
      if (ch === ']') {
        const out = flushGroup(held + ch);
        held = '';
        return out;
      }
      if (ch === '[' || held.length >= MAX_GROUP) {
        // Not a citation group after all: release up to its "[", then read the rest again
        // (it holds no "[", so this ends), so whitespace before a new group is held with it.
        const rest = held.slice(open + 1) + ch;
        let out = held.slice(0, open + 1);
        held = '';
        for (const c of rest) out += step(c);
        return out;
      }
      held += ch;
      return '';
    }
    if (ch === '[') {
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
