/**
 * Typed errors. Every error a user can cause carries a one-line message and an exit code;
 * the CLI prints `litrev: <message>` and exits with that code, never a stack trace.
 *
 * Exit codes (see docs/cli.md): 0 success; 1 a run finished with failed items;
 * 2 bad usage or configuration; 3 no usable input.
 */
export const ExitCode = {
  ok: 0,
  failedItems: 1,
  usage: 2,
  noInput: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class LitrevError extends Error {
  readonly exitCode: number;
  /** A short hint printed under the message (what to do about it). */
  readonly hint?: string;
  constructor(message: string, options: { exitCode?: number; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = options.exitCode ?? ExitCode.usage;
    this.hint = options.hint;
  }
}

/** Bad flags, unknown commands, a command that does not exist yet. */
export class UsageError extends LitrevError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: ExitCode.usage, hint });
  }
}

/** Invalid configuration: env vars, config file, prompt files, taxonomy file. */
export class ConfigError extends LitrevError {
  constructor(message: string, hint?: string, cause?: unknown) {
    super(message, { exitCode: ExitCode.usage, hint, cause });
  }
}

/** Nothing usable was found in the inputs (or the workspace holds no corpus). */
export class NoInputError extends LitrevError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: ExitCode.noInput, hint });
  }
}

/** The endpoint rejected the key, the quota is gone, or the model does not exist: the run stops at once. */
export class ModelFatalError extends LitrevError {
  readonly status?: number;
  constructor(message: string, options: { status?: number; hint?: string; cause?: unknown } = {}) {
    super(message, { exitCode: ExitCode.usage, hint: options.hint, cause: options.cause });
    this.status = options.status;
  }
}

/** `--cache replay` met a request that is not in the cache. */
export class CacheMissError extends LitrevError {
  readonly cacheKey: string;
  constructor(cacheKey: string, what: string) {
    super(`cache miss in replay mode: ${what} (key ${cacheKey.slice(0, 16)}…)`, {
      exitCode: ExitCode.usage,
      hint: 'run once with --cache readwrite to fill the cache, or check that prompts, model and corpus are unchanged',
    });
    this.cacheKey = cacheKey;
  }
}

/** The estimated or actual cost crossed --max-cost. */
export class BudgetError extends LitrevError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: ExitCode.usage, hint });
  }
}

/** The user pressed Ctrl-C. */
export class AbortedError extends LitrevError {
  constructor(message = 'interrupted') {
    super(message, { exitCode: 130 });
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
