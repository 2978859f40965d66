import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { ConfigError } from '../errors.js';
import { rememberSecret } from './redact.js';
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
  const realEnv = options.env ?? process.env;
  const env = mergeDotenv(realEnv, cwd);
  const configFile = configFilePath(str(flags.config) ?? env.LITREV_CONFIG, cwd);
  const file = readConfigFile(configFile, str(flags.config) ?? env.LITREV_CONFIG);

  const apiKey = nonEmpty(env.OPENAI_API_KEY);
  rememberSecret(apiKey);
  const baseURLRaw = str(flags['base-url']) ?? nonEmpty(env.OPENAI_BASE_URL) ?? file.baseUrl;
  const offlineFlag = flags.offline === true || truthy(env.LITREV_OFFLINE);
  const engine = offlineFlag || (!apiKey && !baseURLRaw) ? 'offline' : 'model';
  if (engine === 'model') checkBaseURL(baseURLRaw ?? DEFAULT_BASE_URL);
  const endpointWarning = engine === 'model' ? endpointFromFile({ flags, realEnv, cwd, configFile, file, baseURL: baseURLRaw }) : undefined;
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
    ...(existsSync(configFile) ? { configFile } : {}),
    workspaceDir: path.resolve(cwd, str(flags.workspace) ?? nonEmpty(env.LITREV_WORKSPACE) ?? file.workspace ?? '.litrev'),
    cacheDir: path.resolve(cwd, str(flags['cache-dir']) ?? nonEmpty(env.LITREV_CACHE_DIR) ?? file.cacheDir ?? 'cache'),
    cacheMode: enumValue(CacheModeSchema.options, str(flags.cache) ?? nonEmpty(env.LITREV_CACHE) ?? file.cache ?? 'readwrite', '--cache'),
    runsDir: path.resolve(cwd, nonEmpty(env.LITREV_RUNS_DIR) ?? file.runsDir ?? 'runs'),
    outDir: optPath(cwd, str(flags.out) ?? file.out),
    force: flags.force === true,
    engine,
    engineReason,
    ...(endpointWarning ? { endpointWarning } : {}),
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
    followSymlinks: flags['follow-symlinks'] === true,
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
    u.hash = '';
    return u.toString().replace(/\/+$/, '');
  } catch {
    return url;
  }
}

/**
 * Ports the Fetch standard blocks (fetch fails on them at once, with no error code): a base URL naming one can never
 * work, so it is a configuration error rather than an endpoint judged unreachable after retries.
 */
const BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117,
  119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601,
  636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697,
  10080,
]);

/**
 * A base URL fetch cannot use is a ConfigError (exit 2) before any request: not http(s), credentials in it (fetch
 * refuses them; they would also be shown and stored: the key belongs in OPENAI_API_KEY), or a port fetch blocks.
 */
export function checkBaseURL(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigError(`the base URL ${redactURL(url)} is not a valid URL`, 'set OPENAI_BASE_URL / --base-url to http(s)://host[:port]/v1');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new ConfigError(`the base URL ${redactURL(url)} must be http or https, not ${u.protocol.replace(/:$/, '')}`, 'set OPENAI_BASE_URL / --base-url to http(s)://host[:port]/v1');
  }
  if (u.username || u.password) {
    throw new ConfigError(
      `the base URL ${redactURL(url)} has credentials in the URL, which fetch refuses (and which would be shown and stored)`,
      'put the key in OPENAI_API_KEY and remove user:password@ from the base URL',
    );
  }
  if (u.port !== '' && BAD_PORTS.has(Number(u.port))) {
    throw new ConfigError(`the base URL ${redactURL(url)} names port ${u.port}, which fetch refuses (a port of another protocol)`, 'serve the endpoint on another port');
  }
}

/** A warning when the endpoint comes from a file in the working folder (.env, the config file) while the key comes from the environment. */
function endpointFromFile(o: {
  flags: Flags;
  realEnv: Readonly<Record<string, string | undefined>>;
  cwd: string;
  configFile: string;
  file: ConfigFile;
  baseURL: string | undefined;
}): string | undefined {
  if (o.baseURL === undefined || str(o.flags['base-url']) !== undefined || nonEmpty(o.realEnv.OPENAI_BASE_URL) !== undefined) return undefined;
  if (nonEmpty(o.realEnv.OPENAI_API_KEY) === undefined) return undefined;
  const source = o.file.baseUrl !== undefined && o.file.baseUrl === o.baseURL ? o.configFile : path.join(o.cwd, '.env');
  return `the endpoint ${redactURL(o.baseURL)} comes from ${source} while OPENAI_API_KEY comes from the environment: the key is sent to that endpoint`;
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

function configFilePath(explicit: string | undefined, cwd: string): string {
  return explicit ? path.resolve(cwd, explicit) : path.join(cwd, 'litrev.config.json');
}

function readConfigFile(file: string, explicit: string | undefined): ConfigFile {
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
const MAP_FIELDS = ['title', 'abstract', 'authors', 'year', 'date', 'venue', 'doi', 'url', 'keywords', 'key', 'pmid'] as const;

/** A whole number within [min, max], or a one-line usage error naming the flag. */
function atLeast(n: number | undefined, min: number, max: number, name: string): number | undefined {
  if (n !== undefined && (n < min || n > max)) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got ${n}`);
  return n;
}

function enumValue<T extends string>(options: readonly T[], v: string, name: string): T {
  if ((options as readonly string[]).includes(v)) return v as T;
  throw new ConfigError(`${name} must be one of ${options.join(', ')}; got "${v}"`);
}
