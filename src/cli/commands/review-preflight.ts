import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config/schema.js';
import { fsReason } from '../../corpus/collect-files.js';
import { ConfigError } from '../../errors.js';
import { checkOutFolder } from '../../pipeline/out-folder.js';
import { checkPromptDir } from '../../prompts/check-prompt-dir.js';

/**
 * Everything a review can check before it reads the corpus or sends a request, so a bad option costs nothing:
 * the output folder (`--out`, else the runs folder) is a folder or can be made one and is writable, and every
 * `--prompts` folder holds only known, well-formed prompts; `--out` is new, empty or an earlier run (or `--force`), and no
 * file the run writes is one it reads (see pipeline/out-folder.ts). Throws a ConfigError (exit 2) with a one-line reason.
 */
export async function reviewPreflight(config: Config, inputPaths: readonly string[], matrixRuns = 1): Promise<void> {
  if (!config.dryRun) await checkWritableFolder(config.outDir ?? config.runsDir, config.outDir ? '--out' : 'the runs folder');
  if (!config.dryRun && config.outDir) {
    const inputs = [
      ...inputPaths.map((p) => path.resolve(config.cwd, p)),
      ...[config.taxonomyFile, config.criteriaFile, config.configFile].filter((f): f is string => f !== undefined),
      ...config.promptDirs,
    ];
    const subfolders = matrixRuns > 1 ? Array.from({ length: matrixRuns }, (_, i) => String(i + 1)) : [];
    await checkOutFolder({ outDir: config.outDir, inputs, force: config.force, subfolders });
  }
  for (const dir of config.promptDirs) await checkPromptDir(dir);
  if (config.taxonomyFile) {
    const info = await stat(config.taxonomyFile).catch(() => null);
    if (!info?.isFile()) throw new ConfigError(`--taxonomy ${config.taxonomyFile}: no such file`);
  }
}

/** The folder exists and is writable, or its nearest existing ancestor is a writable folder (it will be created). */
async function checkWritableFolder(dir: string, what: string): Promise<void> {
  let at = path.resolve(dir);
  for (;;) {
    const info = await stat(at).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' || err.code === 'ENOTDIR' ? null : err));
    if (info instanceof Error) throw new ConfigError(`${what} ${dir}: ${fsReason(info)}`);
    if (info) {
      if (!info.isDirectory()) {
        throw new ConfigError(at === path.resolve(dir) ? `${what} ${dir} is a file, not a folder` : `${what} ${dir}: ${at} is a file, not a folder`);
      }
      try {
        await access(at, constants.W_OK);
      } catch (err) {
        throw new ConfigError(`${what} ${dir}: ${at === path.resolve(dir) ? '' : `${at}: `}${fsReason(err)} (not writable)`);
      }
      return;
    }
    const parent = path.dirname(at);
    if (parent === at) return;
    at = parent;
  }
}
