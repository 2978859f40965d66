import { ingestPaths } from '../src/corpus/ingest.js';
import { classifyOffline } from '../src/offline/classify.js';
const { papers } = await ingestPaths(['examples/corpus']);
const anns = classifyOffline(papers);
let k = 0;
papers.forEach((p, i) => { for (const c of anns[i]!.claims) { if (!c.quantitative && k++ % 9 === 0) console.log(`- [${p.key}] ${c.quote}`); } });
