import { createHash } from 'node:crypto';
import { ConfigError } from '../errors.js';
import type { ChatMessage } from '../model/types.js';

/**
 * A prompt file: front matter (name, version, declared variables) and a body of message
 * sections, each opened by a marker line `--- system ---`, `--- user ---` or `--- assistant ---`.
 * Variables are written `{{name}}`.
 *
 *   ---
 *   name: classify
 *   version: 3
 *   variables: [papers, topic]
 *   ---
 *   --- system ---
 *   You are ...
 *   --- user ---
 *   {{papers}}
 */
export interface PromptFile {
  name: string;
  version: string;
  variables: string[];
  messages: { role: ChatMessage['role']; template: string }[];
  /** sha256 of the file's bytes: recorded in run.json. */
  hash: string;
  path: string;
}

const MARKER = /^---\s*(system|user|assistant)\s*---\s*$/;
const VARIABLE = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g;

export function parsePromptFile(text: string, path: string): PromptFile {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(normalised);
  if (!fm) throw new ConfigError(`${path}: a prompt file starts with front matter (---, name, version, variables, ---)`);
  const meta = parseFrontMatter(fm[1]!, path);
  const body = normalised.slice(fm[0].length);

  const messages: PromptFile['messages'] = [];
  let current: PromptFile['messages'][number] | undefined;
  for (const line of body.split('\n')) {
    const m = MARKER.exec(line);
    if (m) {
      current = { role: m[1] as ChatMessage['role'], template: '' };
      messages.push(current);
    } else if (current) {
      current.template += (current.template ? '\n' : '') + line;
    } else if (line.trim() !== '') {
      throw new ConfigError(`${path}: text before the first "--- system ---" or "--- user ---" marker`);
    }
  }
  for (const msg of messages) msg.template = msg.template.trim();
  if (messages.length === 0) throw new ConfigError(`${path}: no "--- system ---" / "--- user ---" sections`);

  const used = new Set(messages.flatMap((msg) => [...msg.template.matchAll(VARIABLE)].map((v) => v[1]!)));
  const undeclared = [...used].filter((v) => !meta.variables.includes(v));
  if (undeclared.length > 0) throw new ConfigError(`${path}: uses undeclared variable(s) ${undeclared.join(', ')}`);

  return { ...meta, messages, hash: createHash('sha256').update(text).digest('hex'), path };
}

/** Fill the variables; a declared variable without a value is an error naming the prompt. */
export function renderPrompt(prompt: PromptFile, values: Readonly<Record<string, string>>): ChatMessage[] {
  const missing = prompt.variables.filter((v) => values[v] === undefined);
  if (missing.length > 0) {
    throw new ConfigError(`prompt "${prompt.name}" (${prompt.path}): missing value for ${missing.join(', ')}`);
  }
  return prompt.messages.map((m) => ({
    role: m.role,
    content: m.template.replace(VARIABLE, (_, name: string) => values[name]!),
  }));
}

function parseFrontMatter(text: string, path: string): Pick<PromptFile, 'name' | 'version' | 'variables'> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const m = /^([a-zA-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (!m) throw new ConfigError(`${path}: cannot read front matter line "${line.trim()}"`);
    fields.set(m[1]!, m[2]!.trim());
  }
  const name = fields.get('name');
  const version = fields.get('version');
  if (!name) throw new ConfigError(`${path}: front matter needs a name`);
  if (!version) throw new ConfigError(`${path}: front matter needs a version`);
  const rawVars = fields.get('variables') ?? '[]';
  const inner = /^\[(.*)\]$/.exec(rawVars);
  if (!inner) throw new ConfigError(`${path}: variables must be a list like [papers, topic]`);
  const variables = inner[1]!
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return { name, version: version.replace(/^["']|["']$/g, ''), variables };
}
