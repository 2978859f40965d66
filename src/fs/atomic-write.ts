import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Prefix and suffix of the temporary files written next to their target (so `cache prune` can find leftovers). */
export const TEMP_PREFIX = '.';
export const TEMP_SUFFIX = '.tmp';

/**
 * Write a file atomically: the data goes to a unique temporary file in the same folder, which is
 * then renamed over the target. A reader (another process included) sees the old file or the new
 * one, never a torn one; a crash leaves at most a stray temporary file. Creates the folder.
 * `data` may be a string or chunks (large files are written without joining them first).
 */
export async function writeFileAtomic(file: string, data: string | Iterable<string>): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `${TEMP_PREFIX}${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  try {
    const handle = await open(temp, 'w', 0o644);
    try {
      for (const chunk of typeof data === 'string' ? [data] : data) await handle.write(chunk);
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}
