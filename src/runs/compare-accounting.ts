import type { RunManifest } from './manifest.js';
import type { RunRecord } from './run-record.js';
import type { Delta, NullableDelta, PromptChange, RunComparison } from './run-comparison.js';

type Accounting = Pick<
  RunComparison,
  'settings' | 'verification' | 'calls' | 'cacheHits' | 'tokens' | 'costUSD' | 'durationMs' | 'stages' | 'prompts'
>;

/** Differences in settings, prompts, requests, tokens, cost and verification between two runs. */
export function compareAccounting(a: RunRecord, b: RunRecord): Accounting {
  const ma = a.manifest;
  const mb = b.manifest;
  const va = a.verification.summary;
  const vb = b.verification.summary;
  return {
    settings: settingChanges(ma, mb),
    verification: {
      citations: delta(va.citations, vb.citations),
      danglingRemoved: delta(va.danglingRemoved, vb.danglingRemoved),
      numbersChecked: delta(va.numbersChecked, vb.numbersChecked),
      numbersUnsupported: delta(va.numbersUnsupported, vb.numbersUnsupported),
      quotesChecked: delta(va.quotesChecked, vb.quotesChecked),
      quotesNotVerbatim: delta(va.quotesNotVerbatim, vb.quotesNotVerbatim),
    },
    calls: delta(ma.counts.calls, mb.counts.calls),
    cacheHits: delta(ma.counts.cacheHits, mb.counts.cacheHits),
    tokens: { prompt: delta(ma.tokens.prompt, mb.tokens.prompt), completion: delta(ma.tokens.completion, mb.tokens.completion) },
    costUSD: nullableDelta(ma.costUSD, mb.costUSD),
    durationMs: delta(ma.durationMs, mb.durationMs),
    stages: stageDeltas(ma, mb),
    prompts: promptChanges(ma, mb),
  };
}

export function delta(a: number, b: number): Delta {
  return { a, b, delta: b - a };
}

/** Cost deltas are rounded to 1e-9 USD so float noise never shows as a difference. */
export function nullableDelta(a: number | null, b: number | null): NullableDelta {
  return { a, b, delta: a === null || b === null ? null : Math.round((b - a) * 1e9) / 1e9 };
}

function stageDeltas(ma: RunManifest, mb: RunManifest): RunComparison['stages'] {
  const names = union(Object.keys(ma.stages), Object.keys(mb.stages));
  const zero = { calls: 0, cacheHits: 0, promptTokens: 0, completionTokens: 0 };
  return Object.fromEntries(
    names.map((name) => {
      const sa = ma.stages[name] ?? zero;
      const sb = mb.stages[name] ?? zero;
      return [
        name,
        {
          calls: delta(sa.calls, sb.calls),
          cacheHits: delta(sa.cacheHits, sb.cacheHits),
          promptTokens: delta(sa.promptTokens, sb.promptTokens),
          completionTokens: delta(sa.completionTokens, sb.completionTokens),
        },
      ];
    }),
  );
}

function promptChanges(ma: RunManifest, mb: RunManifest): RunComparison['prompts'] {
  const changed: PromptChange[] = [];
  const unchanged: string[] = [];
  for (const name of union(Object.keys(ma.prompts), Object.keys(mb.prompts)).sort()) {
    const pa = ma.prompts[name];
    const pb = mb.prompts[name];
    if (pa && pb && pa.hash === pb.hash) unchanged.push(name);
    else {
      changed.push({
        name,
        a: pa ? { version: pa.version, hash: pa.hash } : null,
        b: pb ? { version: pb.version, hash: pb.hash } : null,
      });
    }
  }
  // The offline engine reads no prompt: a run of it recorded the prompt files, but nothing came of them.
  return { changed, unchanged, used: { a: ma.engine !== 'offline', b: mb.engine !== 'offline' } };
}

/** Shown value of every setting that decides a run's output, when it differs. */
function settingChanges(ma: RunManifest, mb: RunManifest): RunComparison['settings'] {
  const fields: [string, unknown, unknown][] = [
    ['engine', ma.engine, mb.engine],
    ['model', ma.model, mb.model],
    ['endpoint', ma.endpoint, mb.endpoint],
    ['structuredMethod', ma.structuredMethod, mb.structuredMethod],
    ['corpusHash', ma.corpusHash, mb.corpusHash],
  ];
  const optionsA = ma.options as Record<string, unknown>;
  const optionsB = mb.options as Record<string, unknown>;
  for (const key of union(Object.keys(optionsA), Object.keys(optionsB))) {
    fields.push([`options.${key}`, optionsA[key], optionsB[key]]);
  }
  return fields
    .map(([field, a, b]) => ({ field, a: shown(a), b: shown(b) }))
    .filter((f) => f.a !== f.b);
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return '-';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}
