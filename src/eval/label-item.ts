/** One paper on the labelling screen: what the labeller reads, and the run's suggestion when there is one. */
export interface LabelItem {
  id: string;
  key: string;
  title: string;
  authors: string[];
  year: number | null;
  abstract: string;
  suggestion: LabelSuggestion | null;
}

/** What a run decided about the paper (litrev label --run). */
export interface LabelSuggestion {
  included: boolean;
  status: string;
  category: string | null;
  contributionType: string | null;
  /** Criteria answered "unclear" (criteria runs); failed papers count as least certain of all. */
  unclear: number;
  /** Why the run excluded it (criteria ids), when it did. */
  excludedBy: string[];
}

export type LabelDecision = 'include' | 'exclude' | 'unsure';

/** One line of the labels file: what `eval --gold` reads (key, id, title, relevant, contributionType). */
export interface Label {
  key: string;
  id: string;
  title: string;
  /** true include, false exclude, null unsure. */
  relevant: boolean | null;
  label: LabelDecision | null;
  contributionType: string | null;
}

/** A label for an item with nothing decided yet. */
export function blankLabel(item: LabelItem): Label {
  return { key: item.key, id: item.id, title: item.title, relevant: null, label: null, contributionType: null };
}

/** True when the label says something (a decision or a contribution type). */
export function isLabelled(label: Label | undefined): boolean {
  return label !== undefined && (label.label !== null || label.contributionType !== null);
}
