import { closeSync, openSync, readSync } from 'node:fs';
import { open, readFile, rename, stat, writeFile } from 'node:fs/promises';

/**
 * A file of JSON records read by their number: the records one per line (`NAME.jsonl`) and the byte offset where
 * each starts as one Float64 array (`NAME.offsets.bin`, count + 1 entries), so record i is one positioned read of
 * its own bytes and one JSON.parse, whatever the file's size. An empty record (no bytes) reads as null.
 */
export interface RecordFile<T> {
  readonly count: number;
  read(index: number): T | null;
  /** Whether record `index` has content, without reading it. */
  has(index: number): boolean;
  close(): void;
}

/** Writes records one at a time (null: an empty record) as NAME.jsonl and NAME.offsets.bin, through temporary files renamed in place by `close`. */
export interface RecordWriter {
  add(record: unknown): Promise<void>;
  close(): Promise<void>;
}

export async function createRecordWriter(stem: string): Promise<RecordWriter> {
  const offsets: number[] = [0];
  let at = 0;
  let chunk = '';
  const temp = `.${process.pid}.tmp`;
  const file = await open(`${stem}.jsonl${temp}`, 'w');
  return {
    async add(record) {
      const line = record === null ? '' : `${JSON.stringify(record)}\n`;
      at += Buffer.byteLength(line, 'utf8');
      offsets.push(at);
      chunk += line;
      if (chunk.length > 1 << 20) {
        await file.write(chunk);
        chunk = '';
      }
    },
    async close() {
      try {
        await file.write(chunk);
      } finally {
        await file.close();
      }
      await writeFile(`${stem}.offsets.bin${temp}`, new Float64Array(offsets));
      await rename(`${stem}.jsonl${temp}`, `${stem}.jsonl`);
      await rename(`${stem}.offsets.bin${temp}`, `${stem}.offsets.bin`);
    },
  };
}

/** Open a record file; null when it is missing, or its offsets do not fit the records file or `count`. */
export async function openRecordFile<T>(stem: string, count: number): Promise<RecordFile<T> | null> {
  let offsets: Float64Array;
  let fd: number;
  try {
    const buf = await readFile(`${stem}.offsets.bin`);
    offsets = new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    const size = (await stat(`${stem}.jsonl`)).size;
    if (offsets.length !== count + 1 || offsets[count] !== size) return null;
    fd = openSync(`${stem}.jsonl`, 'r');
  } catch {
    return null;
  }
  return {
    count,
    has: (i) => offsets[i + 1]! > offsets[i]!,
    read(i) {
      const start = offsets[i]!;
      const length = offsets[i + 1]! - start;
      if (!(length > 0)) return null;
      const buf = Buffer.allocUnsafe(length);
      readSync(fd, buf, 0, length, start);
      return JSON.parse(buf.toString('utf8')) as T;
    },
    close: () => closeSync(fd),
  };
}
