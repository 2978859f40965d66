import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../../src');

/**
 * Which top-level folder of src/ may import which. `(root)` is src/errors.ts and src/version.ts, which
 * every folder may use. Arrows point down: cli -> pipeline -> review/model/cache/corpus; ui is imported
 * only by cli; nothing imports cli, and nothing but cli imports ui.
 */
const LEAVES = ['async', 'text'];
const ALLOWED: Record<string, string[]> = {
  cli: ['ui', 'eval', 'screening', 'pipeline', 'qa', 'runs', 'report', 'offline', 'verify', 'retrieval', 'prompts', 'review', 'model', 'cache', 'corpus', 'config', 'format', 'fs'],
  ui: ['eval', 'pipeline', 'qa', 'review', 'verify', 'format'],
  pipeline: ['offline', 'report', 'runs', 'verify', 'retrieval', 'prompts', 'review', 'model', 'cache', 'corpus', 'config', 'format', 'fs'],
  qa: ['query', 'retrieval', 'verify', 'prompts', 'review', 'model', 'corpus', 'config', 'format', 'fs'],
  // The corpus as a table for Q&A: rows from the review's notes and the offline engine's entity extraction.
  query: ['offline', 'retrieval', 'verify', 'review', 'corpus', 'format', 'fs'],
  eval: ['screening', 'review', 'corpus', 'runs', 'format', 'fs'],
  // The relevance model and stopping rule of prioritised screening: plain numbers in and out, no I/O.
  screening: [],
  runs: ['verify', 'review', 'model', 'corpus', 'format', 'fs'],
  report: ['verify', 'review', 'corpus', 'format', 'fs'],
  offline: ['verify', 'retrieval', 'review', 'corpus', 'format'],
  verify: ['review', 'corpus', 'format'],
  retrieval: ['review', 'corpus'],
  prompts: ['review', 'model', 'corpus'],
  review: ['corpus'],
  model: ['cache', 'config', 'fs'],
  cache: ['fs'],
  corpus: ['config', 'fs'],
  config: [],
  format: [],
  fs: [],
  async: [],
  text: [],
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Every module specifier of a file: static imports and re-exports, `import type`, and dynamic `import()`. */
export function specifiers(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"`]*?\sfrom\s*['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of source.matchAll(/(?:^|[\s;])import\s*['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of source.matchAll(/\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g)) out.push(m[1]!);
  return out;
}

const folderOf = (file: string): string => {
  const parts = path.relative(SRC, file).split(path.sep);
  return parts.length === 1 ? '(root)' : parts[0]!;
};

/** A module's file for a relative specifier (`./x.js` is `x.ts` or `x.tsx`). */
function resolveModule(from: string, spec: string): string {
  const abs = path.resolve(path.dirname(from), spec);
  for (const candidate of [abs.replace(/\.js$/, '.ts'), abs.replace(/\.js$/, '.tsx'), abs]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next form
    }
  }
  return abs;
}

describe('architecture', () => {
  const files = walk(SRC).filter((f) => /\.(ts|tsx)$/.test(f));
  const sources = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));

  it('finds static, type-only, re-exported and dynamic imports', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b/b.js';",
      "export { c } from './c.js';",
      "import './side-effect.js';",
      "const { render } = await import('ink');",
      'const m = await import(`../ui/x.js`);',
    ].join('\n');
    expect(specifiers(text)).toEqual(['./a.js', '../b/b.js', './c.js', './side-effect.js', 'ink', '../ui/x.js']);
  });

  it('every folder imports only the folders its row allows', () => {
    const edges: string[] = [];
    for (const [file, source] of sources) {
      const from = folderOf(file);
      for (const spec of specifiers(source).filter((s) => s.startsWith('.'))) {
        const to = folderOf(resolveModule(file, spec));
        if (to === from || to === '(root)' || LEAVES.includes(to)) continue;
        const allowed = ALLOWED[from];
        if (!allowed || !allowed.includes(to)) edges.push(`${path.relative(SRC, file)} -> ${to} (${spec})`);
      }
    }
    expect(edges).toEqual([]);
  });

  it('every folder of src/ has a row in the table', () => {
    const folders = readdirSync(SRC).filter((n) => statSync(path.join(SRC, n)).isDirectory());
    expect(folders.filter((f) => !(f in ALLOWED))).toEqual([]);
  });

  it('has no cycle between files', () => {
    const graph = new Map<string, string[]>();
    for (const [file, source] of sources) {
      graph.set(file, specifiers(source).filter((s) => s.startsWith('.')).map((s) => resolveModule(file, s)));
    }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string): void => {
      state.set(f, 'open');
      stack.push(f);
      for (const next of graph.get(f) ?? []) {
        if (state.get(next) === 'open') cycles.push(stack.slice(stack.indexOf(next)).concat(next).map((x) => path.relative(SRC, x)).join(' -> '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('only src/ui imports ink or react', () => {
    const offenders = [...sources]
      .filter(([f]) => folderOf(f) !== 'ui')
      .filter(([, s]) => specifiers(s).some((spec) => /^(ink|react)(\/|$)|^ink-/.test(spec)))
      .map(([f]) => path.relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('only src/config reads process.env', () => {
    const offenders = [...sources].filter(([f, s]) => folderOf(f) !== 'config' && /process\.env/.test(s)).map(([f]) => path.relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('file names are kebab-case', () => {
    const bad = files.map((f) => path.basename(f)).filter((n) => !/^[a-z0-9]+(-[a-z0-9]+)*(\.test)?\.tsx?$/.test(n));
    expect(bad).toEqual([]);
  });
});
