import { notBuilt } from '../not-built.js';

export const doctorAction = notBuilt('doctor');
