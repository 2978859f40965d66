import { isRecord } from '../fs/read-text-file.js';
import type { VerificationSummary } from '../verify/verification-summary.js';
import { ManifestSchema, VerificationSummarySchema, type RunManifest } from './manifest.js';

export { EMPTY_VERIFICATION } from './manifest.js';

/** Parse a verification summary leniently: missing or bad fields count 0. */
export function parseVerificationSummary(value: unknown): VerificationSummary {
  return VerificationSummarySchema.parse(value);
}

export type ManifestParse = { ok: true; manifest: RunManifest } | { ok: false; reason: string };

/** Validate a parsed run.json leniently (see ManifestSchema); the reason names the first missing essential field. */
export function parseManifest(data: unknown): ManifestParse {
  if (!isRecord(data)) return { ok: false, reason: 'not a litrev run manifest (not a JSON object)' };
  if (data.formatVersion !== undefined && data.formatVersion !== 1) {
    return { ok: false, reason: `unsupported run.json formatVersion ${JSON.stringify(data.formatVersion)} (this litrev reads 1)` };
  }
  const parsed = ManifestSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'root';
    return { ok: false, reason: `not a litrev run manifest (${field}: ${issue?.message ?? 'invalid'})` };
  }
  return { ok: true, manifest: parsed.data };
}
