/**
 * Word wrapping for the terminal views: a paragraph cut into lines of at most `width` columns at
 * spaces, continuation lines indented under the first line's text (a hanging indent), no line
 * starting with a space. A short parenthesised group ("(bm25 4)") is kept on one line; a word
 * longer than a whole line is cut.
 */

/** Columns a string takes in a terminal: wide (East Asian, emoji) characters two, combining marks none. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ZERO_WIDTH.test(ch)) continue;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

const ZERO_WIDTH = /[\u0300-\u036f\u200b-\u200f\u20d0-\u20ff\ufe00-\ufe0f]/u;

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

/** Words to wrap between; a parenthesised group of up to this many characters counts as one. */
const GROUP = /\([^()\s][^()]{0,24}\)[^\s]*|\S+/g;

/** The words of a line, each with the spaces before it (kept within a line, dropped at a break). */
function words(text: string): { space: string; word: string }[] {
  const out: { space: string; word: string }[] = [];
  let end = 0;
  for (const m of text.matchAll(GROUP)) {
    out.push({ space: text.slice(end, m.index), word: m[0] });
    end = m.index + m[0].length;
  }
  return out;
}

/** Cut a word wider than `width` into pieces that fit. */
function cut(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece !== '' && textWidth(piece + ch) > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/**
 * `prefix` then `text`, wrapped to `width` columns; continuation lines start with as many spaces as
 * the prefix is wide (at most half the width, so a long prefix still leaves room for the text).
 */
export function wrapHanging(prefix: string, text: string, width: number): string[] {
  const indent = Math.min(textWidth(prefix), Math.floor(width / 2));
  const room = Math.max(1, width - indent);
  const tokens = words(text).flatMap(({ space, word }) => (textWidth(word) > room ? cut(word, room).map((w, i) => ({ space: i === 0 ? space : '', word: w })) : [{ space, word }]));
  const lines: string[] = [];
  let line = prefix;
  let lineWidth = textWidth(prefix);
  let empty = true;
  for (const { space, word } of tokens) {
    const w = textWidth(word);
    const gap = empty ? 0 : textWidth(space);
    if (!empty && lineWidth + gap + w > width) {
      lines.push(line);
      line = ' '.repeat(indent);
      lineWidth = indent;
      empty = true;
    }
    const sep = empty ? '' : space;
    line += sep + word;
    lineWidth += textWidth(sep) + w;
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** A list item's marker and the space after it ("- ", "  12. ", "* "), or '' for a plain line. */
export function listPrefix(line: string): string {
  return /^\s*(?:[-*•›]|\d{1,3}[.)]|\[@[^\]\s]+\])\s+/.exec(line)?.[0] ?? /^\s*/.exec(line)![0];
}

/** Text of several lines (a paragraph per line), each wrapped with the hanging indent of its list marker. */
export function wrapBlock(text: string, width: number): string[] {
  return text.split('\n').flatMap((line) => {
    if (line.trim() === '') return [''];
    const prefix = listPrefix(line);
    return wrapHanging(prefix, line.slice(prefix.length), width);
  });
}
