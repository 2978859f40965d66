import { hash } from 'node:crypto';
import { matchKey } from './clean-text.js';

let scratch = Buffer.allocUnsafe(4096);

/**
 * The UTF-8 bytes of `prefix + matchKey(text)`, and the length of the matchKey part. For ASCII text they are
 * computed in one pass without building the string (abstracts are long and there may be 100,000 of them).
 * The bytes are a view that the next call overwrites: hash or copy them at once.
 */
function matchBytes(prefix: string, text: string): { bytes: Buffer; length: number } {
  const size = prefix.length + text.length;
  if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
  let n = scratch.write(prefix, 0, 'latin1');
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) scratch[n++] = c;
    else if (c >= 65 && c <= 90) scratch[n++] = c + 32;
    else if (c > 127) {
      const key = matchKey(text);
      return { bytes: Buffer.from(prefix + key, 'utf8'), length: Buffer.byteLength(key) };
    }
  }
  return { bytes: scratch.subarray(0, n), length: n - prefix.length };
}

/** sha256 of `prefix` followed by the matching form of `text`, and the length of that form in bytes. */
export function contentDigest(prefix: string, text: string): { digest: Buffer; length: number } {
  const { bytes, length } = matchBytes(prefix, text);
  return { digest: hash('sha256', bytes, 'buffer'), length };
}

/** A paper id from a digest: `p` + 12 hex digits. */
export function idFromDigest(digest: Buffer): string {
  return `p${digest.toString('hex', 0, 6)}`;
}
