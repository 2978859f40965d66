import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the litrev CLI in-process with captured output (stdin empty, not a TTY). */
export async function runCli(argv: string[], options: { cwd: string; isTTY?: boolean }): Promise<CliResult> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  const stdin = new PassThrough();
  stdin.end();
  const code = await main(argv, { stdout: out, stderr: err, stdin, cwd: options.cwd, isTTY: options.isTTY ?? false });
  return { code, stdout, stderr };
}

/** The one JSON object a `--json` command printed (fails when stdout holds anything else). */
export function jsonOf(result: CliResult): any {
  const text = result.stdout.trim();
  if (text.split('\n').length !== 1) throw new Error(`expected one JSON line on stdout, got:\n${result.stdout}\nstderr:\n${result.stderr}`);
  return JSON.parse(text);
}
