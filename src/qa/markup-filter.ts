import { stripPromptMarkup } from '../review/prompt-markup.js';

/** Characters held back at most while deciding whether "<..." is prompt markup. */
const MAX_HELD = 200;

export interface MarkupFilter {
  push(delta: string): string;
  end(): string;
}

/**
 * Removes the prompt's markup (`<paper ...>`, `<claims>`, their HTML-escaped forms) from a token stream while
 * it streams: text from a "<" or "&" is held back until the tag closes (or clearly is none), then cleaned by
 * stripPromptMarkup, so a tag never shows, even for a moment.
 */
export function createMarkupFilter(): MarkupFilter {
  let held = '';
  const release = (): string => {
    const out = stripPromptMarkup(held);
    held = '';
    return out;
  };
  return {
    push(delta) {
      let out = '';
      for (const ch of delta) {
        if (held === '') {
          if (ch === '<' || ch === '&') held = ch;
          else out += ch;
          continue;
        }
        held += ch;
        const escaped = held.startsWith('&');
        if (escaped && !'&lt;'.startsWith(held.slice(0, 4))) out += release();
        else if (ch === '>' || (escaped && held.endsWith('&gt;')) || ch === '\n' || held.length >= MAX_HELD) out += release();
      }
      return out;
    },
    end() {
      return release();
    },
  };
}
