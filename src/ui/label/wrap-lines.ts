/**
 * Word-wrap text to `width` columns (one column per character; a word longer than the width is cut),
 * keeping paragraph breaks. Used to know how many lines an abstract takes, so it can scroll.
 */
export function wrapLines(text: string, width: number): string[] {
  const w = Math.max(10, width);
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      for (let rest = word; rest.length > 0; ) {
        const piece = rest.length > w ? rest.slice(0, w) : rest;
        rest = rest.slice(piece.length);
        if (line === '') line = piece;
        else if (line.length + 1 + piece.length <= w) line += ` ${piece}`;
        else {
          out.push(line);
          line = piece;
        }
      }
    }
    out.push(line);
  }
  while (out.length > 1 && out[out.length - 1] === '') out.pop();
  return out;
}

/** At most `lines` wrapped lines of `text`, the last ending in an ellipsis when text was left out. */
export function clipLines(text: string, width: number, lines: number): string[] {
  const all = wrapLines(text, width);
  if (all.length <= lines) return all;
  const kept = all.slice(0, lines);
  const last = kept[lines - 1]!;
  kept[lines - 1] = `${last.length >= width ? last.slice(0, width - 1) : last}…`;
  return kept;
}
