import type { OptionSpec } from './command.js';

/** Flags every command accepts. */
export const globalOptions: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h', description: 'show help for this command' },
  json: { type: 'boolean', description: 'print one JSON object on stdout and nothing else there' },
  plain: { type: 'boolean', description: 'plain progress lines instead of the interactive dashboard' },
  config: { type: 'string', valueName: 'FILE', description: 'config file (default ./litrev.config.json if present)' },
  workspace: { type: 'string', valueName: 'DIR', description: 'where the ingested corpus is kept (default ./.litrev)' },
  'no-color': { type: 'boolean', description: 'no colours in the output' },
  debug: { type: 'boolean', description: 'print stack traces of internal errors' },
};

/** Flags of the commands that ingest input files. */
export const corpusOptions: Record<string, OptionSpec> = {
  map: {
    type: 'string',
    multiple: true,
    valueName: 'FIELD=COL',
    description: 'read FIELD (title, abstract, authors, year, doi, key, ...) from this CSV/TSV column or JSON key',
  },
  'require-abstract': { type: 'boolean', description: 'leave out papers without an abstract (default: review them from the title, flagged)' },
  'follow-symlinks': { type: 'boolean', description: 'folder walks follow symbolic links leading out of the folder (default: skipped, said)' },
};

/** Some of the model flags (`ask`, `chat`, `doctor` take only those that apply to them). */
export function pickOptions(names: readonly string[], overrides: Record<string, OptionSpec> = {}): Record<string, OptionSpec> {
  return Object.fromEntries(names.map((n) => [n, overrides[n] ?? modelOptions[n]!]));
}

/** One model (no matrix): for commands that send one kind of request. */
export const singleModelOption: OptionSpec = { type: 'string', valueName: 'NAME', description: 'model name (env LITREV_MODEL)' };

/** Flags of the commands that may call a model. */
export const modelOptions: Record<string, OptionSpec> = {
  model: { type: 'string', multiple: true, valueName: 'NAME', description: 'model name (env LITREV_MODEL; repeat for a matrix run)' },
  'base-url': { type: 'string', valueName: 'URL', description: 'OpenAI-compatible endpoint (env OPENAI_BASE_URL)' },
  offline: { type: 'boolean', description: 'use the offline extractive engine even when a model is configured' },
  cache: { type: 'string', valueName: 'MODE', description: 'readwrite (default) | replay (no network; a miss is an error) | refresh | off' },
  'cache-dir': { type: 'string', valueName: 'DIR', description: 'response cache folder (default ./cache, env LITREV_CACHE_DIR)' },
  concurrency: { type: 'string', valueName: 'N', description: 'the most requests in flight at once (default: adapts to the endpoint, from 8 up to 64)' },
  temperature: { type: 'string', valueName: 'T', description: 'sampling temperature (default 0)' },
  seed: { type: 'string', valueName: 'N', description: 'sampling seed sent to the endpoint' },
  'max-retries': { type: 'string', valueName: 'N', description: 'retries of a failed request (default 5)' },
  'structured-method': {
    type: 'string',
    valueName: 'M',
    description: 'auto (default) | json_schema | function_calling | json_mode',
  },
};
