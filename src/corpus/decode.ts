import { createRequire } from 'node:module';

// chardet and iconv-lite are only needed for files that are not plain UTF-8: loaded on first use.
const require = createRequire(import.meta.url);
let libs: { iconv: typeof import('iconv-lite'); analyse: typeof import('chardet').analyse } | undefined;
function lazy(): NonNullable<typeof libs> {
  libs ??= { iconv: require('iconv-lite') as typeof import('iconv-lite'), analyse: (require('chardet') as typeof import('chardet')).analyse };
  return libs;
}

/** A decoded text file, or why it is not text. */
export type DecodeResult = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

const SAMPLE = 64 * 1024;

/**
 * Bytes to text: BOMs (UTF-8, UTF-16 LE/BE), BOM-less UTF-16, strict UTF-8, then legacy 8-bit encodings
 * detected with chardet (ISO-8859-1 is read as its superset Windows-1252, so curly quotes 0x93/0x94 survive).
 * Binary content (NUL bytes, mostly control characters) is refused with a reason. Line endings become `\n`.
 */
export function decodeBytes(bytes: Uint8Array): DecodeResult {
  const bom = bomEncoding(bytes);
  if (bom) return text(lazy().iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset + bom.length, bytes.byteLength - bom.length), bom.encoding), bom.label);
  const utf16 = bomlessUtf16(bytes);
  if (utf16) return text(lazy().iconv.decode(Buffer.from(bytes), utf16), `${utf16} (no BOM)`);
  const binary = binaryReason(bytes);
  if (binary) return { ok: false, reason: binary };
  try {
    return text(new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'utf-8');
  } catch {
    const high = highByteShare(bytes);
    if (high > 0.3) return { ok: false, reason: `binary file (${Math.round(high * 100)}% non-text bytes, not UTF-8)` };
    const guessed = legacyEncoding(bytes);
    return text(lazy().iconv.decode(Buffer.from(bytes), guessed), guessed);
  }
}

function text(raw: string, encoding: string): DecodeResult {
  const unified = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  return { ok: true, text: unified, encoding };
}

function bomEncoding(b: Uint8Array): { encoding: string; label: string; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', label: 'utf-8 (BOM)', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', label: 'utf-16le (BOM)', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', label: 'utf-16be (BOM)', length: 2 };
  return null;
}

/** UTF-16 without a BOM: ASCII text leaves every other byte zero. */
function bomlessUtf16(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, SAMPLE) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.7 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.7 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Why the bytes are not text, or null. Looks at the first 64 KiB. */
function binaryReason(b: Uint8Array): string | null {
  const n = Math.min(b.length, SAMPLE);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 0) return `binary file (NUL byte at offset ${i})`;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) control++;
  }
  if (n > 0 && control / n > 0.1) return `binary file (${Math.round((control / n) * 100)}% control bytes)`;
  return null;
}

/** Share of bytes >= 0x80 in the sample: legacy 8-bit text has a few (accents), binary data about half. */
function highByteShare(b: Uint8Array): number {
  const n = Math.min(b.length, SAMPLE);
  let high = 0;
  for (let i = 0; i < n; i++) if (b[i]! >= 0x80) high++;
  return n === 0 ? 0 : high / n;
}

const WESTERN = new Set(['ISO-8859-1', 'ISO-8859-15', 'windows-1252', 'ISO-8859-9', 'windows-1254']);

/**
 * The most likely legacy encoding of bytes that are not valid UTF-8. Abstracts are mostly Western text, and a
 * few accented letters give chardet little to go on, so anything but a confident non-Western guess is read as
 * Windows-1252 (a superset of Latin-1 for printable characters).
 */
function legacyEncoding(b: Uint8Array): string {
  const sample = b.length > SAMPLE ? b.subarray(0, SAMPLE) : b;
  const top = lazy().analyse(sample)[0];
  if (!top || top.confidence < 50 || WESTERN.has(top.name) || /^UTF/i.test(top.name)) return 'windows-1252';
  return lazy().iconv.encodingExists(top.name) ? top.name : 'windows-1252';
}
