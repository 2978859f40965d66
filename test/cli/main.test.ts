import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands/index.js';
import { runCli } from '../support/run-cli.js';

describe('litrev main', () => {
  it('prints help listing every command of the contract', async () => {
    const io = await runCli(['--help']);
    expect(io.code).toBe(0);
    for (const name of ['ingest', 'review', 'ask', 'chat', 'runs', 'compare', 'cache', 'doctor']) {
      expect(io.stdout).toContain(name);
    }
  });

  it.each(commands.map((c) => c.name))('%s --help shows usage and exits 0', async (name) => {
    const io = await runCli([name, '--help']);
    expect(io.code).toBe(0);
    expect(io.stdout).toMatch(/^Usage: litrev /);
  });

  it('rejects an unknown command with exit 2', async () => {
    const io = await runCli(['frobnicate']);
    expect(io.code).toBe(2);
    expect(io.stderr).toContain('unknown command "frobnicate"');
  });

  it('rejects an unknown flag with a one-line reason and exit 2', async () => {
    const io = await runCli(['ingest', '--bogus', 'x']);
    expect(io.code).toBe(2);
    expect(io.stderr).toContain("unknown option '--bogus'");
    expect(io.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('answers a mistyped option or command with the one that was meant', async () => {
    const option = await runCli(['review', '--critera', 'x.yaml']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option '--critera'; did you mean --criteria?");
    const command = await runCli(['reveiw', 'examples/corpus']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('unknown command "reveiw"; did you mean "review"?');
    const action = await runCli(['cache', 'stat']);
    expect(action.stderr).toContain('cache: unknown action "stat"; did you mean "stats"?');
    // Nothing close: no guess.
    expect((await runCli(['ingest', '--bogus', 'x'])).stderr).not.toContain('did you mean');
  });

  it('rejects a missing required argument', async () => {
    const io = await runCli(['compare', 'a']);
    expect(io.code).toBe(2);
    expect(io.stderr).toContain('missing RUN_B');
  });
});
