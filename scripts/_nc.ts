import { ingestPaths } from '../src/corpus/ingest.js';
import { classifyOffline } from '../src/offline/classify.js';
import { splitSentences } from '../src/verify/sentence-split.js';
const { papers } = await ingestPaths(['examples/corpus']);
const anns = classifyOffline(papers);
let n = 0;
papers.forEach((p, i) => {
  if (anns[i]!.claims.length) return;
  n++;
  if (n % 4 !== Number(process.argv[2] ?? 0)) return;
  const s = splitSentences(p.abstract).map((x) => x.text);
  console.log(`## ${p.key} [${anns[i]!.contributionType}]\n` + s.slice(Math.floor(s.length / 2)).map((x) => '  > ' + x).join('\n'));
});
console.log(n);
