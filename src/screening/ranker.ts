import { dot, type FeatureMatrix, type TfidfOptions } from './features.js';
import { trainLinearSvm, type LinearModel } from './linear-svm.js';
import { trainNaiveBayes } from './naive-bayes.js';

/** A relevance model: how papers become features, and the classifier trained on the labels so far. */
export interface RankerConfig {
  name: string;
  features: TfidfOptions;
  learner: { kind: 'svm'; loss: 'hinge' | 'squared-hinge'; c: number } | { kind: 'naive-bayes'; alpha: number };
  /** Relevant and irrelevant examples weigh the same in total (n / (2 n_class)), however few the relevant ones. */
  balanced: boolean;
}

/**
 * litrev's ranker: TF-IDF of words (sublinear term counts, function words left out) and a linear SVM
 * with a squared hinge loss and C = 0.3, the classes balanced. Chosen on three development corpora
 * (Cohen 2006 ADHD, Antihistamines, Triptans) among word and word-pair features, hinge and squared
 * hinge losses, C from 0.3 to 15.4, and naive Bayes; docs/screening.md reports every corpus.
 */
export const LITREV_RANKER: RankerConfig = {
  name: 'litrev',
  features: { ngrams: 1, sublinearTf: true, stopWords: true, minDf: 1 },
  learner: { kind: 'svm', loss: 'squared-hinge', c: 0.3 },
  balanced: true,
};

/**
 * The ASReview-style baseline the benchmarks compare against: TF-IDF of words (English function words
 * left out, raw counts) and a linear SVM with a hinge loss and C = 15.4 (ASReview's SVM defaults), the
 * classes balanced by weight where ASReview resamples.
 */
export const ASREVIEW_SVM: RankerConfig = {
  name: 'tfidf-svm',
  features: { ngrams: 1, sublinearTf: false, stopWords: true, minDf: 1 },
  learner: { kind: 'svm', loss: 'hinge', c: 15.4 },
  balanced: true,
};

/** Train on the labelled rows (both classes needed) and return the model. */
export function trainRanker(m: FeatureMatrix, labelled: ReadonlyMap<number, boolean>, config: RankerConfig, seed: number): LinearModel {
  const ids = [...labelled.keys()].sort((a, b) => a - b);
  const rows = ids.map((i) => m.rows[i]!);
  const labels = ids.map((i) => labelled.get(i)!);
  const relevant = labels.filter(Boolean).length;
  const weight = (n: number) => (config.balanced && n > 0 ? labels.length / (2 * n) : 1);
  const classWeight = { relevant: weight(relevant), irrelevant: weight(labels.length - relevant) };
  if (config.learner.kind === 'naive-bayes') return trainNaiveBayes(rows, labels, m.dim, config.learner.alpha);
  return trainLinearSvm(rows, labels, m.dim, { c: config.learner.c, loss: config.learner.loss, classWeight, seed });
}

/** The model's score of every row (higher: more likely relevant). */
export function scoreAll(m: FeatureMatrix, model: LinearModel): Float64Array {
  const out = new Float64Array(m.rows.length);
  for (let i = 0; i < m.rows.length; i++) out[i] = dot(model.w, m.rows[i]!) + model.bias;
  return out;
}

/** Unlabelled rows, best score first (ties: lower index first, so the order is deterministic). */
export function rankUnlabelled(scores: Float64Array, labelled: { has(i: number): boolean }): number[] {
  const out: number[] = [];
  for (let i = 0; i < scores.length; i++) if (!labelled.has(i)) out.push(i);
  return out.sort((a, b) => scores[b]! - scores[a]! || a - b);
}
