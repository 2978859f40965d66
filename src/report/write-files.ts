import path from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { FileWriteError } from '../fs/write-error.js';
import { ConfigError, errorMessage } from '../errors.js';

/**
 * Write each file of `files` (name relative to `dir` → content, a string or lazily produced chunks) atomically (temp file + rename),
 * so a reader never sees half a file. Creates `dir` as needed. Returns the paths written, in the
 * order given; a failure is a ConfigError naming the file. `onWritten` hears how many are written after each one.
 */
export async function writeFilesAtomic(dir: string, files: Record<string, string | Iterable<string>>, onWritten?: (count: number) => void): Promise<string[]> {
  const written: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(dir, name);
    try {
      await writeFileAtomic(target, content);
    } catch (err) {
      if (err instanceof FileWriteError) throw err;
      throw new ConfigError(`cannot write ${target}: ${errorMessage(err)}`, 'check that the output folder (--out) is writable', err);
    }
    written.push(target);
    onWritten?.(written.length);
  }
  return written;
}
