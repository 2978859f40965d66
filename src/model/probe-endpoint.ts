import { mkdir } from 'node:fs/promises';
import { z } from 'zod';
import { redactURL } from '../config/load.js';
import type { Config, StructuredMethod } from '../config/schema.js';
import { readCapability, writeCapability } from './capabilities.js';
import { probeLimits, type LimitsReport } from './probe-limits.js';
import { RateGovernor } from './rate-governor.js';
import { classifyError } from './classify-error.js';
import { interpretStructured } from './interpret-reply.js';
import { inputJsonSchema, toStrictJsonSchema } from './strict-json-schema.js';
import { METHOD_ORDER, structuredBody, textBody, type BaseBody, type WireMethod } from './structured-method.js';
import { createTransport, type Transport } from './transport.js';
import { shapeSignature } from './request-shape.js';

/** The outcome of one probe: worked, did not, or was not tried (null). */
export interface ProbeResult {
  ok: boolean | null;
  detail: string;
  latencyMs?: number;
}

export type ProbeName = WireMethod | 'streaming' | 'embeddings';

/** What `litrev doctor` found (its `--json` output). */
export interface EndpointReport {
  engine: 'model';
  endpoint: string;
  model: string;
  reachable: boolean;
  keyAccepted: boolean | null;
  /** null when the endpoint has no usable /models list. */
  modelListed: boolean | null;
  models: string[] | null;
  probes: Record<ProbeName, ProbeResult>;
  configuredMethod: StructuredMethod;
  /** The structured-output method runs will use; null when none works. */
  method: WireMethod | null;
  capabilityFile: string | null;
  /** Context window, output cap, accepted parameters and rate limits; null when the endpoint could not be probed. */
  limits: LimitsReport | null;
  ok: boolean;
  /** Why the endpoint is unusable (empty when ok). */
  problems: string[];
  /** Worth knowing, not blocking. */
  warnings: string[];
}

const ProbeSchema = z.object({ answer: z.string() });
const PROBE_MESSAGES = [
  { role: 'system' as const, content: 'You are a connectivity probe. Follow the format exactly.' },
  { role: 'user' as const, content: 'Reply with a JSON object whose "answer" field is the word "ok".' },
];

/**
 * Probe the configured endpoint live (no cache, no retries): reachable, key accepted, model listed,
 * which structured-output methods work, streaming, embeddings. Remembers the working method in the
 * cache folder's capability file, so runs start with it.
 */
export async function probeEndpoint(config: Config, model = config.model.name): Promise<EndpointReport> {
  const endpoint = redactURL(config.model.baseURL);
  const report: EndpointReport = {
    engine: 'model',
    endpoint,
    model,
    reachable: false,
    keyAccepted: null,
    modelListed: null,
    models: null,
    probes: Object.fromEntries([...METHOD_ORDER, 'streaming', 'embeddings'].map((p) => [p, { ok: null, detail: 'not tried' }])) as Record<ProbeName, ProbeResult>,
    configuredMethod: config.model.structuredMethod,
    method: null,
    capabilityFile: null,
    limits: null,
    ok: false,
    problems: [],
    warnings: [],
  };
  const governor = new RateGovernor();
  const transport = await createTransport({
    baseURL: config.model.baseURL,
    apiKey: config.model.apiKey,
    timeoutMs: config.model.timeoutMs,
    idleTimeoutMs: config.model.idleTimeoutMs,
    onResponse: (status, headers) => governor.observe(status, headers),
  });
  if (!(await checkModels(transport, report, config))) return finish(report);
  const remembered = await readCapability(config.cacheDir, endpoint, model);
  report.limits = await probeLimits(transport, config, model, remembered).catch(() => null);
  // The fields a run sends (temperature, seed, max tokens as configured): a shape that works here is one a run can trust.
  const base: BaseBody = {
    model,
    messages: PROBE_MESSAGES,
    temperature: config.model.temperature,
    ...(config.model.seed !== undefined ? { seed: config.model.seed } : {}),
    ...(config.model.maxTokens ? { maxTokens: config.model.maxTokens } : {}),
  };
  const params = report.limits?.params;
  const strict = toStrictJsonSchema(ProbeSchema);
  const input = inputJsonSchema(ProbeSchema);
  /** The request shape each structured method was accepted with. */
  const accepted = new Map<ProbeName, string>();
  const probes: [ProbeName, () => Promise<string>][] = [
    ...METHOD_ORDER.map((m): [ProbeName, () => Promise<string>] => [
      m,
      async () => {
        const body = structuredBody(base, m, 'probe', strict, params);
        const { reply } = await transport.chat(body);
        const r = interpretStructured(reply, m, 'probe', ProbeSchema, input);
        if (!r.ok) throw new ProbeFailure(`${r.kind}: ${r.error}`);
        accepted.set(m, shapeSignature('structured', body));
        return 'works';
      },
    ]),
    [
      'streaming',
      async () => {
        let deltas = 0;
        const { reply } = await transport.chat(textBody({ ...base, messages: [{ role: 'user', content: 'Say "ok".' }] }, params), { stream: true, onToken: () => deltas++ });
        if (reply.content.trim() === '') throw new ProbeFailure('the stream carried no text');
        return `works (${deltas} deltas)`;
      },
    ],
  ];
  if (config.model.embeddingModel) {
    const em = config.model.embeddingModel;
    probes.push(['embeddings', async () => `works (${em}, ${(await transport.embed(em, ['probe'])).vectors[0]?.length ?? 0} dimensions)`]);
  } else report.probes.embeddings = { ok: null, detail: 'no embedding model configured' };
  await Promise.all(probes.map(([name, run]) => runProbe(report, name, run, model)));
  report.method = chooseMethod(report);
  if (report.limits) report.limits.rateLimits = governor.seen();
  if (report.method) report.capabilityFile = await remember(config, report, accepted.get(report.method)).catch(() => null);
  return finish(report);
}

