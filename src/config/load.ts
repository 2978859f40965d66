import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { ConfigError } from '../errors.js';
import {
  CacheModeSchema,
  ConfigFileSchema,
  ConfigSchema,
  StructuredMethodSchema,
  type Config,
  type ConfigFile,
} from './schema.js';

/** Parsed command-line flags, as the CLI hands them over (kebab-case names, as typed). */
export type Flags = Readonly<Record<string, string | boolean | string[] | undefined>>;

export interface LoadConfigOptions {
  flags?: Flags;
  cwd?: string;
  /** Defaults to process.env; tests pass their own. This module is the only reader of process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (decides between the Ink dashboard and plain lines). */
  isTTY?: boolean;
}

export const DEFAULT_MODEL = 'gpt-4o-mini';
export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Build the one typed config object from flags > environment > .env > config file > defaults. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const flags = options.flags ?? {};
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const env = mergeDotenv(options.env ?? process.env, cwd);
  const file = readConfigFile(str(flags.config) ?? env.LITREV_CONFIG, cwd);

  const apiKey = nonEmpty(env.OPENAI_API_KEY);
  const baseURLRaw = str(flags['base-url']) ?? nonEmpty(env.OPENAI_BASE_URL) ?? file.baseUrl;
  const offlineFlag = flags.offline === true || truthy(env.LITREV_OFFLINE);
  const engine = offlineFlag || (!apiKey && !baseURLRaw) ? 'offline' : 'model';
  const engineReason = offlineFlag
    ? '--offline was given'
    : engine === 'offline'
      ? 'no OPENAI_API_KEY or OPENAI_BASE_URL is set'
      : `model endpoint ${redactURL(baseURLRaw ?? DEFAULT_BASE_URL)}`;

  const models = list(flags.model);
  const modelNames = models.length > 0 ? models : [nonEmpty(env.LITREV_MODEL) ?? file.model ?? DEFAULT_MODEL];
  const promptFlag = list(flags.prompts);
  const filePrompts = file.prompts === undefined ? [] : ([] as string[]).concat(file.prompts);
  const promptDirs = (promptFlag.length > 0 ? promptFlag : filePrompts).map((p) => path.resolve(cwd, p));
  // --concurrency N (or its setting) is a ceiling; without it the limit adapts to the endpoint.
  const givenConcurrency = int(flags.concurrency, '--concurrency') ?? int(env.LITREV_CONCURRENCY, 'LITREV_CONCURRENCY') ?? file.concurrency;

  const jsonOut = flags.json === true;
  const isTTY = options.isTTY ?? false;
  const ci = truthy(env.CI);
  const output = jsonOut ? 'json' : isTTY && !ci && flags.plain !== true ? 'ink' : 'plain';

  const timeoutMs = int(env.LITREV_TIMEOUT_MS, 'LITREV_TIMEOUT_MS') ?? file.timeoutMs ?? 120_000;
  const candidate = {
    cwd,
    workspaceDir: path.resolve(cwd, str(flags.workspace) ?? nonEmpty(env.LITREV_WORKSPACE) ?? file.workspace ?? '.litrev'),
    cacheDir: path.resolve(cwd, str(flags['cache-dir']) ?? nonEmpty(env.LITREV_CACHE_DIR) ?? file.cacheDir ?? 'cache'),
    cacheMode: enumValue(CacheModeSchema.options, str(flags.cache) ?? nonEmpty(env.LITREV_CACHE) ?? file.cache ?? 'readwrite', '--cache'),
    runsDir: path.resolve(cwd, nonEmpty(env.LITREV_RUNS_DIR) ?? file.runsDir ?? 'runs'),
    outDir: optPath(cwd, str(flags.out) ?? file.out),
    engine,
    engineReason,
    model: {
      name: modelNames[0],
      baseURL: (baseURLRaw ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
      apiKey,
      temperature: num(flags.temperature, '--temperature') ?? num(env.LITREV_TEMPERATURE, 'LITREV_TEMPERATURE') ?? file.temperature ?? 0,
      seed: int(flags.seed, '--seed') ?? int(env.LITREV_SEED, 'LITREV_SEED') ?? file.seed,
      timeoutMs,
      idleTimeoutMs: int(env.LITREV_IDLE_TIMEOUT_MS, 'LITREV_IDLE_TIMEOUT_MS') ?? file.idleTimeoutMs ?? Math.min(timeoutMs, 60_000),
      requestDeadlineMs: int(env.LITREV_REQUEST_DEADLINE_MS, 'LITREV_REQUEST_DEADLINE_MS') ?? file.requestDeadlineMs ?? Math.max(600_000, timeoutMs * 3),
      maxRetries: int(flags['max-retries'], '--max-retries') ?? int(env.LITREV_MAX_RETRIES, 'LITREV_MAX_RETRIES') ?? file.maxRetries ?? 5,
      structuredMethod: enumValue(
        StructuredMethodSchema.options,
        str(flags['structured-method']) ?? nonEmpty(env.LITREV_STRUCTURED_METHOD) ?? file.structuredMethod ?? 'auto',
        '--structured-method',
      ),
      embeddingModel: nonEmpty(env.LITREV_EMBEDDING_MODEL) ?? (file.embeddingModel === undefined ? 'text-embedding-3-small' : file.embeddingModel),
      maxTokens: int(env.LITREV_MAX_TOKENS, 'LITREV_MAX_TOKENS') ?? file.maxTokens,
      contextWindow: int(env.LITREV_CONTEXT_WINDOW, 'LITREV_CONTEXT_WINDOW') ?? file.contextWindow,
    },
    models: modelNames,
    promptDirs,
    concurrency: givenConcurrency ?? 8,
    concurrencyIsDefault: givenConcurrency === undefined,
    // The offline engine's threads: one per core, at most 4 (more gains little and costs memory).
    workers: int(env.LITREV_WORKERS, 'LITREV_WORKERS') ?? file.workers ?? Math.min(4, os.availableParallelism()),
    batchSize: atLeast(int(flags['batch-size'], '--batch-size') ?? file.batchSize, 1, 100, '--batch-size'),
    batchTokenBudget: int(env.LITREV_BATCH_TOKENS, 'LITREV_BATCH_TOKENS') ?? file.batchTokenBudget ?? 4000,
    maxCost: num(flags['max-cost'], '--max-cost') ?? num(env.LITREV_MAX_COST, 'LITREV_MAX_COST') ?? file.maxCost,
    dryRun: flags['dry-run'] === true,
    topic: str(flags.topic),
    taxonomyFile: optPath(cwd, str(flags.taxonomy)),
    criteriaFile: optPath(cwd, str(flags.criteria)),
    repeat: int(flags.repeat, '--repeat') ?? 1,
    strict: flags.strict === true || truthy(env.LITREV_STRICT) || file.strict === true,
    requireAbstract: flags['require-abstract'] === true,
    columnMap: columnMap(list(flags.map)),
    output,
    batch: {
      api: flags['batch-api'] === true || (nonEmpty(env.LITREV_BATCH_API) === undefined ? file.batchApi === true : truthy(env.LITREV_BATCH_API)),
      fallback: enumValue(['resubmit', 'sync'] as const, str(flags['batch-fallback']) ?? nonEmpty(env.LITREV_BATCH_FALLBACK) ?? file.batchFallback ?? 'resubmit', '--batch-fallback'),
      pollMs: int(env.LITREV_BATCH_POLL_MS, 'LITREV_BATCH_POLL_MS') ?? file.batchPollMs ?? 5000,
    },
    ci,
    color: !truthy(env.NO_COLOR) && flags['no-color'] !== true,
  };

  const parsed = ConfigSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : 'config';
    throw new ConfigError(`invalid configuration: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** The URL with any credentials removed: the only form of an endpoint that is ever shown or stored. */
export function redactURL(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    return u.toString().replace(/\/+$/, '');
  } catch {
    return url;
  }
}

function mergeDotenv(env: Readonly<Record<string, string | undefined>>, cwd: string): Record<string, string | undefined> {
  const file = path.join(cwd, '.env');
  if (!existsSync(file)) return { ...env };
  let fromFile: Record<string, string> = {};
  try {
    fromFile = parseDotenv(readFileSync(file));
  } catch (err) {
    throw new ConfigError(`cannot read ${file}: ${(err as Error).message}`);
  }
  // Real environment variables win over .env, as everywhere else.
  return { ...fromFile, ...env };
}

function readConfigFile(explicit: string | undefined, cwd: string): ConfigFile {
  const file = explicit ? path.resolve(cwd, explicit) : path.join(cwd, 'litrev.config.json');
  if (!existsSync(file)) {
    if (explicit) throw new ConfigError(`config file not found: ${file}`);
    return {};
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = ConfigFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${file}: ${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

function str(v: unknown): string | undefined {
  if (Array.isArray(v)) return v.length > 0 ? String(v[v.length - 1]) : undefined;
  return typeof v === 'string' ? v : undefined;
}
function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  return typeof v === 'string' ? [v] : [];
}
function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}
function truthy(v: string | undefined): boolean {
  return v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());
}
function optPath(cwd: string, v: string | undefined): string | undefined {
  return v === undefined ? undefined : path.resolve(cwd, v);
}
function num(v: unknown, name: string): number | undefined {
  const s = typeof v === 'string' ? v.trim() : undefined;
  if (s === undefined || s === '') return undefined;
  const n = Number(s);
  if (!Number.isFinite(n)) throw new ConfigError(`${name} must be a number, got "${s}"`);
  return n;
}
function int(v: unknown, name: string): number | undefined {
  const n = num(v, name);
  if (n !== undefined && !Number.isInteger(n)) throw new ConfigError(`${name} must be a whole number, got "${String(v)}"`);
  return n;
}
/** `--map title="Paper Name"` values (`FIELD=Column`) into field -> column; an unknown field is a usage error. */
function columnMap(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const m = /^\s*([A-Za-z]+)\s*=\s*(.+?)\s*$/.exec(v);
    const field = m?.[1]!.toLowerCase();
    if (!m || !field || !(MAP_FIELDS as readonly string[]).includes(field)) {
      throw new ConfigError(`--map expects FIELD="Column" with FIELD one of ${MAP_FIELDS.join(', ')}; got "${v}"`);
    }
    out[field] = m[2]!.replace(/^(["'])(.*)\1$/, '$2');
  }
  return out;
}
const MAP_FIELDS = ['title', 'abstract', 'authors', 'year', 'date', 'venue', 'doi', 'url', 'keywords', 'key'] as const;

/** A whole number within [min, max], or a one-line usage error naming the flag. */
function atLeast(n: number | undefined, min: number, max: number, name: string): number | undefined {
  if (n !== undefined && (n < min || n > max)) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got ${n}`);
  return n;
}

function enumValue<T extends string>(options: readonly T[], v: string, name: string): T {
  if ((options as readonly string[]).includes(v)) return v as T;
  throw new ConfigError(`${name} must be one of ${options.join(', ')}; got "${v}"`);
}
