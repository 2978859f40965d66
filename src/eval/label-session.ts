import { CONTRIBUTION_TYPES } from '../review/annotation.js';
import { stoppingState, type StoppingState } from '../screening/stopping-rule.js';
import { blankLabel, isLabelled, type Label, type LabelDecision, type LabelItem } from './label-item.js';

/** Puts the papers not shown yet in the order to show them, given the relevance labels so far (ranked order). */
export interface Reranker {
  rank(ids: readonly string[], labels: ReadonlyMap<string, boolean>): string[];
}

/** The labelling session: the papers in order, where the labeller is, and every label (by paper id, in file order). */
export interface LabelState {
  items: readonly LabelItem[];
  index: number;
  labels: ReadonlyMap<string, Label>;
  /** Changes that undo reverts, newest last. */
  history: readonly { id: string; before: Label | undefined; index: number }[];
  mode: 'browse' | 'search';
  query: string;
  message: string | null;
  /** Increases whenever `labels` changes (the screen saves the file then). */
  version: number;
  /** How many papers of `items` have been shown (the ones after them are not, and may be reordered). */
  seen: number;
  /** Ranked order: reorders the papers not shown yet each time the labeller moves on to one. */
  reranker: Reranker | null;
}

export type LabelAction =
  | { type: 'decide'; decision: LabelDecision }
  | { type: 'contribution'; digit: number }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'undo' }
  | { type: 'search-start' }
  | { type: 'search-input'; text: string }
  | { type: 'search-backspace' }
  | { type: 'search-submit' }
  | { type: 'search-cancel' };

/** Contribution types by digit: 1 is the first of CONTRIBUTION_TYPES; 0 clears. */
export const TYPE_DIGITS: readonly string[] = CONTRIBUTION_TYPES;

/**
 * A session over `items` resuming `existing` labels: it opens at the first paper not labelled yet.
 * With a reranker (ranked order) the papers already labelled come first and the rest are ranked.
 */
export function startSession(items: readonly LabelItem[], existing: readonly Label[], reranker: Reranker | null = null): LabelState {
  const labels = new Map(existing.map((l) => [l.id, l]));
  let ordered = items;
  if (reranker) {
    const done = items.filter((i) => isLabelled(labels.get(i.id)));
    ordered = [...done, ...rerankTail(items.filter((i) => !isLabelled(labels.get(i.id))), labels, reranker)];
  }
  const first = ordered.findIndex((i) => !isLabelled(labels.get(i.id)));
  const index = first < 0 ? Math.max(0, ordered.length - 1) : first;
  return { items: ordered, index, labels, history: [], mode: 'browse', query: '', message: null, version: 0, seen: index + 1, reranker };
}

/** The relevance labels (include / exclude) by paper id, as the relevance model learns from them. */
export function relevanceLabels(labels: ReadonlyMap<string, Label>): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const [id, l] of labels) if (l.relevant !== null) out.set(id, l.relevant);
  return out;
}

function rerankTail(tail: readonly LabelItem[], labels: ReadonlyMap<string, Label>, reranker: Reranker): LabelItem[] {
  const byId = new Map(tail.map((i) => [i.id, i]));
  return reranker.rank(tail.map((i) => i.id), relevanceLabels(labels)).map((id) => byId.get(id)!);
}

/** Move on to the next paper; in ranked order a paper not shown yet is the best-ranked one by the labels so far. */
function moveNext(s: LabelState): LabelState {
  const index = Math.min(s.items.length - 1, s.index + 1);
  if (index < s.seen || !s.reranker) return { ...s, index, seen: Math.max(s.seen, index + 1), message: null };
  const items = [...s.items.slice(0, s.seen), ...rerankTail(s.items.slice(s.seen), s.labels, s.reranker)];
  return { ...s, items, index, seen: index + 1, message: null };
}

/** Every labelling key records its label on the paper shown and stays there (n, → or Enter move on). */
function withLabel(s: LabelState, label: Label, message: string): LabelState {
  const labels = new Map(s.labels);
  labels.set(label.id, label);
  return {
    ...s,
    labels,
    history: [...s.history, { id: label.id, before: s.labels.get(label.id), index: s.index }],
    message,
    version: s.version + 1,
  };
}

/** The session after one keypress's action (pure: the screen renders the state and saves when `version` moves). */
export function labelReducer(s: LabelState, a: LabelAction): LabelState {
  const item = s.items[s.index];
  switch (a.type) {
    case 'decide': {
      if (!item) return s;
      const current = s.labels.get(item.id) ?? blankLabel(item);
      const relevant = a.decision === 'unsure' ? null : a.decision === 'include';
      return withLabel(s, { ...current, label: a.decision, relevant }, `${item.key} labelled ${a.decision}`);
    }
    case 'contribution': {
      if (!item) return s;
      const type = a.digit === 0 ? null : (TYPE_DIGITS[a.digit - 1] ?? undefined);
      if (type === undefined) return { ...s, message: `no contribution type ${a.digit} (1-${TYPE_DIGITS.length}, 0 clears)` };
      const current = s.labels.get(item.id) ?? blankLabel(item);
      return withLabel(s, { ...current, contributionType: type }, `${item.key} ${type ? `labelled type ${type}` : 'type cleared'}`);
    }
    case 'next':
      return moveNext(s);
    case 'previous':
      return { ...s, index: Math.max(0, s.index - 1), message: null };
    case 'undo': {
      const last = s.history[s.history.length - 1];
      if (!last) return { ...s, message: 'nothing to undo' };
      const labels = new Map(s.labels);
      if (last.before) labels.set(last.id, last.before);
      else labels.delete(last.id);
      return { ...s, labels, history: s.history.slice(0, -1), index: last.index, message: 'undone', version: s.version + 1 };
    }
    case 'search-start':
      return { ...s, mode: 'search', query: '', message: null };
    case 'search-input':
      return { ...s, query: s.query + a.text };
    case 'search-backspace':
      return { ...s, query: s.query.slice(0, -1) };
    case 'search-cancel':
      return { ...s, mode: 'browse', query: '' };
    case 'search-submit': {
      const q = s.query.trim().toLowerCase();
      const at = s.items.findIndex((i) => i.key.toLowerCase() === q);
      const found = at >= 0 ? at : s.items.findIndex((i) => i.key.toLowerCase().startsWith(q));
      if (q === '' || found < 0) return { ...s, mode: 'browse', query: '', message: `no paper with key "${s.query.trim()}"` };
      return { ...s, mode: 'browse', query: '', index: found, seen: Math.max(s.seen, found + 1), message: null };
    }
  }
}

/** Papers of the session labelled so far, and agreement of the include/exclude labels with the run. */
export function labelProgress(s: LabelState): { labelled: number; total: number; compared: number; agreed: number; stopping: StoppingState } {
  let labelled = 0;
  let compared = 0;
  let agreed = 0;
  for (const item of s.items) {
    const l = s.labels.get(item.id);
    if (!isLabelled(l)) continue;
    labelled++;
    if (item.suggestion && l!.relevant !== null) {
      compared++;
      if (l!.relevant === item.suggestion.included) agreed++;
    }
  }
  const decisions = s.items.slice(0, s.seen).flatMap((i) => (isLabelled(s.labels.get(i.id)) ? [s.labels.get(i.id)!.relevant] : []));
  return { labelled, total: s.items.length, compared, agreed, stopping: stoppingState(decisions, s.items.length) };
}
