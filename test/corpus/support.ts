import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { ingestPaths, type IngestReport } from '../../src/corpus/ingest.js';

/** Folder of the shipped ingest fixtures. */
export const FIXTURES = path.resolve(__dirname, '../fixtures/ingest');
/** The bundled example corpus. */
export const EXAMPLE_CORPUS = path.resolve(__dirname, '../../examples/corpus');

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A fresh temp folder, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'litrev-ingest-'));
  temps.push(dir);
  return dir;
}

/** Write files (name -> text or bytes) into a fresh temp folder and return it. */
export async function tempFiles(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await tempDir();
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

/** Ingest fixture files by name. */
export function ingestFixtures(...names: string[]): Promise<IngestReport> {
  return ingestPaths(names, { cwd: FIXTURES });
}

/** The paper whose title contains `text` (fails loudly when absent). */
export function paperTitled(report: IngestReport, text: string) {
  const p = report.papers.find((x) => x.title.includes(text));
  if (!p) throw new Error(`no paper titled like "${text}" among: ${report.papers.map((x) => x.title).join(' | ')}`);
  return p;
}
