import { redactSecrets } from '../config/redact.js';
import { AbortedError, ExitCode, LitrevError } from '../errors.js';
import { terminalText } from '../format/terminal-text.js';
import { watchSignals } from './signals.js';
import { findCommand, commands } from './commands/index.js';
import { commandHelp, mainHelp } from './help.js';
import { parseCommandLine } from './parse-args.js';
import { closestName } from './did-you-mean.js';
import { litrevVersion as version } from '../version.js';

export interface MainIO {
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream;
  isTTY?: boolean;
  cwd?: string;
}

/** Entry point: parse the command line, run the command, map errors to one line and an exit code. */
export async function main(argv: string[], io: MainIO = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    stdout.write(mainHelp(commands, version()));
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === '--version' || name === '-V') {
    stdout.write(`${version()}\n`);
    return ExitCode.ok;
  }
  const spec = findCommand(name);
  if (!spec) {
    const meant = name.startsWith('-') ? undefined : closestName(name, commands.map((c) => c.name));
    stderr.write(
      `litrev: unknown command "${terminalText(name)}"${meant ? `; did you mean "${meant}"? (litrev ${meant} --help)` : ''}\n` +
        `  commands: ${commands.map((c) => c.name).join(', ')}\n`,
    );
    return ExitCode.usage;
  }
  const debug = rest.includes('--debug');
  const signals = watchSignals(stderr);
  const controller = signals.controller;
  try {
    const { args, flags } = parseCommandLine(spec, rest);
    if (flags.help) {
      stdout.write(commandHelp(spec));
      return ExitCode.ok;
    }
    const action = await spec.load();
    const code = await action({
      command: spec.name,
      args,
      flags,
      stdout,
      stderr,
      stdin: io.stdin ?? process.stdin,
      isTTY: io.isTTY ?? Boolean(process.stdout.isTTY),
      cwd: io.cwd ?? process.cwd(),
      signal: controller.signal,
    });
    const signalled = signals.exitCode();
    if (signalled === undefined) return code;
    signals.report();
    return signalled;
  } catch (err) {
    const signalled = signals.exitCode();
    if (signalled !== undefined) {
      // Whatever the command threw on its way out (AbortedError, a request cut short), it was interrupted; an
      // AbortedError subclass that says more (batches left running at the provider, and how to resume) is shown.
      signals.report(err instanceof AbortedError && err.constructor !== AbortedError ? terminalText(redactSecrets(err.message)) : undefined);
      return signalled;
    }
    if (err instanceof AbortedError) {
      stderr.write(`litrev: ${terminalText(redactSecrets(err.message))}\n`);
      return err.exitCode;
    }
    if (err instanceof LitrevError) {
      stderr.write(`litrev: ${terminalText(redactSecrets(err.message))}\n`);
      if (err.hint) stderr.write(`  ${terminalText(redactSecrets(err.hint))}\n`);
      if (debug && err.stack) stderr.write(`${redactSecrets(err.stack)}\n`);
      return err.exitCode;
    }
    const e = err as Error;
    stderr.write(`litrev: internal error: ${terminalText(redactSecrets(e?.message ?? String(err)))}\n`);
    stderr.write(debug && e?.stack ? `${redactSecrets(e.stack)}\n` : '  run again with --debug for the stack trace, and please report it\n');
    return 70;
  } finally {
    signals.dispose();
  }
}
