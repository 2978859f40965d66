import type { Paper } from '../../corpus/paper.js';
import type { ChatMessage } from '../../model/types.js';
import { stripPromptMarkup } from '../../review/prompt-markup.js';
import { citedKeys, resolveIdCitations } from '../../verify/citation-keys.js';

/** What model prose is checked against: every corpus paper's id (as the prompts show it) and key. */
export interface ProseKeys {
  idToKey: ReadonlyMap<string, string>;
  keys: ReadonlySet<string>;
}

export function proseKeys(papers: Iterable<Paper>): ProseKeys {
  const idToKey = new Map<string, string>();
  for (const p of papers) idToKey.set(p.id, p.key);
  return { idToKey, keys: new Set(idToKey.values()) };
}

/**
 * Model prose as a reader may see it: the prompt markup a weak model copies (`<paper id=..>`, `<claims>`,
 * HTML-escaped or not) removed, and citations of the paper ids the prompt shows turned into citations of
 * their keys.
 */
export function cleanModelProse(text: string, k: ProseKeys): string {
  return resolveIdCitations(stripPromptMarkup(text), k.idToKey, k.keys);
}

/** Whether the prose cites at least one corpus paper by its key (what verification keeps). */
export function citesAPaper(text: string, k: ProseKeys): boolean {
  return citedKeys(text).some((key) => k.keys.has(key));
}

/**
 * The follow-up turn asking once more for prose that cited no paper: the reply as it came, then the reason
 * and how to cite (with keys from the prompt as the example).
 */
export function askToCite(messages: ChatMessage[], reply: string, exampleKeys: readonly string[], what: string): ChatMessage[] {
  const example = exampleKeys.slice(0, 2).map((key) => `[@${key}]`).join(' or ') || '[@key]';
  return [
    ...messages,
    { role: 'assistant', content: reply },
    {
      role: 'user',
      content:
        `Your ${what} cites no paper, so none of it can be checked and it cannot be used. Write it again: every statement about a paper ` +
        `cites it by the key given in its paper tag, in square brackets with @, for example ${example}. Do not cite paper ids, ` +
        'and do not copy the tags of the prompt into the text. Answer in the same JSON format.',
    },
  ];
}
