import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, errorMessage } from '../errors.js';

/**
 * Write each file of `files` (name relative to `dir` → content) atomically: to a temporary file
 * in the same folder, then renamed over the target, so a reader never sees half a file. Creates
 * `dir` (and sub-folders) as needed. Returns the paths written, in the order given; a failure is a
 * ConfigError naming the file.
 */
export async function writeFilesAtomic(dir: string, files: Record<string, string>): Promise<string[]> {
  const written: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(dir, name);
    await mkdir(path.dirname(target), { recursive: true }).catch((err: unknown) => {
      throw new ConfigError(`cannot create ${path.dirname(target)}: ${errorMessage(err)}`, 'check that the output folder (--out) is writable', err);
    });
    const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temp, content, 'utf8');
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw new ConfigError(`cannot write ${target}: ${errorMessage(err)}`, 'check that the output folder (--out) is writable', err);
    }
    written.push(target);
  }
  return written;
}
