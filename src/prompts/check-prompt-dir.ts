import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { loadPrompt, PROMPT_NAMES, type PromptName } from './load-prompts.js';

/**
 * Check a `--prompts` folder before anything is spent: it exists and is a folder; every file in it is a known
 * prompt (`<name>.md`); each parses and declares exactly the variables its stage fills (a variable the stage does
 * not fill would fail mid-run; one it leaves out means the model never sees, say, the papers). Throws a ConfigError
 * (exit 2) with a one-line reason naming the file.
 */
export async function checkPromptDir(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (!info) throw new ConfigError(`--prompts ${dir}: no such folder`, `known prompts: ${PROMPT_NAMES.join(', ')} (as NAME.md)`);
  if (!info.isDirectory()) throw new ConfigError(`--prompts ${dir}: not a folder`, 'pass a folder holding NAME.md files');
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  const unknown = names.filter((n) => !(PROMPT_NAMES as readonly string[]).includes(n.replace(/\.md$/, '')) || !n.endsWith('.md'));
  if (unknown.length > 0) {
    throw new ConfigError(
      `--prompts ${dir}: ${unknown.map((n) => `"${n}"`).join(', ')} ${unknown.length === 1 ? 'is not a known prompt' : 'are not known prompts'} (known: ${PROMPT_NAMES.map((n) => `${n}.md`).join(', ')})`,
    );
  }
  if (names.length === 0) throw new ConfigError(`--prompts ${dir}: the folder holds no prompt files (known: ${PROMPT_NAMES.map((n) => `${n}.md`).join(', ')})`);
  for (const file of names) {
    const name = file.replace(/\.md$/, '') as PromptName;
    const [own, builtin] = await Promise.all([loadPrompt(name, dir), loadPrompt(name)]);
    const missing = builtin.variables.filter((v) => !own.variables.includes(v));
    const extra = own.variables.filter((v) => !builtin.variables.includes(v));
    if (missing.length > 0) {
      throw new ConfigError(`${path.join(dir, file)}: misses the declared variable(s) ${missing.join(', ')} (the ${name} stage fills ${builtin.variables.join(', ')})`);
    }
    if (extra.length > 0) {
      throw new ConfigError(`${path.join(dir, file)}: declares ${extra.join(', ')}, which the ${name} stage does not fill (it fills ${builtin.variables.join(', ')})`);
    }
    const unused = own.variables.filter((v) => !own.messages.some((m) => new RegExp(`\\{\\{\\s*${v}\\s*\\}\\}`).test(m.template)));
    if (unused.length > 0) throw new ConfigError(`${path.join(dir, file)}: declares ${unused.join(', ')} but never uses ${unused.length === 1 ? 'it' : 'them'} ({{${unused[0]}}})`);
  }
}
