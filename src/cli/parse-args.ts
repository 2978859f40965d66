import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Flags } from '../config/load.js';
import { UsageError } from '../errors.js';
import type { CommandSpec, OptionSpec } from './command.js';
import { globalOptions } from './global-options.js';
import { closestName } from './did-you-mean.js';

export interface ParsedCommandLine {
  args: string[];
  flags: Flags;
}

/**
 * `--batch-size -3`: a value that starts with `-` followed by a digit belongs to the string flag before it (Node's
 * parser would call it an ambiguous argument); joined as `--batch-size=-3`, the value is then judged by the config.
 */
function joinNegativeValues(argv: readonly string[], all: Record<string, OptionSpec>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = /^--([a-z][a-z0-9-]*)$/.exec(arg)?.[1];
    const next = argv[i + 1];
    if (name && all[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** Parse argv (after the command name) against the command's flags; unknown flags are a usage error. */
export function parseCommandLine(spec: CommandSpec, argv: string[]): ParsedCommandLine {
  const all: Record<string, OptionSpec> = { ...globalOptions, ...spec.options };
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, o] of Object.entries(all)) {
    options[name] = { type: o.type, multiple: o.multiple ?? false, ...(o.short ? { short: o.short } : {}) };
  }
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: joinNegativeValues(argv, all), options, allowPositionals: true, strict: true }));
  } catch (err) {
    throw new UsageError(`${spec.name}: ${cleanParseError((err as Error).message)}${suggestion((err as Error).message, all)}`, `see 'litrev ${spec.name} --help'`);
  }
  const flags: Record<string, string | boolean | string[] | undefined> = {};
  for (const [k, v] of Object.entries(values)) flags[k] = Array.isArray(v) ? v.map(String) : v;
  if (flags.help) return { args: positionals, flags };

  const required = spec.positionals.filter((p) => p.required);
  const variadic = spec.positionals.some((p) => p.variadic);
  if (positionals.length < required.length) {
    throw new UsageError(`${spec.name}: missing ${required[positionals.length]?.name ?? 'argument'}`, `usage: ${spec.usage}`);
  }
  if (!variadic && positionals.length > spec.positionals.length) {
    throw new UsageError(`${spec.name}: unexpected argument "${positionals[spec.positionals.length]}"`, `usage: ${spec.usage}`);
  }
  return { args: positionals, flags };
}

function cleanParseError(message: string): string {
  return message
    .replace(/\. To specify a positional argument starting with a '-'.*$/s, '')
    .replace(/^Unknown option/, 'unknown option')
    .replace(/^Option/, 'option');
}

/** "; did you mean --criteria?" for an unknown option close to a known one ('' otherwise). */
function suggestion(message: string, all: Record<string, OptionSpec>): string {
  const typed = /^Unknown option '--([^'=]+)/.exec(message)?.[1];
  if (!typed) return '';
  const name = closestName(typed, Object.keys(all));
  return name ? `; did you mean --${name}?` : '';
}
