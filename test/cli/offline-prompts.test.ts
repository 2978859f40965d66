import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonOf, runCli } from '../support/run-cli.js';

const FILE = path.resolve(__dirname, '../../examples/corpus/000_67e06d3f3a2a0ff6.txt');
const PROMPTS = path.resolve(__dirname, '../../prompts');
const cwd = mkdtempSync(path.join(tmpdir(), 'litrev-offline-prompts-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('--prompts with the offline engine', () => {
  it('warns that the offline engine uses no prompts, and compare says the prompts were not used', async () => {
    const variant = path.join(cwd, 'variant');
    mkdirSync(variant);
    writeFileSync(path.join(variant, 'synthesize.md'), readFileSync(path.join(PROMPTS, 'synthesize.md'), 'utf8').replace('--- user ---', 'Be terse.\n--- user ---'));
    const a = await runCli(['review', FILE, '--offline', '--out', 'a', '--json'], { cwd });
    expect(a.code, a.stderr).toBe(0);
    const b = await runCli(['review', FILE, '--offline', '--prompts', variant, '--out', 'b', '--json'], { cwd });
    expect(b.code, b.stderr).toBe(0);
    expect(jsonOf(b).warnings.join('\n')).toMatch(/the offline engine uses no prompts/);
    const plain = await runCli(['review', FILE, '--offline', '--prompts', variant, '--out', 'c', '--plain'], { cwd });
    expect(plain.stderr).toMatch(/warning: --prompts .*the offline engine uses no prompts/);

    const text = await runCli(['compare', 'a', 'b'], { cwd });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/prompts differ \(synthesize\), but neither run used them: the offline engine uses no prompts/);
    expect(text.stdout).not.toMatch(/- prompt synthesize:/);
    const json = jsonOf(await runCli(['compare', 'a', 'b', '--json'], { cwd }));
    expect(json.prompts.used).toEqual({ a: false, b: false });
  });
});
