import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../../fs/atomic-write.js';
import { ledgerPath } from '../batch-ledger.js';
import type { ModelStageDeps } from './model-stage-deps.js';

/**
 * How a stage cut its prompts to fit the context window (the parts of a section, the chunks of the
 * taxonomy's items, the share of each section the overview reads), remembered in the cache folder
 * like the batch ledgers. The token count behind such a choice is calibrated as replies arrive, so
 * the same choice made again could differ; reusing the remembered one while it still fits keeps a
 * re-run or a replay asking exactly the requests whose answers are cached.
 */
export interface ShapeLedger<T> {
  read(): Promise<T | null>;
  write(value: T): Promise<void>;
}

export function shapeLedger<T>(deps: ModelStageDeps, identity: Record<string, unknown>, parse: (value: unknown) => T | null): ShapeLedger<T> {
  const file = ledgerPath(deps.cacheDir, { ...identity, kind: 'shape', sample: deps.sample, model: deps.gateway.modelName, endpoint: deps.gateway.endpoint });
  return {
    async read() {
      try {
        return parse(JSON.parse(await readFile(file, 'utf8')) as unknown);
      } catch {
        // None yet, or unreadable: the shape is chosen afresh (costs requests, loses nothing).
        return null;
      }
    },
    async write(value) {
      if (deps.writeLedgers) await writeFileAtomic(file, `${JSON.stringify(value)}\n`);
    },
  };
}

/** The remembered value while it still fits, else a new one (remembered for next time). */
export async function rememberedShape<T>(ledger: ShapeLedger<T>, fits: (value: T) => boolean, make: () => T): Promise<T> {
  const previous = await ledger.read();
  if (previous !== null && fits(previous)) return previous;
  const value = make();
  await ledger.write(value);
  return value;
}

export function parseIdLists(value: unknown): string[][] | null {
  return Array.isArray(value) && value.every((l) => Array.isArray(l) && l.every((s) => typeof s === 'string')) ? (value as string[][]) : null;
}

export function parseCounts(value: unknown): number[] | null {
  return Array.isArray(value) && value.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0) ? (value as number[]) : null;
}
