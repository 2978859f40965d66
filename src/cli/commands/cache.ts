import { notBuilt } from '../not-built.js';

export const cacheAction = notBuilt('cache');
