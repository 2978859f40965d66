import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Start the worker thread whose entry module is `name` (without extension) in this folder. Built
 * code (dist/) has the `.js` file. Run from the TypeScript sources (tests, `npm run bench:*` through
 * tsx), only the `.ts` file exists: the worker then registers tsx (a dev dependency) before
 * importing it, as Node does not pass a parent's loader hooks to its workers.
 */
export function startWorker(name: string): Worker {
  const js = new URL(`./${name}.js`, import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js);
  const ts = new URL(`./${name}.ts`, import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(ts)}); })`, { eval: true });
}
