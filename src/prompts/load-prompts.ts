import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors.js';
import { parsePromptFile, type PromptFile } from './prompt-file.js';

/** The prompts litrev ships, one file each in prompts/. */
export const PROMPT_NAMES = ['classify', 'screen', 'screen-criteria', 'taxonomy', 'assign', 'synthesize', 'merge', 'overview', 'answer', 'plan', 'answer-rows'] as const;
export type PromptName = (typeof PROMPT_NAMES)[number];
export type PromptSet = Record<PromptName, PromptFile>;

/** The built-in prompts folder (works from src/ under vitest and from dist/ after the build). */
export const BUILTIN_PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

/**
 * Load every prompt: from `overrideDir` when it has `<name>.md`, else the built-in one.
 * A --prompts folder may override any subset.
 */
export async function loadPrompts(overrideDir?: string): Promise<PromptSet> {
  const entries = await Promise.all(PROMPT_NAMES.map(async (name) => [name, await loadPrompt(name, overrideDir)] as const));
  return Object.fromEntries(entries) as PromptSet;
}

export async function loadPrompt(name: PromptName, overrideDir?: string): Promise<PromptFile> {
  if (overrideDir) {
    const file = path.join(overrideDir, `${name}.md`);
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw new ConfigError(`cannot read prompt ${file}: ${err.message}`);
    });
    if (text !== undefined) return checkName(parsePromptFile(text, file), name);
  }
  const file = path.join(BUILTIN_PROMPTS_DIR, `${name}.md`);
  return checkName(parsePromptFile(await readFile(file, 'utf8'), file), name);
}

/** Hash of every prompt, for run.json. */
export function promptHashes(prompts: PromptSet): Record<string, { version: string; hash: string; path: string }> {
  return Object.fromEntries(
    Object.values(prompts).map((p) => [p.name, { version: p.version, hash: p.hash, path: p.path }]),
  );
}

function checkName(prompt: PromptFile, expected: PromptName): PromptFile {
  if (prompt.name !== expected) {
    throw new ConfigError(`${prompt.path}: front matter name is "${prompt.name}", expected "${expected}"`);
  }
  return prompt;
}
