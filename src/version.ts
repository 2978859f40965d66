import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** litrev's version, from package.json (works from src/ and from dist/). */
export function litrevVersion(): string {
  if (cached === undefined) {
    try {
      cached = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      cached = 'unknown';
    }
  }
  return cached;
}
