import { ModelFatalError } from '../../errors.js';
import type { ChatBody } from '../structured-method.js';
import type { BatchClient, BatchInfo } from './batch-client.js';

/** Upload and start one batch; an endpoint without the Files or Batch API stops the run with what to do. */
export async function submitFile(client: BatchClient, jsonl: string, filename: string, metadata: Record<string, string>): Promise<BatchInfo> {
  try {
    return await client.submit(jsonl, filename, metadata);
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    if (status !== 404 && status !== 405 && status !== 501) throw err;
    throw new ModelFatalError(`the endpoint has no Batch API (uploading a batch file answered HTTP ${String(status)})`, {
      status: status as number,
      hint: 'run without --batch-api, or use an endpoint that implements /v1/files and /v1/batches (OpenAI, Azure OpenAI, LiteLLM...)',
      cause: err,
    });
  }
}

/** The schema or tool name of a structured request (`text` for plain text). */
export function schemaNameOf(body: ChatBody): string {
  const rf = body.response_format as { type?: string; json_schema?: { name?: string } } | undefined;
  const tool = (body.tools?.[0] as { function?: { name?: string } } | undefined)?.function?.name;
  return rf?.json_schema?.name ?? tool ?? (rf?.type === 'json_object' ? 'json' : 'text');
}
