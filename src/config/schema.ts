import { z } from 'zod';

/** How the response cache is used. */
export const CacheModeSchema = z.enum(['readwrite', 'replay', 'refresh', 'off']);
export type CacheMode = z.infer<typeof CacheModeSchema>;

/** How structured output is requested from the endpoint; `auto` probes (see `litrev doctor`). */
export const StructuredMethodSchema = z.enum(['auto', 'json_schema', 'function_calling', 'json_mode']);
export type StructuredMethod = z.infer<typeof StructuredMethodSchema>;

export const OutputModeSchema = z.enum(['ink', 'plain', 'json']);
export type OutputMode = z.infer<typeof OutputModeSchema>;

export const ModelConfigSchema = z.object({
  /** Model name sent to the endpoint. */
  name: z.string().min(1),
  /** Endpoint base URL, without a trailing slash (default https://api.openai.com/v1). */
  baseURL: z.string().url(),
  /** Never written to disk, never part of a cache key. */
  apiKey: z.string().optional(),
  temperature: z.number().min(0).max(2),
  seed: z.number().int().optional(),
  timeoutMs: z.number().int().positive(),
  /** Longest silence within a reply's body (a stalled or keep-alive-only stream). */
  idleTimeoutMs: z.number().int().positive(),
  /** How long one request may take in all, rate-limit waits and retries included. */
  requestDeadlineMs: z.number().int().positive(),
  maxRetries: z.number().int().min(0).max(20),
  structuredMethod: StructuredMethodSchema,
  embeddingModel: z.string().nullable(),
  maxTokens: z.number().int().positive().optional(),
  /** The model's context window in tokens, when the user knows it better than the endpoint tells. */
  contextWindow: z.number().int().min(256).optional(),
});
export type ModelConfig = z.infer<typeof ModelConfigSchema>;

/** The one typed configuration object; built once by `loadConfig`. */
export const ConfigSchema = z.object({
  cwd: z.string(),
  /** The config file read (absolute), when there is one. */
  configFile: z.string().optional(),
  workspaceDir: z.string(),
  cacheDir: z.string(),
  cacheMode: CacheModeSchema,
  runsDir: z.string(),
  outDir: z.string().optional(),
  /** --force: write into an --out folder that is neither empty nor an earlier run (never over an input file). */
  force: z.boolean(),
  engine: z.enum(['offline', 'model']),
  /** Why this engine was chosen, shown to the user. */
  engineReason: z.string(),
  /** Set when the endpoint comes from .env or the config file while the key comes from the environment (shown and put in --json). */
  endpointWarning: z.string().optional(),
  model: ModelConfigSchema,
  /** Every --model given (matrix runs); model.name is the first. */
  models: z.array(z.string()).min(1),
  /** Every --prompts directory given (matrix runs); empty means the built-in prompts. */
  promptDirs: z.array(z.string()),
  concurrency: z.number().int().min(1).max(256),
  /** True when no --concurrency / LITREV_CONCURRENCY / file setting gave it: requests in flight adapt from 8 up to 64. */
  concurrencyIsDefault: z.boolean().optional(),
  /** Worker threads for the offline engine's CPU-heavy stages on large corpora (1: none). */
  workers: z.number().int().min(1).max(64),
  batchSize: z.number().int().min(1).max(100).optional(),
  /** Token budget of one classification batch, used when --batch-size is not given. */
  batchTokenBudget: z.number().int().min(500),
  maxCost: z.number().nonnegative().optional(),
  dryRun: z.boolean(),
  topic: z.string().optional(),
  taxonomyFile: z.string().optional(),
  /** --criteria: inclusion/exclusion criteria file (YAML or Markdown) screening every paper first. */
  criteriaFile: z.string().optional(),
  repeat: z.number().int().min(1).max(50),
  /** --strict: remove a sentence with a number no cited abstract supports, instead of marking it. */
  strict: z.boolean(),
  /** Leave out papers without an abstract (`--require-abstract`) instead of reviewing them from their title. */
  requireAbstract: z.boolean(),
  /** `--follow-symlinks`: folder walks follow links leading out of the folder named (never into /proc, /sys, /dev). */
  followSymlinks: z.boolean(),
  /** `--map FIELD="Column"`: columns / JSON properties for fields litrev cannot guess (field -> name). */
  columnMap: z.record(z.string(), z.string()),
  output: OutputModeSchema,
  /** --batch-api: model requests go through the provider's Batch API (half price, results within 24 h). */
  batch: z.object({
    api: z.boolean(),
    /** What happens to lines a batch did not answer: another batch, or synchronous requests. */
    fallback: z.enum(['resubmit', 'sync']),
    /** First interval between two polls of a batch, in ms. */
    pollMs: z.number().int().min(10),
  }),
  ci: z.boolean(),
  color: z.boolean(),
});
export type Config = z.infer<typeof ConfigSchema>;

/** The optional config file (`litrev.config.json`): every field optional, same names as the flags. */
export const ConfigFileSchema = z
  .object({
    model: z.string(),
    baseUrl: z.string(),
    cacheDir: z.string(),
    cache: CacheModeSchema,
    concurrency: z.number().int(),
    workers: z.number().int(),
    batchSize: z.number().int(),
    batchTokenBudget: z.number().int(),
    maxCost: z.number(),
    temperature: z.number(),
    seed: z.number().int(),
    timeoutMs: z.number().int(),
    idleTimeoutMs: z.number().int(),
    requestDeadlineMs: z.number().int(),
    maxRetries: z.number().int(),
    structuredMethod: StructuredMethodSchema,
    embeddingModel: z.string().nullable(),
    maxTokens: z.number().int(),
    contextWindow: z.number().int(),
    prompts: z.union([z.string(), z.array(z.string())]),
    out: z.string(),
    runsDir: z.string(),
    workspace: z.string(),
    strict: z.boolean(),
    batchApi: z.boolean(),
    batchFallback: z.enum(['resubmit', 'sync']),
    batchPollMs: z.number().int(),
  })
  .partial()
  .strict();
export type ConfigFile = z.infer<typeof ConfigFileSchema>;
