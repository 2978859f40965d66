/**
 * English stop words: function words that carry no topic. They are dropped from the index and
 * from queries, which keeps posting lists short and scores about content.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will ' +
    'with would you your yours yourself yourselves also via thus however therefore whether may might must shall us et al ' +
    'e g i.e eg ie etc'
  ).split(/\s+/),
);

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
