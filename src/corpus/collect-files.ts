import { readdir, realpath, stat } from 'node:fs/promises';
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
  const walk = async (shown: string, abs: string, visited: Set<string>): Promise<void> => {
    const real = await realpath(abs).catch(() => abs);
    if (visited.has(real)) return;
    visited.add(real);
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
      if (e.name.startsWith('.')) {
        if (kind === 'file') notRead++;
        else if (kind === 'dir') notRead += await countFiles(childAbs);
        continue;
      }
      if (kind === 'dir') {
        const reason = await excludedFolderReason(e.name, childAbs, excluded);
        if (reason) await passOver(childShown, childAbs, reason);
        else await walk(childShown, childAbs, visited);
      } else if (kind === 'file') {
        if (runFolder && isRunOutput(e.name)) {
          notRead++;
          continue;
        }
        const reason = walkSkipReason(e.name);
        if (reason) issues.push({ path: childShown, reason: `${childShown}: ${reason}`, level: 'skipped' });
        else await add(childShown, childAbs);
      } else if (kind === 'broken') issues.push({ path: childShown, reason: `${childShown}: broken symbolic link`, level: 'skipped' });
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
    if (info.isDirectory()) {
      const reason = excluded.has(await realpath(abs).catch(() => abs)) || excluded.has(abs) ? 'litrev\'s own folder' : null;
      if (reason) await passOver(input, abs, reason);
      else await walk(input, abs, new Set());
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
