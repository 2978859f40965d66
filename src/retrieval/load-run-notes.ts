import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PaperNotes } from './types.js';

export interface RunNotes {
  runId: string;
  runDir: string;
  /** Annotations by paper id. */
  notes: Map<string, PaperNotes>;
}

interface RunManifest {
  runId?: unknown;
  createdAt?: unknown;
  corpusHash?: unknown;
}

/**
 * The annotations of the newest review run over this corpus (same corpus hash), read from its
 * papers.jsonl. Returns null when there is none; unreadable runs and lines are skipped, since
 * annotations only improve retrieval and are never required.
 */
export async function loadRunNotes(runsDir: string, corpusHash: string): Promise<RunNotes | null> {
  const entries = await readdir(runsDir, { withFileTypes: true }).catch(() => []);
  const candidates: { runId: string; runDir: string; createdAt: number }[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const runDir = path.join(runsDir, entry.name);
    const manifest = await readJson(path.join(runDir, 'run.json'));
    if (!manifest || manifest.corpusHash !== corpusHash) continue;
    const createdAt = typeof manifest.createdAt === 'string' ? Date.parse(manifest.createdAt) : NaN;
    if (Number.isNaN(createdAt)) continue;
    const runId = typeof manifest.runId === 'string' ? manifest.runId : entry.name;
    candidates.push({ runId, runDir, createdAt });
  }
  candidates.sort((a, b) => b.createdAt - a.createdAt || b.runId.localeCompare(a.runId));
  for (const c of candidates) {
    const notes = await readPapersJsonl(path.join(c.runDir, 'papers.jsonl'));
    if (notes && notes.size > 0) return { runId: c.runId, runDir: c.runDir, notes };
  }
  return null;
}

async function readJson(file: string): Promise<RunManifest | null> {
  try {
    const data: unknown = JSON.parse(await readFile(file, 'utf8'));
    return data && typeof data === 'object' ? (data as RunManifest) : null;
  } catch {
    return null;
  }
}

/** One PaperNotes per line of papers.jsonl that has an id; failed papers carry no notes. */
export async function readPapersJsonl(file: string): Promise<Map<string, PaperNotes> | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  const notes = new Map<string, PaperNotes>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (typeof row.id !== 'string' || row.status === 'failed') continue;
    notes.set(row.id, {
      category: str(row.category),
      ...(str(row.subcategory) ? { subcategory: str(row.subcategory) } : {}),
      ...lists(row),
      contributionType: str(row.contributionType),
      methodFamily: str(row.methodFamily),
      methodSummary: str(row.methodSummary),
      claims: Array.isArray(row.claims)
        ? row.claims.flatMap((c: unknown) => {
            const claim = c as { text?: unknown; quote?: unknown; metric?: unknown; value?: unknown; baseline?: unknown } | null;
            if (!claim || typeof claim.text !== 'string') return [];
            const fields = { metric: str(claim.metric), value: str(claim.value), baseline: str(claim.baseline) };
            return [{ text: claim.text, quote: str(claim.quote), ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) }];
          })
        : [],
    });
  }
  return notes;
}

/** The review's tasks, datasets and models of a paper, each only when it names some. */
function lists(row: Record<string, unknown>): Pick<PaperNotes, 'tasks' | 'datasets' | 'models'> {
  const out: Pick<PaperNotes, 'tasks' | 'datasets' | 'models'> = {};
  for (const name of ['tasks', 'datasets', 'models'] as const) {
    const values = strings(row[name]);
    if (values.length > 0) out[name] = values;
  }
  return out;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}
