import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';

/** Run folders written outside the runs folder (`review --out DIR`), recorded so `litrev runs` lists them too. */
const REGISTRY_FILE = 'runs.json';

/** The recorded run folders (absolute), oldest first; empty when none were recorded or the file is unreadable. */
export async function recordedRunFolders(workspaceDir: string): Promise<string[]> {
  try {
    const data = JSON.parse(await readFile(path.join(workspaceDir, REGISTRY_FILE), 'utf8')) as { runs?: unknown };
    return Array.isArray(data.runs) ? data.runs.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}

/** Record a run folder outside `runsDir` (once). */
export async function recordRunFolder(workspaceDir: string, runsDir: string, outDir: string): Promise<void> {
  const dir = path.resolve(outDir);
  const rel = path.relative(path.resolve(runsDir), dir);
  if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) return;
  const known = await recordedRunFolders(workspaceDir);
  if (known.includes(dir)) return;
  await writeFileAtomic(path.join(workspaceDir, REGISTRY_FILE), `${JSON.stringify({ version: 1, runs: [...known, dir] }, null, 2)}\n`);
}
