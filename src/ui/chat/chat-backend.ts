import type { QaSession } from '../../qa/qa-session.js';

/** What the chat screen needs from a Q&A session (a QaSession, or a fake in tests). */
export type ChatBackend = Pick<QaSession, 'engine' | 'engineReason' | 'model' | 'corpus' | 'annotationsFrom' | 'lastSources' | 'ask'>;
