/**
 * The markup litrev wraps around data in its prompts (`<paper id=".." key="..">`, `<title>`, `<abstract>`, `<claims>`,
 * `<draft part="1">`, ...). A weak model copies it into its prose; none of it may reach a reader. The same tags
 * HTML-escaped (`&lt;paper ...&gt;`, which a Markdown writer may have produced) are markup too.
 */
export const PROMPT_TAGS = [
  'paper',
  'title',
  'abstract',
  'claims',
  'method',
  'method_family',
  'category',
  'year',
  'draft',
  'papers',
  'sources',
  'source',
  'question',
  'criteria',
  'criterion',
  'topic',
] as const;

const NAMES = PROMPT_TAGS.join('|');
// `<name attr="...">`, `</name>`, `<name/>`, in plain or HTML-escaped brackets; attributes never span a line.
const TAG = new RegExp(`(?:<|&lt;)\\/?(?:${NAMES})(?:\\s[^<>\\n]*?)?\\/?(?:>|&gt;)`, 'gi');

/** The text with every prompt tag removed, and the blanks the removal left collapsed. */
export function stripPromptMarkup(text: string): string {
  if (!/<|&lt;/.test(text)) return text;
  return text
    .replace(TAG, ' ')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ +([.,;:!?)])/g, '$1')
    .replace(/^ +| +$/gm, '');
}

/** Whether the text holds any prompt tag. */
export function hasPromptMarkup(text: string): boolean {
  TAG.lastIndex = 0;
  const found = TAG.test(text);
  TAG.lastIndex = 0;
  return found;
}
