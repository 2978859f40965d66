/**
 * Child process for the kill -9 test: asks N distinct structured questions through a gateway whose
 * cache lives under CWD, with the given concurrency, then prints "done".
 * Usage: tsx kill-child.ts URL CWD N CONCURRENCY
 */
import { z } from 'zod';
import { createGateway } from '../../../src/model/create-gateway.js';
import { FAST_RETRY, testConfig } from './gateway-config.js';

const [url, cwd, n, concurrency] = process.argv.slice(2);
const config = testConfig({ url: url!, cwd: cwd!, flags: { concurrency: concurrency! } });
const gw = await createGateway(config, { retry: FAST_RETRY });
const Schema = z.object({ items: z.array(z.object({ id: z.string() })) });
await Promise.all(
  Array.from({ length: Number(n) }, (_, i) =>
    gw.structured({ stage: 'classify', schemaName: 'batch', schema: Schema, messages: [{ role: 'user', content: `question ${i}` }] }),
  ),
);
await gw.close();
process.stdout.write('done\n');
