import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { commands } from '../../src/cli/commands/index.js';

function capture() {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  return { out, err, get stdout() { return stdout; }, get stderr() { return stderr; } };
}

describe('litrev main', () => {
  it('prints help listing every command of the contract', async () => {
    const io = capture();
    const code = await main(['--help'], { stdout: io.out, stderr: io.err });
    expect(code).toBe(0);
    for (const name of ['ingest', 'review', 'ask', 'chat', 'runs', 'compare', 'cache', 'doctor']) {
      expect(io.stdout).toContain(name);
    }
  });

  it.each(commands.map((c) => c.name))('%s --help shows usage and exits 0', async (name) => {
    const io = capture();
    const code = await main([name, '--help'], { stdout: io.out, stderr: io.err });
    expect(code).toBe(0);
    expect(io.stdout).toMatch(/^Usage: litrev /);
  });

  it('rejects an unknown command with exit 2', async () => {
    const io = capture();
    expect(await main(['frobnicate'], { stdout: io.out, stderr: io.err })).toBe(2);
    expect(io.stderr).toContain('unknown command "frobnicate"');
  });

  it('rejects an unknown flag with a one-line reason and exit 2', async () => {
    const io = capture();
    expect(await main(['ingest', '--bogus', 'x'], { stdout: io.out, stderr: io.err })).toBe(2);
    expect(io.stderr).toContain("unknown option '--bogus'");
    expect(io.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('rejects a missing required argument', async () => {
    const io = capture();
    expect(await main(['compare', 'a'], { stdout: io.out, stderr: io.err })).toBe(2);
    expect(io.stderr).toContain('missing RUN_B');
  });
});
