import { leansOnContext } from '../../../src/offline/synth/anaphora.js';

/**
 * Defects a researcher notices at once in a drafted review, each found by a plain reading of the
 * Markdown. Every finding is a line of the review with what is wrong with it.
 */
export interface Defect {
  kind: string;
  line: string;
}

const BASE_VERBS = 'propose|find|apply|observe|introduce|present|develop|show|demonstrate|explore|investigate|analyze|analyse|identify|achieve|use|leverage|design|evaluate|extend|derive|establish|reveal|conduct|provide|examine|compare|construct';

/** Sentences about one paper: the list items of the sections. */
function paperLines(markdown: string): string[] {
  return markdown.split('\n').filter((l) => l.startsWith('- '));
}

function sectionOf(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) return '';
  const end = markdown.indexOf('\n## ', start + 4);
  return markdown.slice(start, end < 0 ? undefined : end);
}

export function reviewDefects(markdown: string, categoryNames: readonly string[]): Defect[] {
  const out: Defect[] = [];
  const add = (kind: string, line: string): void => void out.push({ kind, line: line.slice(0, 240) });
  for (const line of paperLines(markdown)) {
    const first = line.slice(2).split(/(?<=\]\.)\s/)[0]!;
    if (/^- Another paper\b/.test(line) || /\bAnother paper\b/.test(line)) add('unnamed paper', line);
    if (/^In [^,]+, (?:this|these|it|its|they|their|such)\b/i.test(first)) add('dangling subject', line);
    const body = first.replace(/^(?:\*[^*]+\*|\S+)\s+/, '');
    if (!/^(?:reports|states):/.test(body) && leansOnContext(body)) add('dangling subject', line);
    if (/\b(?:addresses|tackles|bridges|fills|solves) (?:this|these|that) (?:\w+ )?(?:problem|gap|issue|challenge)s?\b/i.test(first)) add('dangling subject', line);
    if (new RegExp(String.raw`^\S+ (?:\w+s) [^."]*\band (?:${BASE_VERBS})\b(?!-)`).test(first) && !/\bet al\.|\band\b.*\b(?:authors|they)\b/.test(first)) add('verb agreement', line);
    if (/\bcan be it\b|\bIn [A-Z]\w+, another\b/.test(line)) add('broken grammar', line);
  }
  for (const m of markdown.matchAll(/On ([^,]+), ((?:[^.]|\.(?!\s))+)\./g)) {
    const metric = m[1]!.toLowerCase().split(/\s+/)[0]!;
    const words = metric === 'speedup' ? ['speedup', 'faster', 'acceleration', 'speed'] : [metric];
    for (const fig of m[2]!.matchAll(/reports "([^"]+)"/g)) {
      if (!words.some((w) => fig[1]!.toLowerCase().includes(w))) add('number without its own metric', m[0]);
    }
    if (/\breported figures are\b/.test(m[0])) add('number without its own metric', m[0]);
  }
  for (const name of categoryNames) {
    if (/^Group \d+$/i.test(name) || /\(\d+\)$/.test(name)) add('placeholder category name', name);
    if (!/\s|&/.test(name) && /^(?:accuracy|performance|efficiency|inference|generation|training|networks?|models?|methods?|learning|speedup)$/i.test(name)) add('vague category name', name);
  }
  for (const line of sectionOf(markdown, 'Open problems').split('\n').filter((l) => l.startsWith('**'))) {
    for (const q of line.matchAll(/notes?: "([^"]+)"/g)) {
      if (/\b(?:provides?|enables?|foundation|insights?|we believe|we hope)\b[^.]{0,80}\bfuture (?:research|work)\b/i.test(q[1]!)) add('open problem that is not a problem', q[1]!);
    }
  }
  return out;
}
