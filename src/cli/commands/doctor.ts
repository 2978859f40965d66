import { loadConfig } from '../../config/load.js';
import { ExitCode } from '../../errors.js';
import type { EndpointReport, ProbeName } from '../../model/probe-endpoint.js';
import type { CommandAction } from '../command.js';
import { say } from '../output/say.js';

/**
 * `litrev doctor [--json]`: probe the configured endpoint (reachable, key accepted, model listed,
 * json_schema / function_calling / json_mode / streaming / embeddings) and remember the structured
 * method runs will use. Without a model configured it reports the offline engine and exits 0;
 * exit 2 when the endpoint is unusable.
 */
export const doctorAction: CommandAction = async (ctx) => {
  const config = loadConfig({ flags: ctx.flags, cwd: ctx.cwd, isTTY: ctx.isTTY });
  const json = ctx.flags.json === true;
  if (config.engine === 'offline') {
    if (json) say(ctx.stdout, `${JSON.stringify({ engine: 'offline', reason: config.engineReason, ok: true })}\n`);
    else say(ctx.stdout, `No model endpoint configured (${config.engineReason}): the offline extractive engine is in use.\nSet OPENAI_API_KEY and/or OPENAI_BASE_URL (or --base-url) to use a model.\n`);
    return ExitCode.ok;
  }
  if (config.endpointWarning) say(ctx.stderr, `litrev: warning: ${config.endpointWarning}\n`);
  const { probeEndpoint } = await import('../../model/probe-endpoint.js');
  const report = await probeEndpoint(config);
  if (json) say(ctx.stdout, `${JSON.stringify(config.endpointWarning ? { ...report, warnings: [config.endpointWarning] } : report)}\n`);
  else say(ctx.stdout, formatReport(report));
  return report.ok ? ExitCode.ok : ExitCode.usage;
};

const LABELS: Record<ProbeName, string> = {
  json_schema: 'json_schema (strict)',
  function_calling: 'function calling',
  json_mode: 'json_mode',
  streaming: 'streaming',
  embeddings: 'embeddings',
};

function mark(ok: boolean | null): string {
  return ok === true ? '✓' : ok === false ? '✗' : '-';
}

/** The plain-text report. */
export function formatReport(r: EndpointReport): string {
  const lines = [`litrev doctor: ${r.endpoint}, model ${r.model}`];
  lines.push(`  ${mark(r.reachable)} endpoint reachable`);
  lines.push(`  ${mark(r.keyAccepted)} API key accepted`);
  const listed = r.models === null ? 'model list not available' : `model listed (${r.models.length} models at the endpoint)`;
  lines.push(`  ${mark(r.modelListed)} ${r.modelListed === false ? `model not listed` : listed}`);
  for (const [name, probe] of Object.entries(r.probes) as [ProbeName, EndpointReport['probes'][ProbeName]][]) {
    const ms = probe.latencyMs === undefined ? '' : ` (${probe.latencyMs} ms)`;
    lines.push(`  ${mark(probe.ok)} ${LABELS[name]}: ${probe.detail}${ms}`);
  }
  if (r.method) {
    lines.push(`  structured output will use ${r.method}${r.configuredMethod === 'auto' ? ' (auto)' : ''}${r.capabilityFile ? `; remembered in ${r.capabilityFile}` : ''}`);
  }
  if (r.limits) lines.push(...limitLines(r.limits));
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  for (const p of r.problems) lines.push(`  problem: ${p}`);
  lines.push(r.ok ? 'The endpoint is usable.' : 'The endpoint is not usable: fix the problems above (exit 2).');
  return `${lines.join('\n')}\n`;
}

/** Context window, output cap, accepted parameters and rate limits, one line each. */
function limitLines(l: NonNullable<EndpointReport['limits']>): string[] {
  const out = [
    `  context window: ${l.contextWindow === null ? 'unknown (learned during runs; set LITREV_CONTEXT_WINDOW to fix it)' : `${l.contextWindow} tokens (${l.contextSource})`}`,
    `  output cap: ${l.maxOutputTokens === null ? 'unknown (learned from replies cut at finish_reason: length; LITREV_MAX_TOKENS sets it)' : `${l.maxOutputTokens} tokens (${l.outputSource})`}`,
    `  parameters accepted: ${l.params.tokensField}${l.params.temperature ? ', temperature' : ', no temperature'}${l.params.seed ? ', seed' : ', no seed'}`,
  ];
  for (const a of l.adapted) out.push(`    adapted: ${a}`);
  const rl = l.rateLimits;
  if (rl && (rl.limitRequests !== null || rl.limitTokens !== null)) {
    const parts = [
      rl.limitRequests === null ? null : `${rl.remainingRequests ?? '?'} of ${rl.limitRequests} requests left`,
      rl.limitTokens === null ? null : `${rl.remainingTokens ?? '?'} of ${rl.limitTokens} tokens left`,
    ].filter(Boolean);
    out.push(`  rate limits (from headers): ${parts.join(', ')}${rl.pacedPerSecond === null ? '' : `; litrev paces to ${rl.pacedPerSecond} requests/s`}`);
  } else out.push('  rate limits: none announced in headers (429s are waited out when they come)');
  return out;
}
