import { diffLines, unifiedDiff } from './line-diff.js';
import { splitSections, type ReviewSectionText } from './review-sections.js';

/** How one `## ` section of review.md changed between two runs. */
export interface SectionDiff {
  /** The section heading ('' for the text before the first heading). */
  heading: string;
  status: 'changed' | 'added' | 'removed';
  linesAdded: number;
  linesRemoved: number;
  /** Unified diff of the section's lines (A is old, B is new). */
  diff: string;
}

export interface ReviewSectionsDiff {
  /** Sections present and identical in both. */
  unchanged: number;
  /** Changed, added and removed sections, in review order. */
  changed: SectionDiff[];
}

/**
 * Diff two review.md texts section by section: sections are paired by heading (the n-th
 * occurrence of a heading with the n-th), kept in review order, and each changed pair gets a
 * line-based unified diff. A missing review counts as empty.
 */
export function diffReviewSections(a: string | null, b: string | null, context = 3): ReviewSectionsDiff {
  const left = keyed(splitSections(a ?? ''));
  const right = keyed(splitSections(b ?? ''));
  const order = diffLines(
    left.map((s) => s.key),
    right.map((s) => s.key),
  );
  const byKeyA = new Map(left.map((s) => [s.key, s.section]));
  const byKeyB = new Map(right.map((s) => [s.key, s.section]));
  let unchanged = 0;
  const changed: SectionDiff[] = [];
  for (const step of order) {
    const sa = step.op === '+' ? undefined : byKeyA.get(step.text);
    const sb = step.op === '-' ? undefined : byKeyB.get(step.text);
    const lines = diffLines(sa?.lines ?? [], sb?.lines ?? []);
    const linesAdded = lines.filter((l) => l.op === '+').length;
    const linesRemoved = lines.filter((l) => l.op === '-').length;
    if (sa && sb && linesAdded === 0 && linesRemoved === 0) {
      unchanged++;
      continue;
    }
    changed.push({
      heading: (sa ?? sb)!.heading,
      status: !sa ? 'added' : !sb ? 'removed' : 'changed',
      linesAdded,
      linesRemoved,
      diff: unifiedDiff(lines, context),
    });
  }
  return { unchanged, changed };
}

function keyed(sections: ReviewSectionText[]): { key: string; section: ReviewSectionText }[] {
  const seen = new Map<string, number>();
  return sections.map((section) => {
    const n = (seen.get(section.heading) ?? 0) + 1;
    seen.set(section.heading, n);
    return { key: `${section.heading}\u0000${n}`, section };
  });
}
