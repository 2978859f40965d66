import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** The manifest every litrev run writes: a folder holding one is a run's output folder. */
export const RUN_MANIFEST = 'run.json';
/** The marker a review leaves in its output folder as it starts: a killed run's folder is still a run's folder. */
export const RUN_START_MARKER = '.litrev-run';

/** Files a review writes into its run folder (see src/report and src/pipeline/write-outputs.ts). */
const RUN_OUTPUTS = new Set([
  RUN_MANIFEST, 'review.md', 'references.bib', 'papers.jsonl', 'papers.csv', 'taxonomy.json', 'verification.json',
  'papers-per-category.svg', 'prisma.svg', 'verification-quotes.jsonl', 'batches.json', RUN_START_MARKER,
]);

/** Every name a review may write into its run folder. */
export function runOutputNames(): string[] {
  return [...RUN_OUTPUTS];
}

/** Version-control, dependency and tool folders: never paper lists. */
const FOREIGN_DIRS = new Set([
  'node_modules', 'bower_components', 'jspm_packages', '__pycache__', 'site-packages', 'venv', 'CVS', '_darcs',
]);

/** Is `name` a file a review writes into its run folder? */
export function isRunOutput(name: string): boolean {
  return RUN_OUTPUTS.has(name);
}

/**
 * Why a folder met in a walk is not read, or null to walk it: one of the folders named in `excluded` (litrev's
 * runs folder, cache and workspace), a run's output folder (it holds a run.json), a response cache (it holds
 * cache entries and `ledgers/`), or a VCS or dependency folder.
 */
export async function excludedFolderReason(name: string, abs: string, excluded: ReadonlySet<string>): Promise<string | null> {
  if (excluded.has(abs)) return "litrev's own folder";
  if (FOREIGN_DIRS.has(name)) return 'a dependency folder';
  let entries: string[];
  try {
    entries = await readdir(abs);
  } catch {
    return null;
  }
  if (entries.includes(RUN_MANIFEST) || entries.includes(RUN_START_MARKER)) return "a litrev run's output";
  if (isCacheListing(entries)) return "litrev's response cache";
  if (isPromptFolder(entries)) return "litrev's prompt files";
  return null;
}

/** Names of litrev's prompt files (src/prompts/load-prompts.ts; corpus may not import prompts). */
const PROMPT_FILES = new Set(['classify.md', 'screen.md', 'taxonomy.md', 'assign.md', 'synthesize.md', 'overview.md', 'answer.md']);

/** A prompts folder (built-in or a --prompts copy): two or more prompt files, and no other Markdown. */
function isPromptFolder(entries: readonly string[]): boolean {
  const md = entries.filter((e) => e.toLowerCase().endsWith('.md'));
  return md.length >= 2 && md.every((e) => PROMPT_FILES.has(e));
}

/** A response cache: its ledgers or capabilities file, or only two-hex-digit entry folders. */
function isCacheListing(entries: readonly string[]): boolean {
  if (entries.includes('ledgers') || entries.includes('capabilities.json')) return true;
  const visible = entries.filter((e) => !e.startsWith('.'));
  return visible.length > 0 && visible.every((e) => /^[0-9a-f]{2}$/.test(e));
}

/** Number of files under a folder (read with readdir only; no file is opened). */
export async function countFiles(abs: string): Promise<number> {
  let entries;
  try {
    entries = await readdir(abs, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  return entries.filter((e) => !e.isDirectory()).length;
}

/** The folders of a configuration that walks must not read: runs, cache, workspace. */
export function litrevFolders(config: { runsDir: string; cacheDir: string; workspaceDir: string }): string[] {
  return [config.runsDir, config.cacheDir, config.workspaceDir].map((d) => path.resolve(d));
}
