import type { Flags } from '../config/load.js';

/** One flag of a command. Names are kebab-case, as typed on the command line. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** Shown in --help, e.g. `DIR`. */
  valueName?: string;
  description: string;
}

export interface PositionalSpec {
  name: string;
  description: string;
  required?: boolean;
  variadic?: boolean;
}

/** What a command action receives: parsed input plus the streams it may write to. */
export interface CommandContext {
  command: string;
  args: string[];
  flags: Flags;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  isTTY: boolean;
  cwd: string;
  /** Ctrl-C / SIGTERM: actions pass it down so work stops cleanly. */
  signal: AbortSignal;
}

/** An action returns the exit code. Errors are thrown as LitrevError subclasses. */
export type CommandAction = (ctx: CommandContext) => Promise<number>;

/** A command is data: its flags and help text, and a lazy loader for its action (keeps start-up fast). */
export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  description?: string;
  options: Record<string, OptionSpec>;
  positionals: PositionalSpec[];
  examples?: string[];
  load: () => Promise<CommandAction>;
}
