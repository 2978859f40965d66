import type { CommandSpec, OptionSpec } from './command.js';
import { globalOptions } from './global-options.js';

export function mainHelp(commands: CommandSpec[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `litrev ${version}: a terminal literature-review agent`,
    '',
    'Usage: litrev <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'litrev <command> --help' for a command's flags.",
    'With no OPENAI_API_KEY and no OPENAI_BASE_URL, litrev runs its offline extractive engine.',
    '',
  ].join('\n');
}

export function commandHelp(spec: CommandSpec): string {
  const lines = [`Usage: ${spec.usage}`, '', spec.description ?? spec.summary, ''];
  if (spec.positionals.length > 0) {
    lines.push('Arguments:');
    for (const p of spec.positionals) lines.push(`  ${p.name.padEnd(24)}  ${p.description}`);
    lines.push('');
  }
  const own = Object.entries(spec.options);
  if (own.length > 0) {
    lines.push('Options:');
    for (const [name, o] of own) lines.push(optionLine(name, o));
    lines.push('');
  }
  lines.push('Global options:');
  for (const [name, o] of Object.entries(globalOptions)) lines.push(optionLine(name, o));
  if (spec.examples?.length) {
    lines.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`));
  }
  lines.push('');
  return lines.join('\n');
}

function optionLine(name: string, o: OptionSpec): string {
  const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.valueName ?? 'VALUE'}` : ''}`;
  return `  ${flag.padEnd(24)}  ${o.description}${o.multiple ? ' (repeatable)' : ''}`;
}
