/**
 * The longest prefix of `text` (cut at a word boundary, marked with an ellipsis) whose rendering
 * takes at most `maxTokens` by `tokensOf`; null when not even a few words fit.
 */
export function cutToFit(text: string, maxTokens: number, tokensOf: (text: string) => number): string | null {
  if (tokensOf(text) <= maxTokens) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (tokensOf(cutAt(text, mid)) <= maxTokens) lo = mid;
    else hi = mid - 1;
  }
  const cut = cutAt(text, lo);
  return cut.length < 40 ? null : cut;
}

function cutAt(text: string, chars: number): string {
  const head = text.slice(0, chars);
  const space = head.lastIndexOf(' ');
  return `${(space > chars * 0.8 ? head.slice(0, space) : head).trimEnd()} …`;
}
