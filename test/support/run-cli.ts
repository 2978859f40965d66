import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** How to run the CLI: working folder (default: this process's), terminal or not, and what stdin holds. */
export interface RunCliOptions {
  cwd?: string;
  isTTY?: boolean;
  /** Text piped to the command's stdin (default: empty). */
  stdin?: string;
}

/** Run the litrev CLI in-process with captured output (stdin empty unless given, not a TTY). */
export async function runCli(argv: string[], options: RunCliOptions = {}): Promise<CliResult> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  const stdin = new PassThrough();
  if (options.stdin === undefined) stdin.end();
  else stdin.end(options.stdin);
  const code = await main(argv, { stdout: out, stderr: err, stdin, cwd: options.cwd, isTTY: options.isTTY ?? false });
  return { code, stdout, stderr };
}

/** The one JSON object a `--json` command printed (fails when stdout holds anything else). */
export function jsonOf(result: CliResult): any {
  const text = result.stdout.trim();
  if (text.split('\n').length !== 1) throw new Error(`expected one JSON line on stdout, got:\n${result.stdout}\nstderr:\n${result.stderr}`);
  return JSON.parse(text);
}
