import { FUNCTION_WORDS } from '../../text/function-words.js';

export { FUNCTION_WORDS };

/**
 * Words that say nothing about a paper's topic in an abstract (reporting verbs, evaluative adjectives,
 * generic research nouns). They end key phrases and are left out of TF-IDF terms.
 */
export const GENERIC_WORDS = new Set(
  `paper papers work works study studies approach approaches method methods technique techniques framework frameworks
  result results experiment experiments experimental evaluation evaluations evaluate evaluated evaluating
  propose proposes proposed proposing present presents presented introduce introduces introduced introducing
  show shows showed shown showing demonstrate demonstrates demonstrated demonstrating achieve achieves achieved
  achieving outperform outperforms outperformed outperforming improve improves improved improving improvement
  improvements reduce reduces reduced reducing enable enables enabled enabling provide provides provided providing
  use uses used using utilize utilizes utilizing leverage leverages leveraging leveraged based develop develops developed
  design designed designs make makes making made allow allows allowing find finds found observe observed consider
  considers considered include includes including given give gives require requires required obtain obtained
  address addresses addressed remain remains remained lead leads leading yield yields offer offers offering
  novel new existing extensive significant significantly substantial substantially various different several
  recent recently state-of-the-art sota art state previous prior current key main important critical crucial
  effective effectively efficient efficiently superior better best good high higher highest low lower lowest
  large larger largest small smaller simple strong competitive comparable promising remarkable notable
  first second third two three four five six ten many multiple number numbers way ways well strongly widely
  problem problems challenge challenges issue issues task tasks setting settings performance performances
  art extensive furthermore moreover additionally specifically particular particularly respectively overall
  code available github https http www com org project page webpage open-source source publicly release released
  able across aim aims via thereby whereas paradigm paradigms component components module modules mechanism
  mechanisms strategy strategies solution solutions application applications analysis analyze analyzes analyzed
  called named termed dubbed furthermore experimentally empirically theoretically generally typically
  up even yet often usually commonly rapidly increasingly great greatly far additional across terms term
  compared comparison baseline baselines`.split(/\s+/),
);

/** Evaluative words a key phrase does not start with ("efficient sparse attention" is "sparse attention"). */
export const LEADING_WORDS = new Set(
  `efficient effective accurate robust scalable fast faster general unified simple lightweight towards toward
  rethinking understanding improved enhanced practical powerful flexible high-performance high-quality
  memory-efficient cost-effective`.split(/\s+/),
);

/** Is `word` (lower case) a function word or generic research vocabulary? */
export function isStopWord(word: string): boolean {
  return FUNCTION_WORDS.has(word) || GENERIC_WORDS.has(word);
}
