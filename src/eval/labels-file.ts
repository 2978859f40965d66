import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { isRecord, parseJson, readTextFile } from '../fs/read-text-file.js';
import type { Label, LabelDecision } from './label-item.js';

const DECISIONS: readonly LabelDecision[] = ['include', 'exclude', 'unsure'];

/**
 * Read a labels file written by `litrev label` (JSONL, one label per paper). A missing file is an
 * empty one (a first session); a line that is not a label is a UsageError naming the file and line,
 * since rewriting the file would lose it.
 */
export async function readLabels(file: string): Promise<Label[]> {
  const read = await readTextFile(file);
  if (read.kind === 'missing') return [];
  if (read.kind === 'error') throw new UsageError(`labels file ${file}: ${read.reason}`);
  const labels: Label[] = [];
  read.text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const json = parseJson(line);
    const label = json.ok ? toLabel(json.value) : null;
    if (!label) {
      throw new UsageError(`labels file ${file}:${i + 1}: ${json.ok ? 'not a label (needs string "id" and "key")' : json.reason}`,
        'fix or move the file; litrev label rewrites it on every decision');
    }
    labels.push(label);
  });
  return labels;
}

function toLabel(v: unknown): Label | null {
  if (!isRecord(v) || typeof v.id !== 'string' || typeof v.key !== 'string') return null;
  const label = DECISIONS.includes(v.label as LabelDecision) ? (v.label as LabelDecision) : null;
  return {
    key: v.key,
    id: v.id,
    title: typeof v.title === 'string' ? v.title : '',
    relevant: typeof v.relevant === 'boolean' ? v.relevant : null,
    label,
    contributionType: typeof v.contributionType === 'string' ? v.contributionType : null,
  };
}

/** The file's text: one JSON line per label, in the order given. */
export function renderLabels(labels: readonly Label[]): string {
  return labels
    .map((l) => JSON.stringify({ key: l.key, id: l.id, title: l.title, relevant: l.relevant, label: l.label, contributionType: l.contributionType }))
    .map((line) => `${line}\n`)
    .join('');
}

/** Rewrite the whole labels file atomically (temp file + rename): a crash leaves the old file or the new one. */
export async function writeLabels(file: string, labels: readonly Label[]): Promise<void> {
  await writeFileAtomic(file, renderLabels(labels));
}
