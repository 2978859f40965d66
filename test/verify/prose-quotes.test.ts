import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import { checkProseQuotes } from '../../src/verify/prose-quotes.js';
import type { ReviewUnit } from '../../src/verify/review-units.js';

const paper = (key: string, title: string, abstract: string): Paper => ({ id: `id-${key}`, key, title, titleDerived: false, abstract, authors: [], sources: [] });
const kv = paper('kv', 'Compressing Caches for Long Contexts', 'We compress the key-value cache by 4x with no loss in accuracy on long-context tasks.');
const sym = paper('sym', 'Symbols', `We test whether a < b > c & d hold, the "e" case and the model's claim.`);
const sentence = (text: string): ReviewUnit => ({ text, line: 7, kind: 'sentence' });
/** Whether each quotation of the sentence was found verbatim in a paper it cites. */
const verdicts = (text: string, cited: Paper[] = [kv]) => checkProseQuotes(sentence(text), cited).map((c) => c.verbatim);

describe('quotations in the prose of a review', () => {
  it('reports each quotation with the paper that holds it, its line and sentence; the first cited paper when none does', () => {
    const text = 'They write “We compress the key-value cache” and "our method is the fastest ever" [@sym; @kv].';
    expect(checkProseQuotes(sentence(text), [sym, kv])).toEqual([
      { paperId: 'id-kv', key: 'kv', quote: 'We compress the key-value cache', verbatim: true, line: 7, sentence: text },
      { paperId: 'id-sym', key: 'sym', quote: 'our method is the fastest ever', verbatim: false, line: 7, sentence: text },
    ]);
  });

  it('checks sentences that cite a paper, not table rows or uncited sentences', () => {
    const text = '"We compress the key-value cache" [@kv].';
    expect(checkProseQuotes({ text, line: 1, kind: 'table-row' }, [kv])).toEqual([]);
    expect(checkProseQuotes(sentence(text), [])).toEqual([]);
  });

  it('quotations of fewer than four words are terms, not quotes; padding and doubled spaces do not make words', () => {
    expect(verdicts('A "cache compression trick" [@kv].')).toEqual([]);
    expect(verdicts('A " cache  compression  trick " [@kv].')).toEqual([]);
    expect(verdicts('A "cache compression trick works" [@kv].')).toEqual([false]);
    expect(verdicts('“by 4x with no”')).toEqual([true]);
  });

  it('a quote may come from the title', () => {
    expect(verdicts('“Compressing Caches for Long Contexts” [@kv].')).toEqual([true]);
  });

  it('an ellipsis joins parts that must each be verbatim, with or without spaces around it', () => {
    for (const q of ['We compress … with no loss', 'We compress... with no loss', 'We compress [...] with no loss', 'We compress…with no loss', '… with no loss in accuracy']) {
      expect(verdicts(`“${q}” [@kv].`)).toEqual([true]);
    }
    // Every part, not some part; and the words glued to the ellipsis belong to the parts.
    for (const q of ['We compress … with a loss', 'We compress the fridge… with no loss', 'We compress …fridge with no loss']) {
      expect(verdicts(`“${q}” [@kv].`)).toEqual([false]);
    }
  });

  it('reads the text as a Markdown renderer shows it: backslash escapes and HTML entities undone', () => {
    expect(verdicts('“whether a \\< b \\> c & d hold”', [sym])).toEqual([true]);
    expect(verdicts('“whether a &lt; b &gt; c &amp; d hold, the &quot;e&quot; case and the model&#39;s claim”', [sym])).toEqual([true]);
  });
});
