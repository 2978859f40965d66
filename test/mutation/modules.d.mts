export interface MutationModule {
  mutate: string[];
  tests: string[];
}
export const MUTATION_MODULES: Record<string, MutationModule>;
export function selectedModule(env: Record<string, string | undefined>): MutationModule & { name: string };
