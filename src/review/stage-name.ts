/**
 * Stages of a review, in order. `screen` runs only with --topic or --criteria; `index` (the question store of the
 * workspace's corpus, so the first `ask` does not build it) only when the command asks for it.
 */
export type StageName = 'ingest' | 'screen' | 'classify' | 'taxonomy' | 'synthesize' | 'verify' | 'write' | 'index';
