/**
 * Sentences that lean on the one before: a pronoun or demonstrative for a subject ("This
 * capability enables…", "It reframes…", "These models…") or a phrase pointing back ("addresses this
 * problem", "bridges this gap", "such methods"). Lifted out of their abstract they point nowhere, so
 * the review skips them rather than guess what they mean.
 */
const LEAD_IN = /^(?:(?:however|moreover|furthermore|additionally|in addition|in particular|specifically|notably|finally|also|thus|therefore|hence|consequently|as a result|overall|in contrast|by contrast|unfortunately|surprisingly|interestingly|importantly|meanwhile|nevertheless|yet|but|and)\s*,?\s+)+/i;

const PRONOUN_SUBJECT = /^(?:this|that|these|those|such|it|its|they|their|them|he|she|both|either|neither|the latter|the former|the above|the aforementioned|the same)\b/i;

const POINTING_BACK =
  /\b(?:(?:this|that|these|those|such)\s+(?:problem|problems|gap|gaps|issue|issues|challenge|challenges|limitation|limitations|question|questions|need|needs|capability|capabilities|setting|settings|observation|observations|insight|insights|phenomenon|bottleneck|drawback|shortcoming|end|goal|direction|paradigm|approach|approaches|method|methods|model|models|technique|techniques|work|works|line of work|trend|task|tasks|idea|framework|analysis|behavior|behaviour|property|effect|finding|findings|result|results|concern|concerns|difficulty|difficulties|situation|case|scenario|regard|spirit)|the (?:aforementioned|above|former|latter)|(?:address|addresses|addressing|tackle|tackles|tackling|solve|solves|solving|mitigate|mitigates|mitigating|overcome|overcomes|bridge|bridges|bridging|fill|fills|filling|close|closes|closing)\s+(?:this|these|that|those|the)\s+(?:\w+\s+)?(?:gap|gaps|problem|problems|issue|issues|challenge|challenges|limitation|limitations|bottleneck|bottlenecks|drawback|drawbacks|shortcoming|shortcomings|need))\b/i;

/** "this misalignment", "these heads": any noun but the paper itself, taken with a demonstrative. */
const DEMONSTRATIVE_NOUN = /\b(?:this|these|those|such)\s+(?!(?:paper|work|study|article|survey|review|thesis|report|letter|note|position paper|dissertation)\b)[a-z][\w-]*/i;

/** Does the sentence lean on an earlier one (a pronoun subject, or a phrase pointing back)? */
export function leansOnContext(sentence: string): boolean {
  const s = sentence.trim().replace(LEAD_IN, '');
  return PRONOUN_SUBJECT.test(s) || POINTING_BACK.test(s) || DEMONSTRATIVE_NOUN.test(s);
}
