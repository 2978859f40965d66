import { notBuilt } from '../not-built.js';

export const askAction = notBuilt('ask');
