/** Entries a word memo holds before it starts again (a corpus's vocabulary fits; a pathological one cannot grow it). */
const MAX_ENTRIES = 200_000;

/**
 * A pure function of a word, memoised: indexing a large corpus asks about the same words millions of
 * times. The memo is bounded: when full it is cleared, so memory stays flat whatever the input.
 */
export function memoWords<T>(fn: (word: string) => T): (word: string) => T {
  const memo = new Map<string, T>();
  return (word) => {
    let value = memo.get(word);
    if (value === undefined) {
      if (memo.size >= MAX_ENTRIES) memo.clear();
      value = fn(word);
      memo.set(word, value);
    }
    return value;
  };
}
