import { parentPort } from 'node:worker_threads';
import type { Annotation } from '../../review/annotation.js';
import { annotatePaper, countPhrases, type ClassifyInput } from '../classify.js';
import { PROGRESS_EVERY, type ClassifyReply, type ClassifyRequest } from './classify-messages.js';

/**
 * A classify worker thread: holds one shard of the corpus, counts its phrase document frequencies
 * (first pass), then annotates it with the whole corpus's frequencies (second pass), with the very
 * functions the single-threaded path runs, so the annotations are the same.
 */
const port = parentPort!;
let shard: ClassifyInput[] = [];
const send = (reply: ClassifyReply): void => port.postMessage(reply);

port.on('message', (request: ClassifyRequest) => {
  if (request.type === 'count') {
    shard = request.papers;
    const df = new Map<string, number>();
    shard.forEach((paper, i) => {
      countPhrases(df, paper);
      if ((i + 1) % PROGRESS_EVERY === 0) send({ type: 'progress', done: i + 1 });
    });
    send({ type: 'counted', df });
    return;
  }
  const annotations: Annotation[] = shard.map((paper, i) => {
    const a = annotatePaper(paper, request.df, request.corpusSize);
    if ((i + 1) % PROGRESS_EVERY === 0) send({ type: 'progress', done: shard.length + i + 1 });
    return a;
  });
  shard = [];
  send({ type: 'annotated', annotations });
});
