import { UsageError } from '../errors.js';
import type { CommandAction } from './command.js';

/** The action of a command whose implementation has not landed yet: says so and exits 2. */
export function notBuilt(name: string): CommandAction {
  return async () => {
    throw new UsageError(`'litrev ${name}' is not built yet`);
  };
}
