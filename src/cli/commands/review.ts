import { notBuilt } from '../not-built.js';

export const reviewAction = notBuilt('review');
