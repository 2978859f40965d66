import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { QaTurn } from './types.js';

/** The last `ask` of a workspace, kept so `ask --follow-up` continues it ("which of these ..."). */
const FILE = 'last-answer.json';
const TURNS_KEPT = 4;

export async function writeLastAnswer(workspaceDir: string, history: readonly QaTurn[], papers: readonly string[]): Promise<void> {
  const body = JSON.stringify({ version: 1, history: history.slice(-TURNS_KEPT), papers });
  // Only a convenience for the next question: a workspace that cannot be written to does not fail the answer.
  await writeFileAtomic(path.join(workspaceDir, FILE), [body]).catch(() => undefined);
}

export async function readLastAnswer(workspaceDir: string): Promise<{ history: QaTurn[]; papers: string[] } | undefined> {
  try {
    const data = JSON.parse(await readFile(path.join(workspaceDir, FILE), 'utf8')) as { history?: unknown; papers?: unknown };
    const history = Array.isArray(data.history) ? data.history.filter((t): t is QaTurn => !!t && typeof t.question === 'string' && typeof t.answer === 'string') : [];
    const papers = Array.isArray(data.papers) ? data.papers.filter((k): k is string => typeof k === 'string') : [];
    return { history, papers };
  } catch {
    return undefined;
  }
}
