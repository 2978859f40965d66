/**
 * A deterministic stand-in for a language model, for tests only: it reads the request the real
 * client sent (messages + response_format / tools) and answers each review stage with JSON that a
 * careful model could have written from the papers in the prompt. It lives behind the test HTTP
 * server; the code under test talks to it through the real OpenAI-compatible client.
 */
import { createHash } from 'node:crypto';
import type { ChatAnswer, ChatHandler, ChatRequestInfo } from './chat-request.js';

interface PromptPaper {
  id: string;
  key?: string;
  title: string;
  abstract?: string;
  extra: Record<string, string>;
}

/** Which review stage a request belongs to: its schema name, or (json_mode) the schema's shape. */
export function stageOf(info: ChatRequestInfo): string | null {
  if (info.schemaName) return info.schemaName;
  const props = (info.schema as { properties?: Record<string, unknown> } | null)?.properties ?? {};
  if ('overview' in props) return 'overview';
  if ('body' in props) return 'section';
  if ('categories' in props) return 'taxonomy';
  const item = ((props.items as { items?: { properties?: Record<string, unknown> } } | undefined)?.items?.properties) ?? {};
  if ('contributionType' in item) return 'paper_annotations';
  if ('relevant' in item) return 'screening';
  if ('answers' in item) return 'criteria_screening';
  if ('categoryId' in item) return 'category_assignment';
  return null;
}

export function papersIn(text: string): PromptPaper[] {
  const out: PromptPaper[] = [];
  for (const m of text.matchAll(/<paper id="([^"]+)"(?: key="([^"]+)")?>\n([\s\S]*?)\n<\/paper>/g)) {
    const fields: Record<string, string> = {};
    for (const f of m[3]!.matchAll(/<([a-z_]+)>([\s\S]*?)<\/\1>/g)) fields[f[1]!] = f[2]!;
    const { title = '', abstract, ...extra } = fields;
    out.push({ id: m[1]!, ...(m[2] ? { key: m[2] } : {}), title, ...(abstract !== undefined ? { abstract } : {}), extra });
  }
  return out;
}

function h(s: string): number {
  return createHash('sha256').update(s).digest().readUInt32BE(0);
}

const TYPES = ['method', 'system', 'benchmark-or-dataset', 'survey', 'theory', 'empirical-study', 'position'] as const;

function contributionType(abstract: string): (typeof TYPES)[number] {
  const a = abstract.toLowerCase();
  if (/\bsurvey\b|\breview of\b/.test(a)) return 'survey';
  if (/\bbenchmark\b|\bdataset\b/.test(a)) return 'benchmark-or-dataset';
  if (/\bwe prove\b|\btheoretical\b|\bprovabl/.test(a)) return 'theory';
  if (/\bsystem\b|\bserving\b/.test(a)) return 'system';
  if (/\bwe (study|analy[sz]e|investigate)\b/.test(a)) return 'empirical-study';
  return 'method';
}

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z])/).map((s) => s.trim()).filter(Boolean);
}

