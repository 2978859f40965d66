import { notBuilt } from '../not-built.js';

export const compareAction = notBuilt('compare');
