import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { fileWriteError } from './write-error.js';

/** Prefix and suffix of the temporary files written next to their target (so `cache prune` can find leftovers). */
export const TEMP_PREFIX = '.';
export const TEMP_SUFFIX = '.tmp';

/**
 * Write a file durably and atomically: the data goes to a unique temporary file in the same folder,
 * every byte is written (short writes are continued, a failed one is an error), the file is flushed to
 * the disk (fsync), then renamed over the target and the folder is flushed too where the platform allows.
 * A reader (another process included) sees the old file or the new one, never a torn one; a crash or a
 * full disk leaves the previous file intact (and at most a stray temporary file after a crash).
 * Creates the folder. `data` may be a string or chunks (large files are written without joining them).
 * Any failure is a FileWriteError naming the file ("no space left on ... while writing ...").
 */
export async function writeFileAtomic(file: string, data: string | Iterable<string>): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `${TEMP_PREFIX}${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  try {
    await mkdir(dir, { recursive: true });
    const handle = await open(temp, 'w', 0o644);
    try {
      for (const chunk of typeof data === 'string' ? [data] : data) await writeAll(handle, Buffer.from(chunk, 'utf8'));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw await fileWriteError(file, err);
  }
  await syncFolder(dir);
}

/** Write the whole buffer: a short write is continued from where it stopped; zero progress is an error. */
async function writeAll(handle: FileHandle, buffer: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
    if (bytesWritten <= 0) throw Object.assign(new Error('the file system accepted no more bytes'), { code: 'ENOSPC' });
    offset += bytesWritten;
  }
}

/**
 * Flush the folder entry of a rename to the disk. Some platforms (Windows) and file systems cannot open
 * or sync a folder; the rename has happened by then, so that is not an error.
 */
async function syncFolder(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported here: the file itself is already synced.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