/** The JSON object the fake model answers for one structured request (null: not a review stage). */
export function fakeReviewerAnswer(info: ChatRequestInfo, options: FakeReviewerOptions = {}): unknown {
  const userText = info.messages.filter((m) => m.role === 'user').map((m) => m.content)[0] ?? '';
  const systemText = info.messages.find((m) => m.role === 'system')?.content ?? '';
  const papers = papersIn(userText);
  switch (stageOf(info)) {
    case 'paper_annotations':
      return {
        items: papers.map((p) => {
          const abstract = (p.abstract ?? '').replace(/‹/g, '<').replace(/›/g, '>');
          const quant = sentences(abstract).find((s) => /\d/.test(s));
          return {
            id: p.id,
            contributionType: contributionType(abstract),
            problem: sentences(abstract)[0] ?? p.title,
            // Like a real model, the answer depends on the prompt: for about a third of the papers
            // another wording of the instructions gives another method family.
            methodFamily: h(systemText + p.id) % 3 === 0 ? `${family(p.title)} (variant ${h(systemText) % 97})` : family(p.title),
            methodSummary: options.fullAnnotations ? methodSentence(abstract, p.title) : `The paper presents ${p.title}.`,
            tasks: [],
            datasets: [],
            models: [],
            claims: options.fullAnnotations
              ? resultSentences(abstract)
              : quant
                ? [{ text: 'Reported result', quote: quant, quantitative: true, metric: null, value: firstNumber(quant), baseline: null }]
                : [],
          };
        }),
      };
    case 'screening': {
      const topic = /Topic: (.*)/.exec(userText)?.[1]?.toLowerCase() ?? '';
      const words = topic.split(/\W+/).filter((w) => w.length > 3);
      return {
        items: papers.map((p) => {
          const text = `${p.title} ${p.abstract ?? ''}`.toLowerCase();
          const hit = words.filter((w) => text.includes(w));
          return { id: p.id, relevant: hit.length > 0, reason: hit.length ? `mentions ${hit.join(', ')}` : 'does not mention the topic' };
        }),
      };
    }
    case 'criteria_screening':
      return { items: papers.map((p) => ({ id: p.id, answers: criteriaIn(userText).map((c) => criterionAnswer(c, p)) })) };
    case 'taxonomy':
      return {
        categories: [
          'Attention and memory',
          'Quantization and compression',
          'Training and optimization',
          'Theory and analysis',
          'Systems and serving',
          ...(options.fullAnnotations ? ['Reasoning and agents', 'Vision and multimodal models', 'Evaluation and benchmarks'] : []),
        ].map(
          (name) => ({ name, definition: `Papers mainly about ${name.toLowerCase()}.` }),
        ),
      };
    case 'category_assignment': {
      const ids: string[] = (info.schema as any).properties.items.items.properties.categoryId.enum;
      return { items: papers.map((p) => ({ id: p.id, categoryId: ids[h(p.id + (p.extra.method_family ?? '')) % ids.length] })) };
    }
    case 'section': {
      const weak = options.weak;
      const section = /^Section: (.*?):/m.exec(userText)?.[1] ?? '';
      const askedAgain = info.messages.some((m) => m.role === 'assistant');
      if (weak?.citeNothing?.test(section) && (weak.citeNothingAgain || !askedAgain)) {
        return { body: papers.map((p) => `${p.title} is an approach of its own.`).join(' ') || 'These papers share one focus.' };
      }
      const cite = (p: PromptPaper, i: number) =>
        weak?.citeIds ? [`[@${p.id}]`, `[${p.id}]`, `(${p.id})`][i % 3]! : `[@${p.key}]`;
      const markup = (p: PromptPaper) => (weak?.copyMarkup ? `&lt;paper id="${p.id}" key="${p.key ?? ''}"> <claims>` : '');
      const lines = papers.map((p, i) => `${markup(p)}${p.title} is studied in ${cite(p, i)}.`);
      if (options.plantKey) lines.push(`A related result appears in [@${options.plantKey}].`);
      return { body: lines.join(' ') };
    }
    case 'overview': {
      const weak = options.weak;
      const askedAgain = info.messages.some((m) => m.role === 'assistant');
      const key = /\[@([^\]]+)\]/.exec(userText)?.[1];
      if (weak?.citeNothing?.test('Overview') && (weak.citeNothingAgain || !askedAgain)) {
        return { overview: 'The sections below cover the corpus.', openProblems: 'Several papers leave evaluation at scale open.' };
      }
      return {
        overview: key ? `${weak?.copyMarkup ? '<paper> ' : ''}The sections below cover the corpus, starting from [@${key}].` : 'The sections below cover the corpus.',
        openProblems: 'Several papers leave evaluation at scale open.',
      };
    }
    default:
      return null;
  }
}

/** The criteria a criteria-screening prompt lists: `- ID (inclusion|exclusion): sentence`. */
function criteriaIn(text: string): { id: string; text: string }[] {
  return [...text.matchAll(/^- (\S+) \((?:inclusion|exclusion)\): (.*)$/gm)].map((m) => ({ id: m[1]!, text: m[2]! }));
}

/**
 * A careful screener's answer, deterministically: the criterion's long words (6+ letters) found in
 * the paper: two or more is met, one is unclear, none is not met; the quote is the first abstract
 * sentence holding one of them, verbatim.
 */
