import { plural } from '../../format/numbers.js';
import type { CorpusChange } from '../../corpus/corpus-sources.js';

/**
 * What `litrev review PATH...` did to the corpus stored in the workspace, which `ask`, `chat`, `label` and a
 * `review` without paths read: the papers of PATH are added to it, as `litrev ingest PATH` would. Null when
 * nothing changed (the papers were all stored already).
 */
export function storedCorpusNotice(change: CorpusChange, paths: readonly string[]): string | null {
  if (change.added === 0 && change.removed === 0) return null;
  const sources = paths.length === 1 ? paths[0]! : `${paths.length} inputs`;
  if (change.before === 0) {
    return `${plural(change.after, 'paper')} from ${sources} stored as the workspace corpus: \`ask\`, \`chat\` and \`review\` without paths use it`;
  }
  const removed = change.removed > 0 ? `, ${change.removed} removed (no longer in a re-read source)` : '';
  return (
    `the stored corpus grew ${change.before} -> ${plural(change.after, 'paper')} (${change.added} new from ${sources}${removed}); ` +
    `\`ask\` and \`chat\` search all of it. \`litrev corpus remove ${paths.length === 1 ? paths[0] : 'SOURCE'}\` takes ${paths.length === 1 ? 'it' : 'a source'} out again`
  );
}
