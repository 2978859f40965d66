import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../errors.js';

/**
 * A file could not be written completely. The previous file (if any) is intact: the new content went to a
 * temporary file that was removed. The message names the file and, for a full disk, the device. A
 * ConfigError (exit 2), as every unwritable output, cache or workspace folder has always been.
 */
export class FileWriteError extends ConfigError {
  readonly file: string;
  readonly code: string | undefined;
  constructor(file: string, message: string, code: string | undefined, cause: unknown) {
    super(message, hintFor(code), cause);
    this.file = file;
    this.code = code;
  }
}

function hintFor(code: string | undefined): string {
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'free some space (or choose another folder), then run the command again: nothing written before was lost';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'choose a writable folder, then run the command again';
  return 'run the command again once the file system is healthy: the previous file was left as it was';
}

/** Turn a low-level failure while writing `file` into a FileWriteError with a one-line reason. */
export async function fileWriteError(file: string, err: unknown): Promise<FileWriteError> {
  if (err instanceof FileWriteError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    const what = code === 'EDQUOT' ? 'disk quota exceeded' : 'no space left';
    return new FileWriteError(file, `${what} on ${await deviceOf(path.dirname(file))} while writing ${file}`, code, err);
  }
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : (err as Error)?.message ?? String(err);
  return new FileWriteError(file, `cannot write ${file}: ${reason}`, code, err);
}

/**
 * The mount point holding `dir` (the highest ancestor on the same device), so a full-disk message names
 * the file system that is full. Falls back to the folder itself.
 */
async function deviceOf(dir: string): Promise<string> {
  try {
    let current = path.resolve(dir);
    const dev = (await stat(current)).dev;
    for (;;) {
      const parent = path.dirname(current);
      if (parent === current || (await stat(parent)).dev !== dev) return `the device mounted at ${current}`;
      current = parent;
    }
  } catch {
    return `the device holding ${dir}`;
  }
}
