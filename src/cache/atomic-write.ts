import { randomBytes } from 'node:crypto';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Prefix and suffix of the temporary files written next to their target (so `prune` can find leftovers). */
export const TEMP_PREFIX = '.';
export const TEMP_SUFFIX = '.tmp';

/**
 * Write a file atomically: the data goes to a unique temporary file in the same folder, which is then
 * renamed over the target. A reader (another process included) sees the old file or the new one,
 * never a torn one; a crash leaves at most a stray temporary file.
 */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `${TEMP_PREFIX}${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  try {
    await writeFile(temp, data, { encoding: 'utf8', mode: 0o644 });
    await rename(temp, file);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}
