/** Lines per chunk: large enough that writes are few, small enough that a chunk stays a few hundred kB. */
const LINES_PER_CHUNK = 500;

/**
 * Render `items` lazily as chunks of lines, for files too large to hold as one string (papers.jsonl of
 * 100,000 papers is 170 MB): each chunk is produced only when the writer asks for it.
 */
export function* chunkLines<T>(items: Iterable<T>, line: (item: T) => string): Generator<string> {
  let buffer: string[] = [];
  for (const item of items) {
    buffer.push(line(item));
    if (buffer.length >= LINES_PER_CHUNK) {
      yield buffer.join('');
      buffer = [];
    }
  }
  if (buffer.length) yield buffer.join('');
}
