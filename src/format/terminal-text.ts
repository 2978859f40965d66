/**
 * Text from outside litrev (model replies, titles, BibTeX keys, file names, category names, error
 * messages) made safe to print on a terminal: every control character that a terminal would act on is
 * shown as a visible escape instead, so no escape sequence (CSI such as ESC[2J, OSC such as ESC]52
 * clipboard writes, ESC]0 window titles, ESC]8 links) and no bidirectional override can take effect.
 *
 * - C0 controls (except tab and line feed) become `\x1b`...; DEL and C1 controls (U+0080-U+009F,
 *   including the one-byte CSI U+009B and OSC U+009D) become `\u009b`...;
 * - bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the line/paragraph
 *   separators U+2028/U+2029 become `\u202e`...
 * Text made by JSON.stringify stays valid JSON with the same value (it holds no raw C0 control, and the
 * other escapes are JSON's own), so `--json` output goes through the same function.
 * - CR LF becomes LF; a lone CR (which would overwrite the line) is escaped.
 * With `{ singleLine: true }` line feeds and tabs are escaped too (for one-line messages and table cells).
 */
export function terminalText(text: string, options: { singleLine?: boolean } = {}): string {
  const unsafe = options.singleLine ? UNSAFE_SINGLE_LINE : UNSAFE;
  unsafe.lastIndex = 0;
  if (!unsafe.test(text)) return text;
  unsafe.lastIndex = 0;
  return text.replace(/\r\n/g, '\n').replace(unsafe, visibleEscape);
}

/** `terminalText(text, { singleLine: true })`. */
export function terminalLine(text: string): string {
  return terminalText(text, { singleLine: true });
}

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visibleEscape(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === '\n') return '\\n';
  if (ch === '\t') return '\\t';
  if (ch === '\r') return '\\r';
  return code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
