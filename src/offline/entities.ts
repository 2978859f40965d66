import { DATASETS, MODEL_FAMILIES, TASKS } from './gazetteer.js';

/** Tasks, datasets and models an abstract mentions. */
export interface Entities {
  tasks: string[];
  datasets: string[];
  models: string[];
}

const MAX_PER_KIND = 8;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const byLength = (a: string, b: string): number => b.length - a.length || a.localeCompare(b);

/** A family name, an attached version (`Qwen2.5`), hyphenated parts with digits or capitals, a size. */
const MODEL_RE = new RegExp(
  String.raw`(?<![\w-])(?:${[...MODEL_FAMILIES].sort(byLength).map(escape).join('|')})` +
    String.raw`(?:[- ]?v?\d+(?:\.\d+)*[a-z]?)?(?:-(?:[A-Za-z]*\d[A-Za-z0-9.]*|[A-Z][A-Za-z0-9.]*))*(?: \d+(?:\.\d+)?[BMbm])?(?![\w-])`,
  'g',
);
const DATASET_RE = new RegExp(String.raw`(?<![\w-])(?:${[...DATASETS].sort(byLength).map(escape).join('|')})(?![\w-])`, 'g');
const SUFFIX_DATASET_RE = /(?<![\w-])[A-Z][A-Za-z0-9-]*(?:Bench|QA|Eval)(?![\w-])/g;
const LISTED_RE = /((?:[A-Z][\w-]*)(?:(?:, | and |, and | & )[A-Z][\w-]*)*)\s+(?:datasets?|benchmarks?|corpora)\b/g;
const TASK_RES = [...TASKS].sort(byLength).map((t) => ({
  task: t,
  re: new RegExp(String.raw`(?<![\w-])${escape(t).replace(/ /g, '[ -]')}(?:s|es)?(?![\w-])`, 'i'),
}));
const NOT_NAMES = new Set(
  'The Our These This Those Extensive Experiments Experimental Multiple Several Various Standard Popular Public Existing Both Many Most All Some Other New Large Diverse Common Real-world Challenging NLP CV LLM LLMs AI ML RL VLM VLMs'.split(' '),
);

/** Hardware, number formats and similar codes that look like names but are not datasets. */
const NOT_DATASET =
  /^(?:[A-Z]\d{2,4}[A-Za-z]?(?:-\w+)?|RTX\w*|FP\d+|INT\d+|BF\d+|TF\d+|W\d+A\d+\w*|TPU\w*|[A-Z]{1,2}\d(?:\.\d+)*|CO\d|H\d+\w*|F1(?:-\w+)?|V\d[\w.]*)$/;
const CODE_TOKEN = /(?<![\w-])[A-Z][A-Za-z]*\d[\w.-]*[A-Za-z0-9]/g;
const MODEL_PREFIX = new RegExp(String.raw`^(?:${[...MODEL_FAMILIES].sort(byLength).map(escape).join('|')})`, 'i');
const EVALUATION = /\b(?:datasets?|benchmarks?|evaluat\w*|experiments?|tested|test sets?|corpora|corpus)\b/i;

/** Capitalised alphanumeric names ("ETTh1", "RepoBench-C-8k") in sentences about evaluation. */
function codedDatasets(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .filter((s) => EVALUATION.test(s))
    .flatMap((s) => [...s.matchAll(CODE_TOKEN)].map((m) => m[0]))
    .filter((t) => !NOT_DATASET.test(t) && !MODEL_PREFIX.test(t) && !/-\d+(?:\.\d+)?[BbMm](?:-|$)/.test(t));
}

function namelike(name: string): boolean {
  return /[A-Z].*[A-Z]|\d/.test(name);
}

function listedDatasets(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(LISTED_RE)) {
    const names = m[1]!.split(/, and |, | and | & /).filter((n) => !NOT_NAMES.has(n) && n.length <= 24 && !MODEL_PREFIX.test(n));
    if (names.length >= 2 || names.some(namelike)) out.push(...names);
  }
  return out;
}

function uniqueFirst(items: Iterable<string>, exclude: ReadonlySet<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of items) {
    const item = raw.replace(/[.]+$/, '').trim();
    const k = item.toLowerCase();
    if (!item || seen.has(k) || exclude.has(k)) continue;
    seen.add(k);
    out.push(item);
    if (out.length === MAX_PER_KIND) break;
  }
  return out;
}

function inOrder(text: string, matches: Iterable<RegExpMatchArray>): string[] {
  return [...matches].sort((a, b) => (a.index ?? 0) - (b.index ?? 0)).map((m) => m[0]);
}

/**
 * Tasks (gazetteer phrases), datasets (gazetteer names, `…Bench`/`…QA` names, names listed before
 * "datasets"/"benchmarks", and capitalised alphanumeric names in sentences about evaluation) and
 * models (gazetteer families with versions and sizes). The paper's own name is never one of its
 * models, and never a dataset it merely mentions by code.
 */
export function extractEntities(text: string, ownName: string | null): Entities {
  const own = new Set(ownName ? [ownName.toLowerCase()] : []);
  const models = uniqueFirst(inOrder(text, text.matchAll(MODEL_RE)), own);
  const modelSet = new Set(models.map((m) => m.toLowerCase()));
  const datasetHits = [
    ...text.matchAll(DATASET_RE),
    ...text.matchAll(SUFFIX_DATASET_RE),
  ];
  const datasets = uniqueFirst([...inOrder(text, datasetHits), ...listedDatasets(text), ...codedDatasets(text)], new Set([...modelSet, ...own]));
  const tasks: { task: string; at: number }[] = [];
  for (const { task, re } of TASK_RES) {
    const m = re.exec(text);
    if (m && !tasks.some((t) => t.task.includes(task))) tasks.push({ task, at: m.index });
  }
  tasks.sort((a, b) => a.at - b.at || a.task.localeCompare(b.task));
  return { tasks: uniqueFirst(tasks.map((t) => t.task), new Set()), datasets, models };
}
