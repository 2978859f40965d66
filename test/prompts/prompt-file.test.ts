import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { parsePromptFile, renderPrompt } from '../../src/prompts/prompt-file.js';
import { loadPrompts, PROMPT_NAMES, promptHashes } from '../../src/prompts/load-prompts.js';

const FILE = `---
name: demo
version: 2
variables: [a, b]
---
--- system ---
System {{a}}.
--- user ---
User {{ b }} and {{a}}.
`;

describe('prompt files', () => {
  it('parses front matter and message sections, and renders variables', () => {
    const p = parsePromptFile(FILE, 'demo.md');
    expect(p).toMatchObject({ name: 'demo', version: '2', variables: ['a', 'b'] });
    expect(renderPrompt(p, { a: 'X', b: 'Y' })).toEqual([
      { role: 'system', content: 'System X.' },
      { role: 'user', content: 'User Y and X.' },
    ]);
    expect(p.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('fails on a missing variable, naming the prompt', () => {
    const p = parsePromptFile(FILE, 'demo.md');
    expect(() => renderPrompt(p, { a: 'X' })).toThrow(/prompt "demo".*missing value for b/);
  });

  it('rejects undeclared variables and missing front matter', () => {
    expect(() => parsePromptFile(FILE.replace('[a, b]', '[a]'), 'x.md')).toThrow(ConfigError);
    expect(() => parsePromptFile('--- user ---\nhi', 'x.md')).toThrow(/front matter/);
  });

  it('does not substitute inside a value (no template injection)', () => {
    const p = parsePromptFile(FILE, 'demo.md');
    const [, user] = renderPrompt(p, { a: '{{b}}', b: 'Y' });
    expect(user!.content).toBe('User Y and {{b}}.');
  });

  it('loads every built-in prompt, and an override folder replaces only the files it has', async () => {
    const builtin = await loadPrompts();
    expect(Object.keys(builtin).sort()).toEqual([...PROMPT_NAMES].sort());
    const dir = mkdtempSync(path.join(tmpdir(), 'litrev-prompts-'));
    writeFileSync(
      path.join(dir, 'synthesize.md'),
      readFileSync(builtin.synthesize.path, 'utf8').replace(/version: \d+/, 'version: 99'),
    );
    const over = await loadPrompts(dir);
    expect(over.synthesize.version).toBe('99');
    expect(over.synthesize.hash).not.toBe(builtin.synthesize.hash);
    expect(over.classify.hash).toBe(builtin.classify.hash);
    expect(promptHashes(over).synthesize!.path).toBe(path.join(dir, 'synthesize.md'));
  });
});
