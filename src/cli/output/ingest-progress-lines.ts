import type { IngestProgress, IngestProgressListener } from '../../corpus/ingest-progress.js';
import { formatCount } from '../../format/numbers.js';
import { formatClock } from '../../format/time.js';
import { say } from './say.js';

/** An ingest shorter than this prints nothing (a few hundred papers take a fraction of a second). */
const QUIET_MS = 2000;
/** Within a phase, a line at least this often. */
const EVERY_MS = 5000;

/**
 * Plain lines on stderr while a large corpus is read: nothing for a quick ingest, then a line when a phase
 * starts and at least every 5 seconds within one ("reading the corpus: 45,000 of 100,000 records normalised"), and
 * while the question store is built after it ("building the question store: 45,000 of 100,000 papers").
 */
export function ingestProgressLines(stderr: NodeJS.WritableStream, now: () => number = Date.now): IngestProgressListener {
  const start = now();
  let last: { phase: IngestProgress['phase']; at: number } | null = null;
  return (p) => {
    const t = now();
    if (t - start < QUIET_MS) return;
    if (last && last.phase === p.phase && t - last.at < EVERY_MS) return;
    last = { phase: p.phase, at: t };
    say(stderr, `litrev: ${p.phase === 'indexing' ? 'building the question store' : 'reading the corpus'}: ${describe(p)} (elapsed ${formatClock(t - start)})\n`);
  };
}

function describe(p: IngestProgress): string {
  const of = (unit: string) => `${formatCount(p.done)}${p.total === null ? '' : ` of ${formatCount(p.total)}`} ${unit}`;
  switch (p.phase) {
    case 'reading':
      return `${of('files')} read`;
    case 'normalising':
      return `${of('records')} normalised`;
    case 'merging':
      return `merging duplicates among ${formatCount(p.total ?? 0)} records`;
    case 'keying':
      return `giving ids and citation keys to ${formatCount(p.total ?? 0)} papers`;
    case 'comparing':
      return `comparing ${formatCount(p.total ?? 0)} papers with the corpus stored in the workspace`;
    case 'storing':
      return `storing ${formatCount(p.total ?? 0)} papers in the workspace`;
    case 'indexing':
      return of('papers');
  }
}
