/**
 * Cut a list into consecutive chunks, in order: a chunk grows while it has fewer than
 * `maxPerChunk` elements and the sum of their weights stays within `capacity`. An element heavier
 * than the capacity is a chunk of its own.
 */
export function chunkToFit<T>(items: readonly T[], weightOf: (item: T) => number, capacity: number, maxPerChunk = Number.POSITIVE_INFINITY): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let weight = 0;
  for (const item of items) {
    const w = weightOf(item);
    if (current.length > 0 && (current.length >= maxPerChunk || weight + w > capacity)) {
      chunks.push(current);
      current = [];
      weight = 0;
    }
    current.push(item);
    weight += w;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
