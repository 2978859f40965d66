import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { RUN_MANIFEST, RUN_START_MARKER, runOutputNames } from '../corpus/walk-exclusions.js';
import { ConfigError } from '../errors.js';

/** Files an operating system leaves in any folder: they do not make it someone's folder. */
const OS_LITTER = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

export interface OutFolderCheck {
  /** The --out folder (absolute). */
  outDir: string;
  /** Every file or folder the command reads: input paths, --taxonomy, --criteria, --prompts, the config file. */
  inputs: readonly string[];
  /** --force: write into a folder that is neither empty nor an earlier run. */
  force: boolean;
  /** Matrix runs write into numbered subfolders of --out. */
  subfolders?: readonly string[];
}

/**
 * `--out` must be a new or empty folder, or an earlier litrev run (it holds run.json, or the start marker a killed
 * run left), so a re-run resumes there; anything else is a ConfigError (exit 2) before any request, unless --force.
 * Whatever the folder, no file the run writes may be one it reads (or lie inside a folder it reads): that is refused
 * even with --force.
 */
export async function checkOutFolder(check: OutFolderCheck): Promise<void> {
  const runDirs = check.subfolders && check.subfolders.length > 0 ? check.subfolders.map((s) => path.join(check.outDir, s)) : [check.outDir];
  if (!check.force) {
    const kind = await folderKind(check.outDir, runDirs.length > 1 ? runDirs : null);
    if (kind === 'foreign') {
      throw new ConfigError(
        `--out ${check.outDir} is not empty and is not a litrev run: its files could be overwritten`,
        'choose a new or empty folder (or an earlier run of litrev), or give --force to write into it anyway',
      );
    }
  }
  const inputs = await Promise.all(check.inputs.map(async (p) => ({ shown: p, real: await realOrSelf(path.resolve(p)), isDir: await isDirectory(p) })));
  for (const dir of runDirs) {
    const isRun = (await folderKind(dir, null)) === 'run';
    for (const name of runOutputNames()) {
      const target = path.join(dir, name);
      const real = await realOrSelf(target);
      for (const input of inputs) {
        const same = real === input.real || path.resolve(target) === path.resolve(input.shown);
        // A file inside an input folder is read by the walk unless the folder is a run's (walks pass over those).
        const inside = input.isDir && !isRun && (await exists(target)) && isWithin(real, input.real);
        if (same || inside) {
          throw new ConfigError(
            `${target} is an input of this run (${input.shown}): litrev never writes over a file it reads`,
            'choose another --out folder',
          );
        }
      }
    }
  }
}

/** Leave the start marker in a run's folder, so a killed run's folder is recognised as a run when the command is run again. */
export async function markRunFolder(outDir: string, runId: string): Promise<void> {
  await writeFileAtomic(path.join(outDir, RUN_START_MARKER), `${JSON.stringify({ runId, startedAt: new Date().toISOString() })}\n`);
}

type FolderKind = 'absent' | 'empty' | 'run' | 'foreign';

/** What a folder is: absent, empty, an earlier run's, or someone else's. With `runDirs`, a folder of run folders counts as a run. */
async function folderKind(dir: string, runDirs: readonly string[] | null): Promise<FolderKind> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'absent';
    return 'foreign';
  }
  const visible = entries.filter((e) => !OS_LITTER.has(e));
  if (visible.length === 0) return 'empty';
  if (visible.includes(RUN_MANIFEST) || visible.includes(RUN_START_MARKER)) return 'run';
  if (runDirs) {
    const names = new Set(runDirs.map((d) => path.basename(d)));
    if (visible.every((e) => names.has(e))) {
      const kinds = await Promise.all(visible.map((e) => folderKind(path.join(dir, e), null)));
      if (kinds.every((k) => k !== 'foreign')) return 'run';
    }
  }
  return 'foreign';
}

function isWithin(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

async function realOrSelf(p: string): Promise<string> {
  try {
    return await realpath(p);
  } catch {
    // A file that does not exist yet: its folder's real path, so links to the folder are seen through.
    const parent = path.dirname(p);
    if (parent === p) return p;
    return path.join(await realOrSelf(parent), path.basename(p));
  }
}

async function isDirectory(p: string): Promise<boolean> {
  return (await stat(p).catch(() => null))?.isDirectory() ?? false;
}

async function exists(p: string): Promise<boolean> {
  return (await stat(p).catch(() => null)) !== null;
}
