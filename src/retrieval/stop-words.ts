/** English stop words, dropped from the index and from queries: the function words the offline engine also ignores. */
export { FUNCTION_WORDS as STOP_WORDS } from '../text/function-words.js';

/**
 * Words that are frequent in questions about a corpus but say nothing about the topic
 * ("which papers propose ..."). Dropped from questions only, never from the index.
 */
export const QUESTION_WORDS: ReadonlySet<string> = new Set(
  (
    'paper papers work works study studies article articles corpus abstract abstracts author authors research ' +
    'propose proposes proposed present presents presented describe describes tell say says said know show shows ' +
    'use uses used using find finds found mention mentions mentioned discuss discusses discussed any many much ' +
    'please give list explain summarize summarise kind kinds type types way ways approach approaches'
  ).split(/\s+/),
);
