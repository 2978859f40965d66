/**
 * The known name a mistyped one was most likely meant to be ("--critera" -> "criteria"), for
 * "did you mean" hints: the closest by edit distance (a swap of two neighbours counts as one edit),
 * within a third of the name's length, or the only name that starts with what was typed.
 */
export function closestName(typed: string, known: readonly string[]): string | undefined {
  const t = typed.toLowerCase();
  const limit = Math.max(1, Math.floor(t.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const d = editDistance(t, name.toLowerCase());
    if (d <= limit && (!best || d < best.distance)) best = { name, distance: d };
  }
  if (best) return best.name;
  const prefixed = t.length >= 3 ? known.filter((n) => n.toLowerCase().startsWith(t)) : [];
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and transpositions of neighbours. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