function criterionAnswer(c: { id: string; text: string }, p: PromptPaper) {
  const words = [...new Set(c.text.toLowerCase().split(/\W+/).filter((w) => w.length >= 6))];
  const abstract = (p.abstract ?? '').replace(/‹/g, '<').replace(/›/g, '>');
  const text = `${p.title} ${abstract}`.toLowerCase();
  const hits = words.filter((w) => text.includes(w));
  const answer = hits.length >= 2 ? 'met' : hits.length === 1 ? 'unclear' : 'not-met';
  const quote = sentences(abstract).find((s) => hits.some((w) => s.toLowerCase().includes(w))) ?? null;
  return { criterion: c.id, answer, reason: hits.length ? `mentions ${hits.join(', ')}` : 'mentions none of its terms', quote };
}

function firstNumber(sentence: string): string | null {
  return (sentence.match(/(?<![A-Za-z0-9.])\d+(?:\.\d+)?(?:%|x|×|[KMB]\b)?/) ?? [null])[0];
}

/** What a careful model says a paper does: the abstract's sentence proposing it (else its second sentence), verbatim. */
function methodSentence(abstract: string, title: string): string {
  const all = sentences(abstract);
  return all.find((s) => /\bwe (propose|present|introduce|develop|design)\b|\bthis (paper|work)\b/i.test(s)) ?? all[1] ?? all[0] ?? `The paper presents ${title}.`;
}

/** A careful model's claims: up to three result sentences, each shortened to its first 16 words, quoted in full. */
function resultSentences(abstract: string) {
  return sentences(abstract)
    .filter((s) => /\d|outperform|improv|achiev|reduc|faster|better|state-of-the-art/i.test(s))
    .slice(0, 3)
    .map((quote) => {
      const value = firstNumber(quote);
      return { text: quote.split(/\s+/).slice(0, 16).join(' ').replace(/[.,;:]$/, ''), quote, quantitative: value !== null, metric: null, value, baseline: null };
    });
}

function family(title: string): string {
  const head = title.split(':')[0]!.toLowerCase();
  if (/quant|compress|prun|distill/.test(title.toLowerCase())) return 'model compression';
  if (/attention|kv|cache/.test(title.toLowerCase())) return 'attention and KV cache';
  return head.split(/\s+/).slice(0, 3).join(' ');
}

export interface FakeReviewerOptions {
  /** A key the section writer cites although no paper has it (verification must remove it). */
  plantKey?: string;
  /** Answers to ask/chat copy the prompt's markup (`<paper id=..>`, `<claims>`), as a weak model does. */
  copyMarkup?: boolean;
  /** What a weak model does to the prose it writes. */
  weak?: WeakWriter;
  /**
   * Annotations of the size a careful real model writes (its method sentence, up to three result claims) and
   * eight categories instead of five: what `--dry-run` is measured against (scripts/bench-dry-run.ts).
   */
  fullAnnotations?: boolean;
}

/** A weak model's habits in the sections and overview it writes (and, with fakeModel, in its answers to ask and chat). */
export interface WeakWriter {
  /** Cite the paper ids the prompt shows instead of the keys: `[@id]`, `[id]`, `(id)` in turn. */
  citeIds?: boolean;
  /** Copy the prompt's markup into the prose (`&lt;paper id=".." key="..">`, `<claims>`, `<paper>`). */
  copyMarkup?: boolean;
  /** Sections whose name matches (the overview as "Overview") cite nothing in their first reply. */
  citeNothing?: RegExp;
  /** ... and nothing when asked again either. */
  citeNothingAgain?: boolean;
}

/** A test-server handler answering every review stage; plain-text requests get the server's default. */
export function fakeReviewer(options: FakeReviewerOptions = {}): ChatHandler {
  return (info): ChatAnswer | undefined => {
    if (info.method === 'text') return undefined;
    const json = fakeReviewerAnswer(info, options);
    return json === null ? undefined : { json };
  };
}

const STOP = new Set(['the', 'and', 'for', 'with', 'that', 'this', 'what', 'which', 'how', 'does', 'are', 'is', 'of', 'in', 'on', 'to', 'a', 'an', 'do', 'by', 'about', 'from', 'papers', 'paper', 'corpus']);

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2 && !STOP.has(w)));
}

