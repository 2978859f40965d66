/**
 * A Batch API result file read as a stream, one line at a time: an output file of hundreds of megabytes is never
 * held as one string (V8 refuses strings beyond 512 MB), and a line beyond `maxLineBytes` (a runaway or hostile
 * answer) is skipped and counted instead of being buffered.
 */
export interface LineReadOptions {
  /** Longest line kept, in bytes (default 8 MB, as a synchronous reply). */
  maxLineBytes?: number;
}

const DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;
const NEWLINE = 0x0a;

/** Call `onLine` with every non-blank line of the response body; resolves with the count of lines left out as too long. */
export async function readResultLines(res: Response, onLine: (line: string) => void, options: LineReadOptions = {}): Promise<{ tooLong: number }> {
  const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const decoder = new TextDecoder('utf-8');
  let parts: Uint8Array[] = [];
  let size = 0;
  let skipping = false;
  let tooLong = 0;
  const end = () => {
    if (!skipping && size > 0) {
      const line = decoder.decode(parts.length === 1 ? parts[0] : Buffer.concat(parts));
      if (line.trim() !== '') onLine(line);
    }
    parts = [];
    size = 0;
    skipping = false;
  };
  const take = (chunk: Uint8Array) => {
    if (skipping) return;
    if (size + chunk.length > max) {
      skipping = true;
      tooLong++;
      parts = [];
      size = 0;
      return;
    }
    parts.push(chunk);
    size += chunk.length;
  };
  if (!res.body) return { tooLong };
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    let from = 0;
    for (let at = value.indexOf(NEWLINE); at >= 0; at = value.indexOf(NEWLINE, from)) {
      take(value.subarray(from, at));
      end();
      from = at + 1;
    }
    if (from < value.length) take(value.subarray(from));
  }
  end();
  return { tooLong };
}
