import type { PaperLabel } from './paper-label.js';

/**
 * Turning an abstract's "we propose…" sentence into a third-person sentence about the paper, and
 * condensing long sentences at a clause boundary. Words are kept; only the frame changes.
 */
/** Openers that can always go ("In this paper, …", "Moreover, …"). */
const SAFE_LEAD_IN =
  /^(?:(?:in|within) (?:this|our|their) (?:paper|work|study|article|letter|report|review|survey|position paper|note|thesis|blog(?: post)?)|here|next|then|to date|therefore|thus|hence|accordingly|consequently|specifically|instead|in particular|finally|first|second|moreover|furthermore|additionally|however|in contrast|to that end|to this end|as a result|in addition|for example|for instance|methods?|results?|background)\s*[,:]\s+|^(?:here|now|thus|hence|so|first|next|finally|then)\s+(?=we\b)/i;
/** Opening clauses that go only when "we …" follows ("To address this, we propose …"). */
const CLAUSE_LEAD_IN =
  /^(?:to [a-z]+[^,]{0,100}|in response(?: to [^,]{0,80})?|motivated by[^,]{0,100}|building (?:on|upon)[^,]{0,100}|inspired by[^,]{0,100}|based on[^,]{0,100}|hypothesi[sz]ing[^,]{0,100}|for the aforementioned challenges|with (?:this|these)[^,]{0,60}|towards? (?:this|that) goal|despite[^,]{0,80}|(?:exploiting|leveraging|using|observing|noting|guided by|following|given)[^,]{0,100}|besides[^,]{0,80}|unlike[^,]{0,100}|(?:in|with) (?:this|that) (?:regard|spirit|context|setting))\s*,\s+/i;

const VERBS =
  'propose|introduce|present|develop|design|devise|build|construct|put forward|offer|release|describe|study|investigate|analy[sz]e|prove|show|establish|explore|examine|consider|conduct|provide|derive|formali[sz]e|formulate|tackle|address|extend|revisit|characteri[sz]e|demonstrate|report|identify|focus|apply|train|evaluate|leverage|employ|use|adopt|frame|treat|model|argue|survey|review|summari[sz]e|categori[sz]e|benchmark|curate|collect|compare|find|observe|explain|take';
const WE_VERB = new RegExp(String.raw`^(?:we|the authors)\s+((?:(?:first|further|also|then|here|formally|systematically|theoretically|empirically|thoroughly|comprehensively)\s+)?)(${VERBS})\b`, 'i');
/** A second verb of the same "we" ("we explore X and propose Y"): it agrees with the new subject too. */
const NOUN_LIKE = new Set(['model', 'design', 'study', 'review', 'survey', 'benchmark', 'report', 'frame', 'use', 'release', 'offer', 'focus', 'train', 'take', 'address', 'put forward']);
const MORE_VERBS = 'reveal|achieve|obtain|enable|improve|reduce|discover|validate|verify|highlight|uncover|confirm|outperform|implement|integrate|incorporate|combine|introduce|propose|suggest|show';
const COORDINATED_VERB = new RegExp(
  String.raw`(\b(?:and|or|then|and then|and also)\s+(?:(?:further|also|then|finally|[a-z]+ly)\s+)?)(${[...VERBS.split('|').filter((v) => !NOUN_LIKE.has(v)), MORE_VERBS].join('|')})\b(?!-)`,
  'gi',
);
const THIS_PAPER = /^(?:this|the present|our|the) (?:paper|work|study|article|survey|letter|report|review|position paper)\s+/i;

/** A sentence opening with a third-person verb ("Proposes…"; "Studies" is tested as "Studys"). */
const BARE_VERB = new RegExp(String.raw`^(?:${VERBS})(?:s|es)\b`, 'i');

/** Third-person singular of a base verb ("propose" → "proposes", "study" → "studies"). */
function thirdPerson(verb: string): string {
  const v = verb.toLowerCase();
  if (v === 'put forward') return 'puts forward';
  if (/[^aeiou]y$/.test(v)) return `${v.slice(0, -1)}ies`;
  if (/(?:s|sh|ch|x|z)$/.test(v)) return `${v}es`;
  return `${v}s`;
}

