/**
 * Text from outside litrev (model prose, category names, titles, quotes from abstracts) made safe to place
 * in a Markdown document: it cannot add a heading or a section, leave a code fence open, inject raw HTML
 * (`<script>`, `<img onerror>`), or link anywhere but http(s) and mailto. What is already safe is returned
 * unchanged, so a clean draft renders to the same bytes as before.
 */

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** `<` that would open an HTML tag, comment, declaration or processing instruction (or an autolink). */
const HTML_OPEN = /(?<!\\)<(?=[A-Za-z/!?])/g;
/** Inline links and images: `[text](target "title")`, `![alt](target)`. */
const INLINE_LINK = /(!?)\[((?:[^\[\]\\]|\\.)*)\]\(\s*(<[^>]*>|(?:[^\s()]|\([^\s()]*\))*)((?:\s+(?:"[^"]*"|'[^']*'))?)\s*\)/g;
/** A link reference definition: `[label]: target`. */
const REFERENCE_DEFINITION = /^( {0,3}\[[^\]]+\]:\s*)(<[^>]*>|\S+)/;
const SAFE_TARGET = /^(?:https?:\/\/|mailto:)/i;
/** What opens a block at the start of a line: a heading, a thematic break or setext underline, a code fence. */
const BLOCK_START = /^( {0,3})(#{1,6}(?=\s|$)|(?:[-*_] *){3,}$|=+ *$|`{3,}|~{3,})/;

/** One line of inline Markdown (a heading's text, a table cell, a list item): newlines and runs of space collapsed. */
export function markdownInline(text: string): string {
  return safeLinks(escapeHtml(dropControls(text)).replace(/\s+/g, ' ').trim());
}

/**
 * Paragraphs of Markdown prose: controls dropped, raw HTML escaped, links other than http(s)/mailto
 * reduced to their text, and lines that would start a heading, a thematic break or a code fence escaped:
 * prose cannot open a section of its own, and holds no code block that could swallow what follows
 * (fences are balanced by having none; litrev's own blocks, such as the Mermaid mindmap, are not prose).
 */
export function markdownBlock(text: string): string {
  return dropControls(text)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => {
      const escaped = line.replace(BLOCK_START, (_m, indent: string, mark: string) => `${indent}\\${mark}`);
      const ref = REFERENCE_DEFINITION.exec(escaped);
      const safe = ref && !SAFE_TARGET.test(unbracket(ref[2]!)) ? escaped.replace(REFERENCE_DEFINITION, (_m, head: string) => `${head}#`) : escaped;
      return safeLinks(escapeHtml(safe));
    })
    .join('\n');
}

/** Text without control characters (C0 but tab and line feed, DEL, C1) and bidi overrides. */
export function dropControls(text: string): string {
  return CONTROLS.test(text) ? text.replace(CONTROLS, '') : text;
}

function escapeHtml(text: string): string {
  return text.includes('<') ? text.replace(HTML_OPEN, '&lt;') : text;
}

/** Links and images whose target is not http(s) or mailto keep only their text. */
function safeLinks(text: string): string {
  if (!text.includes('](')) return text;
  return text.replace(INLINE_LINK, (whole, _image: string, label: string, target: string) => (SAFE_TARGET.test(unbracket(target)) ? whole : label));
}

function unbracket(target: string): string {
  return target.startsWith('<') && target.endsWith('>') ? target.slice(1, -1).trim() : target.trim();
}
