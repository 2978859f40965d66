import { readFile } from 'node:fs/promises';

export type TextRead = { kind: 'ok'; text: string } | { kind: 'missing' } | { kind: 'error'; reason: string };

/** Read a UTF-8 file without throwing: missing and unreadable files are told apart. A BOM is dropped. */
export async function readTextFile(file: string): Promise<TextRead> {
  try {
    const text = await readFile(file, 'utf8');
    return { kind: 'ok', text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') return { kind: 'missing' };
    if (e.code === 'EISDIR') return { kind: 'error', reason: 'is a folder, not a file' };
    return { kind: 'error', reason: e.message };
  }
}

/** Parse JSON without throwing; the reason is one line. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, reason: `not valid JSON (${(err as Error).message.split('\n')[0]})` };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