/** "we" → "the authors", "our" → "their" in the rest of a sentence. */
function reframePronouns(text: string): string {
  return text
    .replace(/\bWe\b/g, 'The authors')
    .replace(/\bwe\b/g, 'the authors')
    .replace(/\bOur\b/g, 'Their')
    .replace(/\bour\b/g, 'their')
    .replace(/\bourselves\b/g, 'themselves')
    .replace(/\bus\b/g, 'them');
}

function strip(sentence: string, re: RegExp): string {
  let s = sentence.trim();
  for (let i = 0; i < 3; i++) {
    const next = s.replace(re, '');
    if (next === s) break;
    s = next;
  }
  return s;
}

/**
 * Rewrite a method sentence so the paper (its label) is the subject:
 * "In this paper, we propose KeepKV, a novel…" → "KeepKV is a novel…";
 * "we introduce a benchmark…" → "Li et al. introduce a benchmark…".
 */
export function aboutPaper(sentence: string, label: PaperLabel): string {
  const safe = strip(sentence, SAFE_LEAD_IN);
  const stripped = strip(strip(safe, CLAUSE_LEAD_IN), SAFE_LEAD_IN);
  const framed = THIS_PAPER.test(stripped) || WE_VERB.test(stripped) || (label.isName && stripped.startsWith(label.text));
  const s = framed ? stripped : safe;
  const thisPaper = THIS_PAPER.exec(s);
  if (thisPaper) {
    const subject = label.plural ? `${label.full}'s paper` : label.full;
    return `${subject} ${reframePronouns(s.slice(thisPaper[0].length))}`;
  }
  const we = WE_VERB.exec(s);
  if (we) {
    const rest = s.slice(we[0].length);
    const object = rest.trimStart();
    if (label.isName && object.startsWith(label.text)) {
      const after = object.slice(label.text.length);
      const appositive = /^\s*(?:\([^)]*\))?\s*,\s+((?:a|an|the)\s.*)$/s.exec(after);
      if (appositive) return `${label.text} is ${reframePronouns(appositive[1]!)}`;
      const which = /^\s*(?:\([^)]*\))?\s*,\s+which\s+(.*)$/s.exec(after);
      if (which) return `${label.text} ${reframePronouns(which[1]!)}`;
    }
    const verb = label.plural ? we[2]!.toLowerCase() : thirdPerson(we[2]!);
    const agreed = label.plural ? rest : rest.replace(COORDINATED_VERB, (_m, lead: string, v: string) => `${lead}${thirdPerson(v)}`);
    return `${label.full} ${we[1]!.toLowerCase()}${verb}${reframePronouns(agreed)}`;
  }
  if (label.isName && s.startsWith(label.text)) return reframePronouns(s);
  // A summary that starts with its verb ("Proposes a cache…", as model annotations often do).
  if (/^[A-Z]/.test(s) && BARE_VERB.test(s.replace(/^(\w+?)ies\b/, '$1ys'))) return `${label.full} ${s.charAt(0).toLowerCase()}${reframePronouns(s.slice(1))}`;
  const lowered = /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
  return `In ${label.full}, ${reframePronouns(lowered)}`;
}

/** Are parentheses, brackets, `$` math and double quotes balanced in `text`? */
function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    if (ch === ')' || ch === ']' || ch === '}') depth--;
    if (depth < 0) return false;
  }
  return depth === 0 && (text.match(/\$/g) ?? []).length % 2 === 0 && (text.match(/"/g) ?? []).length % 2 === 0;
}

const BOUNDARY = /,\s+(?=which|where|while|whereas|enabling|allowing|thereby|making|leading|resulting|achieving|so that|and thus|thus|without|instead)|;\s+|\s+--?\s+|\s+—\s+/g;

/** Shorten a sentence to about `maxWords` words, cutting at a clause boundary (never mid-bracket). */
export function condense(sentence: string, maxWords = 45): string {
  const s = sentence.trim().replace(/[\s.;:,]+$/, '');
  if (s.split(/\s+/).length <= maxWords) return s;
  let cut = -1;
  for (const m of s.matchAll(BOUNDARY)) {
    const head = s.slice(0, m.index);
    const words = head.split(/\s+/).length;
    if (words >= 10 && words <= maxWords && balanced(head)) cut = m.index;
  }
  if (cut > 0) return s.slice(0, cut);
  return s;
}
