/**
 * How far an ingest has come, for a large corpus (100,000 papers take seconds to read, normalise and store):
 * files read, records normalised, duplicates merged, ids and keys given, the papers compared with the stored
 * corpus, the corpus stored, its question store built (`indexing`, by the command: src/qa/question-store.ts).
 * `total` is null when not known yet.
 */
export interface IngestProgress {
  phase: 'reading' | 'normalising' | 'merging' | 'keying' | 'comparing' | 'storing' | 'indexing';
  done: number;
  total: number | null;
}

export type IngestProgressListener = (progress: IngestProgress) => void;
