import { notBuilt } from '../not-built.js';

export const chatAction = notBuilt('chat');