class ProbeFailure extends Error {}

async function checkModels(transport: Transport, report: EndpointReport, config: Config): Promise<boolean> {
  try {
    const models = (await transport.listModels()).map((m) => m.id);
    report.reachable = true;
    report.keyAccepted = true;
    report.models = models;
    report.modelListed = models.includes(report.model);
    return true;
  } catch (err) {
    const cls = classifyError(err, { endpoint: report.endpoint, model: report.model });
    if (cls.type === 'fatal' && cls.error.status === undefined) {
      report.problems.push(cls.error.message);
      return false;
    }
    if (cls.type === 'transient' && cls.status === undefined) {
      report.problems.push(`cannot reach ${report.endpoint}: ${cls.reason}`);
      return false;
    }
    report.reachable = true;
    const status = (err as { status?: number }).status;
    if (status === 401) {
      report.keyAccepted = false;
      report.problems.push(`the endpoint rejected the API key (401)${config.model.apiKey ? '' : ': no OPENAI_API_KEY is set'}`);
      return false;
    }
    // No /models (some local servers): carry on with the probes.
    return true;
  }
}

async function runProbe(report: EndpointReport, name: ProbeName, run: () => Promise<string>, model: string): Promise<void> {
  const t0 = performance.now();
  try {
    const detail = await run();
    report.probes[name] = { ok: true, detail, latencyMs: Math.round(performance.now() - t0) };
    if (report.keyAccepted === null) report.keyAccepted = true;
  } catch (err) {
    const status = (err as { status?: number }).status;
    const message = err instanceof ProbeFailure ? err.message : describeError(err, report.endpoint, model);
    report.probes[name] = { ok: false, detail: message, latencyMs: Math.round(performance.now() - t0) };
    if (status === 401) report.keyAccepted = false;
    if (status === 404 && name !== 'embeddings') report.modelListed = false;
  }
}

function describeError(err: unknown, endpoint: string, model: string): string {
  const cls = classifyError(err, { endpoint, model });
  if (cls.type === 'fatal') return cls.error.message;
  if (cls.type === 'rejected' || cls.type === 'shape' || cls.type === 'overflow') return `rejected (${cls.message})`;
  if (cls.type === 'transient' || cls.type === 'rate-limited') return cls.reason;
  return (err as Error)?.message ?? String(err);
}

function chooseMethod(report: EndpointReport): WireMethod | null {
  if (report.configuredMethod !== 'auto') return report.probes[report.configuredMethod].ok ? report.configuredMethod : null;
  return METHOD_ORDER.find((m) => report.probes[m].ok === true) ?? null;
}

async function remember(config: Config, report: EndpointReport, acceptedShape: string | undefined): Promise<string> {
  await mkdir(config.cacheDir, { recursive: true });
  const methods = Object.fromEntries(METHOD_ORDER.filter((m) => report.probes[m].ok !== null).map((m) => [m, report.probes[m].ok === true]));
  const previous = await readCapability(config.cacheDir, report.endpoint, report.model);
  const l = report.limits;
  const learnedLimits =
    l && (l.contextSource === 'published' || l.contextSource === 'learned')
      ? { limits: { contextWindow: l.contextWindow, contextSource: l.contextSource, maxOutputTokens: previous?.limits?.maxOutputTokens ?? null, outputSource: previous?.limits?.outputSource ?? null, tokenRatio: previous?.limits?.tokenRatio ?? 1 } }
      : previous?.limits
        ? { limits: previous.limits }
        : {};
  return writeCapability(config.cacheDir, report.endpoint, report.model, {
    method: report.method!,
    methods,
    ...(l ? { params: l.params } : {}),
    // The shape runs will send with the chosen method: their first wave goes out without a probe.
    ...(acceptedShape ? { accepted: [acceptedShape] } : {}),
    ...learnedLimits,
    ...(report.probes.streaming.ok === null ? {} : { streaming: report.probes.streaming.ok }),
    ...(report.probes.embeddings.ok === null ? {} : { embeddings: report.probes.embeddings.ok }),
    checkedAt: new Date().toISOString(),
    source: 'doctor',
  });
}

function finish(report: EndpointReport): EndpointReport {
  if (report.keyAccepted === false && !report.problems.some((p) => p.includes('401'))) report.problems.push('the endpoint rejected the API key (401)');
  if (report.modelListed === false) {
    const listed = report.models ? ` (it lists ${report.models.slice(0, 8).join(', ')}${report.models.length > 8 ? ', …' : ''})` : '';
    if (report.method === null) report.problems.push(`model "${report.model}" not found at the endpoint${listed}`);
    else report.warnings.push(`model "${report.model}" is not in the endpoint's model list${listed}, but it answers`);
  }
  if (report.reachable && report.keyAccepted !== false && report.modelListed !== false && report.method === null) {
    report.problems.push(
      report.configuredMethod === 'auto'
        ? 'no structured-output method works (json_schema, function_calling, json_mode)'
        : `the configured method ${report.configuredMethod} does not work`,
    );
  }
  report.ok = report.reachable && report.keyAccepted !== false && report.method !== null;
  return report;
}
