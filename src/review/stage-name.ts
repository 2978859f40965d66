/** Stages of a review, in order. `screen` runs only with --topic. */
export type StageName = 'ingest' | 'screen' | 'classify' | 'taxonomy' | 'synthesize' | 'verify' | 'write';
