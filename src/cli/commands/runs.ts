import { notBuilt } from '../not-built.js';

export const runsAction = notBuilt('runs');