/**
 * The answer a careful model gives to an `ask`/`chat` request, from the sources in the prompt only: the sentences
 * of the sources that share most words with the question, each cited with its source's key; "The corpus does not
 * say." when no sentence shares a word. Null when the request is not a Q&A request.
 */
export function fakeAnswer(info: ChatRequestInfo): string | null {
  const user = info.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
  const question = /Question:\s*([\s\S]*)$/.exec(user)?.[1]?.trim();
  if (!question || !user.includes('Sources:')) return null;
  const asked = words(question);
  const scored = papersIn(user).flatMap((p) =>
    sentences(`${p.abstract ?? ''}`.replace(/‹/g, '<').replace(/›/g, '>')).map((s) => ({ key: p.key, s, score: [...words(s)].filter((w) => asked.has(w)).length })),
  );
  const best = scored.filter((x) => x.key && x.score > 0).sort((a, b) => b.score - a.score).slice(0, 2);
  if (best.length === 0) {
    const closest = papersIn(user).slice(0, 2).filter((p) => p.key);
    return `The corpus does not say.\n${closest.length ? `The closest sources cover ${closest.map((p) => `${p.title} [@${p.key}]`).join('; ')}.` : ''}`.trim();
  }
  return best.map((x) => `${x.s.replace(/[.!?]$/, '')} [@${x.key}].`).join(' ');
}

/** fakeReviewer, plus extractive answers to ask/chat requests from the sources they carry. */
export function fakeModel(options: FakeReviewerOptions = {}): ChatHandler {
  const reviewer = fakeReviewer(options);
  return (info) => {
    if (info.method === 'text') {
      const written = fakeAnswer(info);
      if (written === null) return undefined;
      const answer = options.weak?.citeIds ? withIdCitations(written, info) : written;
      return { content: options.copyMarkup ? withCopiedMarkup(answer, info) : answer };
    }
    if (stageOf(info) === 'query_plan') {
      const plan = fakePlan(info);
      if (plan) return { json: plan };
    }
    return reviewer(info);
  };
}

/** The answer as a model that cites the ids its prompt shows writes it: `[@id]`, `[id]`, `(id)` in turn. */
function withIdCitations(answer: string, info: ChatRequestInfo): string {
  const user = info.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
  const idOf = new Map(papersIn(user).flatMap((p) => (p.key ? [[p.key, p.id] as const] : [])));
  let n = 0;
  return answer.replace(/\[@([^\]\s;]+)\]/g, (whole, key: string) => {
    const id = idOf.get(key);
    return id ? [`[@${id}]`, `[${id}]`, `(${id})`][n++ % 3]! : whole;
  });
}

/** The answer as a model that copies its prompt's markup writes it: the first source's tags around it. */
function withCopiedMarkup(answer: string, info: ChatRequestInfo): string {
  const user = info.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
  const first = papersIn(user)[0];
  const open = first ? `<paper id="${first.id}"${first.key ? ` key="${first.key}"` : ''}>` : '<paper>';
  return `${open}\n<claims>${answer}</claims>\n</paper>`;
}

/**
 * The query plan a careful model writes for a list or count question ("Which papers ... X?", "How many papers
 * ... X?"): the words after the question's verb are the thing asked about. Null for other questions.
 */
export function fakePlan(info: ChatRequestInfo): Record<string, unknown> | null {
  const user = info.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
  const question = /Question:\s*([\s\S]*)$/.exec(user)?.[1]?.trim() ?? '';
  const kind = /^how many\b/i.test(question) ? 'count' : /^which\b/i.test(question) ? 'list' : 'lookup';
  const subject = /\b(?:on|about|use|mention|name)\s+(?:the\s+)?(.+?)\??$/i.exec(question)?.[1] ?? '';
  const previous = /\b(?:these|them|they)\b/i.test(question);
  return {
    kind,
    filters: subject ? [{ field: 'text', op: 'names', value: subject, negate: false }] : [],
    subjects: [],
    groupBy: null,
    metric: null,
    order: null,
    scope: previous ? 'previous' : 'corpus',
  };
}
