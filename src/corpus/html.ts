/**
 * HTML / JATS clean-up for titles and abstracts: entities decoded, markup tags stripped.
 * Only tags of known markup vocabularies are removed, so text such as `a<b and c>d` survives.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', middot: '·', bull: '•', deg: '°', plusmn: '±', times: '×', divide: '÷', minus: '−',
  le: '≤', ge: '≥', ne: '≠', asymp: '≈', approx: '≈', sim: '∼', infin: '∞', rarr: '→', larr: '←', harr: '↔',
  rArr: '⇒', lArr: '⇐', sum: '∑', prod: '∏', radic: '√', part: '∂', nabla: '∇', isin: '∈', notin: '∉',
  sub: '⊂', sup: '⊃', cap: '∩', cup: '∪', forall: '∀', exist: '∃', empty: '∅', prime: '′', Prime: '″',
  copy: '©', reg: '®', trade: '™', sect: '§', para: '¶', dagger: '†', Dagger: '‡', permil: '‰', euro: '€',
  pound: '£', yen: '¥', cent: '¢', micro: 'µ', frac12: '½', frac14: '¼', frac34: '¾', sup2: '²', sup3: '³',
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', iota: 'ι',
  kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', omicron: 'ο', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ',
  upsilon: 'υ', phi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ',
  Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
  auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', eacute: 'é', egrave: 'è',
  ecirc: 'ê', euml: 'ë', aacute: 'á', agrave: 'à', acirc: 'â', atilde: 'ã', aring: 'å', aelig: 'æ',
  iacute: 'í', igrave: 'ì', icirc: 'î', iuml: 'ï', oacute: 'ó', ograve: 'ò', ocirc: 'ô', otilde: 'õ',
  oslash: 'ø', uacute: 'ú', ugrave: 'ù', ucirc: 'û', ntilde: 'ñ', ccedil: 'ç', yacute: 'ý', Eacute: 'É',
  Aacute: 'Á', Oacute: 'Ó', Uacute: 'Ú', Ntilde: 'Ñ', Ccedil: 'Ç', Oslash: 'Ø', Aring: 'Å', AElig: 'Æ',
  shy: '',
};

/** Tags stripped as markup: HTML inline/block tags and the JATS / MathML tags publishers put in abstracts. */
const TAG_NAMES =
  'p|br|hr|div|span|i|b|u|s|em|strong|small|big|sub|sup|tt|code|kbd|var|cite|q|abbr|font|a|li|ul|ol|dl|dt|dd|' +
  'h[1-6]|section|article|blockquote|pre|table|tr|td|th|tbody|thead|caption|figure|figcaption|mark|ins|del|' +
  'italic|bold|sc|scp|underline|monospace|title|inline-formula|disp-formula|tex-math|list|list-item|label|' +
  'abstract|sec|math|mi|mo|mn|ms|mtext|mrow|msub|msup|msubsup|mfrac|msqrt|mroot|mover|munder|munderover|mstyle|' +
  'semantics|annotation|[a-z][a-z0-9]*:[a-z][a-z0-9-]*';
const ATTR = `\\s+[\\w:.-]+\\s*=\\s*(?:"[^"]*"|'[^']*')`;
const TAG_RE = new RegExp(`</?(?:${TAG_NAMES})(?:${ATTR})*\\s*/?>`, 'gi');
const BLOCK_TAG_RE = /^<\/?(?:p|br|hr|div|li|ul|ol|h[1-6]|section|sec|title|tr|td|th|blockquote|[a-z]+:p|[a-z]+:title|[a-z]+:sec)\b/i;
const ENTITY_RE = /&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,9});/gi;

/** Decode HTML character references (`&amp;`, `&#39;`, `&#x2014;`, `&eacute;`); unknown names are left as they are. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY_RE, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) return whole;
      if (code === 0xa0) return ' ';
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Remove markup tags (block tags become a space, inline tags vanish). */
export function stripTags(text: string): string {
  if (!text.includes('<')) return text;
  return text.replace(TAG_RE, (tag) => (BLOCK_TAG_RE.test(tag) ? ' ' : ''));
}

/** Both: tags first (so `&lt;b&gt;` written as text stays text), then entities. */
export function cleanHtml(text: string): string {
  return decodeEntities(stripTags(text));
}
