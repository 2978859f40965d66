/** OpenAI's limits for one batch input file. */
export const MAX_LINES_PER_BATCH = 50_000;
export const MAX_BYTES_PER_BATCH = 200 * 1024 * 1024;

export interface FileLimits {
  maxLines: number;
  maxBytes: number;
}

/**
 * Split JSONL lines into input files, in order, none over `maxLines` lines or `maxBytes` bytes
 * (newlines included). A single line larger than `maxBytes` still gets a file of its own: the
 * provider then rejects that one line, which is reported like any other failed line.
 */
export function splitIntoFiles<T extends { line: string }>(lines: T[], limits: FileLimits = { maxLines: MAX_LINES_PER_BATCH, maxBytes: MAX_BYTES_PER_BATCH }): T[][] {
  const files: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const l of lines) {
    const size = Buffer.byteLength(l.line) + 1;
    if (current.length > 0 && (current.length >= limits.maxLines || bytes + size > limits.maxBytes)) {
      files.push(current);
      current = [];
      bytes = 0;
    }
    current.push(l);
    bytes += size;
  }
  if (current.length > 0) files.push(current);
  return files;
}
