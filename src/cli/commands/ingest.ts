import { notBuilt } from '../not-built.js';

export const ingestAction = notBuilt('ingest');
