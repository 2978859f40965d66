/**
 * Secrets out of every message: what a server, a proxy or an SDK says may echo the request's credentials
 * (`Authorization: Bearer <key>`, a URL with `user:password@`, a key in a query string or a fragment). Every
 * text from outside that is shown, stored or written passes through `redactSecrets` first.
 */

const MARK = '[redacted]';

/** The keys this process was configured with (loadConfig remembers them): never printed, stored or written. */
const configured = new Set<string>();

/** Remember a configured secret (an API key): every later `redactSecrets` removes it. Short values are ignored (they would mangle text). */
export function rememberSecret(value: string | undefined): void {
  if (value !== undefined && value.trim().length >= 8) configured.add(value.trim());
}

const PATTERNS: [RegExp, string][] = [
  // `Authorization: Bearer xyz`, `Basic xyz`, `bearer=xyz`
  [/\b(Bearer)(\s+|=)[A-Za-z0-9._~+/=-]{6,}/gi, `$1$2${MARK}`],
  [/\b(Basic)(\s+|=)[A-Za-z0-9+/]{12,}={0,2}/g, `$1$2${MARK}`],
  // OpenAI-style keys (sk-..., sk-proj-...), and the usual prefixes of other providers' keys.
  [/\b(sk|rk|pk)-[A-Za-z0-9_-]{8,}/g, MARK],
  [/\b(sk-ant|gsk|xai|hf)_[A-Za-z0-9_-]{8,}/g, MARK],
  // key=value pairs naming a secret (query strings, form bodies, JSON-ish echoes)
  [/\b((?:api[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret|password|passwd)["']?\s*[=:]\s*["']?)[^\s"'&,;}]{4,}/gi, `$1${MARK}`],
  [/([?&](?:key|token|sig|signature)=)[^\s&#]+/gi, `$1${MARK}`],
  // URL userinfo: scheme://user:pass@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, `$1${MARK}@`],
  // URL fragments
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s#]*)#[^\s]*/gi, `$1#${MARK}`],
];

/** `text` with the configured keys (and any in `extra`), tokens, URL credentials and fragments replaced by `[redacted]`. */
export function redactSecrets(text: string, extra: readonly string[] = []): string {
  let out = text;
  for (const secret of [...configured, ...extra]) {
    if (secret.length > 0 && out.includes(secret)) out = out.split(secret).join(MARK);
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
