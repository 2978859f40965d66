import { readdir, realpath, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import type { InputIssue } from './paper.js';
import { countFiles, excludedFolderReason, isRunOutput, RUN_MANIFEST } from './walk-exclusions.js';

/** A file to read: `path` as shown to the user (relative when the input was), `abs` to open. */
export interface InputFile {
  path: string;
  abs: string;
}

/** Extensions read when walking a folder (files named on the command line are always read). */
const INPUT_EXTENSIONS = new Set([
  '', '.txt', '.text', '.md', '.markdown', '.bib', '.bibtex', '.ris', '.csv', '.tsv', '.tab', '.json', '.jsonl',
  '.ndjson', '.xml', '.atom',
]);
const DOC_FILE = /^(readme|license|licence|changelog|contributing|copying|notice)(\.|$)/i;
/** Project manifests and lock files: never paper records. */
const PROJECT_FILE = /^(package(-lock)?\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|tsconfig(\..*)?\.json|jsconfig\.json|composer\.(json|lock)|pyproject\.toml|requirements.*\.txt|litrev\.config\.json)$/i;

export interface CollectOptions {
  /** Folders never walked into (absolute): litrev's runs folder, cache and workspace. */
  exclude?: readonly string[];
  /** Follow symbolic links that lead out of the folder being walked (`--follow-symlinks`; default: skip them, said). */
  followSymlinks?: boolean;
}

export interface CollectResult {
  files: InputFile[];
  issues: InputIssue[];
  /** Files a folder walk passed over without reading them (litrev's own outputs, VCS and dependency folders). */
  notRead: number;
}

/**
 * Expand files and folders (recursively, in name order; hidden entries skipped) into the files to read.
 * Missing or unreadable paths and files a folder walk passes over come back as issues naming the path.
 * Folder walks never read litrev's own outputs (see walk-exclusions.ts): such folders are counted, not read.
 */
export async function collectFiles(inputs: readonly string[], cwd: string, options: CollectOptions = {}): Promise<CollectResult> {
  const files: InputFile[] = [];
  const issues: InputIssue[] = [];
  const excluded = new Set((options.exclude ?? []).map((d) => path.resolve(cwd, d)));
  let notRead = 0;
  const passOver = async (shown: string, abs: string, reason: string) => {
    const count = await countFiles(abs);
    notRead += count;
    issues.push({ path: shown, reason: `${shown}: not read (${reason}; ${count} file${count === 1 ? '' : 's'})`, level: 'skipped' });
  };
  const seen = new Set<string>();
  const add = async (shown: string, abs: string) => {
    const real = await realpath(abs).catch(() => abs);
    if (seen.has(real)) return;
    seen.add(real);
    files.push({ path: shown, abs });
  };
  const skip = (shown: string, reason: string): void => {
    issues.push({ path: shown, reason: `${shown}: not read (${reason})`, level: 'skipped' });
  };
  const walk = async (shown: string, abs: string, visited: Set<string>, root: string): Promise<void> => {
    const real = await realpath(abs).catch(() => abs);
    if (visited.has(real)) return;
    visited.add(real);
    if (await isSystemPath(real)) return skip(shown, `a system folder (${real}): never walked`);
    let entries;
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch (err) {
      issues.push({ path: shown, reason: `${shown}: ${fsReason(err)}`, level: 'skipped' });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const runFolder = entries.some((e) => e.name === RUN_MANIFEST && !e.isDirectory());
    for (const e of entries) {
      const childShown = path.join(shown, e.name);
      const childAbs = path.join(abs, e.name);
      const kind = e.isSymbolicLink() ? await kindOf(childAbs) : e.isDirectory() ? 'dir' : e.isFile() ? 'file' : 'other';
      if (e.isSymbolicLink() && (kind === 'dir' || kind === 'file')) {
        // A link is followed only while it stays inside the folder named on the command line (or with --follow-symlinks),
        // and never into /proc, /sys or /dev.
        const target = await realpath(childAbs).catch(() => childAbs);
        if (await isSystemPath(target)) {
          skip(childShown, `a system folder (${target}): never walked`);
          continue;
        }
        if (!options.followSymlinks && !within(target, root)) {
          skip(childShown, `a symbolic link leading out of the folder, to ${target}; --follow-symlinks reads it`);
          continue;
        }
      }
      if (e.name.startsWith('.')) {
        if (kind === 'file') notRead++;
        else if (kind === 'dir') notRead += await countFiles(childAbs);
        continue;
      }
      if (kind === 'dir') {
        const reason = await excludedFolderReason(e.name, childAbs, excluded);
        if (reason) await passOver(childShown, childAbs, reason);
        else await walk(childShown, childAbs, visited, root);
      } else if (kind === 'file') {
        if (runFolder && isRunOutput(e.name)) {
          notRead++;
          continue;
        }
        const reason = walkSkipReason(e.name);
        if (reason) issues.push({ path: childShown, reason: `${childShown}: ${reason}`, level: 'skipped' });
        else await add(childShown, childAbs);
      } else if (kind === 'broken') issues.push({ path: childShown, reason: `${childShown}: broken symbolic link`, level: 'skipped' });
      else if (!e.name.startsWith('.')) skip(childShown, 'not a regular file (a pipe, socket or device)');
    }
  };
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let info;
    try {
      info = await stat(abs);
    } catch (err) {
      issues.push({ path: input, reason: `${input}: ${fsReason(err)}`, level: 'skipped' });
      continue;
    }
    const real = await realpath(abs).catch(() => abs);
    if (await isSystemPath(real)) {
      skip(input, `a system folder (${real}): never read`);
      continue;
    }
    if (info.isDirectory()) {
      const reason = excluded.has(real) || excluded.has(abs) ? 'litrev\'s own folder' : null;
      if (reason) await passOver(input, abs, reason);
      else await walk(input, abs, new Set(), real);
    }
    else if (info.isFile()) await add(input, abs);
    else issues.push({ path: input, reason: `${input}: not a regular file or folder`, level: 'skipped' });
  }
  return { files, issues, notRead };
}

async function kindOf(abs: string): Promise<'dir' | 'file' | 'other' | 'broken'> {
  try {
    const s = await stat(abs);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other';
  } catch {
    return 'broken';
  }
}

/** Is `target` (a real path) `root` or inside it? */
function within(target: string, root: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Kernel file systems that describe the machine, not papers: procfs, sysfs, devtmpfs and the like. */
const SYSTEM_ROOTS = ['/proc', '/sys', '/dev'];
const SYSTEM_FS_TYPES = new Set([0x9fa0 /* proc */, 0x62656572 /* sysfs */, 0x1cd1 /* devpts */, 0x27e0eb /* cgroup */, 0x63677270 /* cgroup2 */, 0x64626720 /* debugfs */, 0x74726163 /* tracefs */, 0x73636673 /* securityfs */]);

async function isSystemPath(real: string): Promise<boolean> {
  if (process.platform === 'win32') return false;
  if (SYSTEM_ROOTS.some((r) => real === r || real.startsWith(`${r}/`))) return true;
  const fs = await statfs(real).catch(() => null);
  return fs !== null && SYSTEM_FS_TYPES.has(Number(fs.type));
}

function walkSkipReason(name: string): string | null {
  if (DOC_FILE.test(name)) return 'skipped in a folder walk (a documentation file; name it to read it)';
  if (PROJECT_FILE.test(name)) return 'skipped in a folder walk (a project file, not a paper list; name it to read it)';
  const ext = path.extname(name).toLowerCase();
  if (!INPUT_EXTENSIONS.has(ext)) return `skipped in a folder walk (${ext} is not an input format; name it to read it)`;
  return null;
}

/** A one-line reason for a file-system error. */
export function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return (err as Error)?.message?.split('\n')[0] ?? String(err);
  }
}
