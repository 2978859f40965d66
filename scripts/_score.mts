import { ingestPaths } from '../src/corpus/ingest.js';
import { answerQuestion } from '../src/qa/answer-question.js';
import { createCorpusTable } from '../src/query/corpus-table.js';
import { createRetriever } from '../src/retrieval/create-retriever.js';
import { goldKeys, LIST_QUESTIONS, scoreSet } from './questions/question-sets.js';
const papers = (await ingestPaths(['examples/corpus'])).papers;
const table = createCorpusTable(papers); const retriever = createRetriever(papers);
for (const q of LIST_QUESTIONS) {
  const r = await answerQuestion({ question: q.question, history: [], retriever, gateway: null, table });
  const gold = goldKeys(papers, q.names);
  const s = scoreSet(q.question, gold, r.papers!);
  console.log(s.question, s.gold, s.answered, s.recall.toFixed(2), s.precision.toFixed(2), JSON.stringify(r.plan?.filters.map(f=>f.value)));
  if (s.recall < 1) console.log('  missed', [...gold].filter(k => !r.papers!.includes(k)));
}
