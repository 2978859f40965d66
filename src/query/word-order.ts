/**
 * A two-word name whose head is an action noun ("token eviction", "weight pruning") is also written as the action
 * and its object ("evicting tokens", "pruning weights"): the words reversed, which the matcher's stems then meet
 * ("eviction" and "evicting" share the stem "evict"). Null for any other phrase.
 */
export function reversedAction(phrase: string): string | null {
  const words = phrase.trim().split(/\s+/);
  if (words.length !== 2 || !/^[a-z][a-z-]*$/i.test(words[0]!) || !/^[a-z]+(?:ions?|ing)$/i.test(words[1]!)) return null;
  return `${words[1]} ${words[0]}`;
}
