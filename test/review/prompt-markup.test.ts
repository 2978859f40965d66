import { describe, expect, it } from 'vitest';
import { hasPromptMarkup, stripPromptMarkup } from '../../src/review/prompt-markup.js';

describe('stripPromptMarkup', () => {
  it('removes the paper tags a weak model copies, with their attributes', () => {
    const text = '<paper id="pd2b647a5b1ba" key="grokking-transition"> Grokking appears late [@grokking-transition].</paper>';
    expect(stripPromptMarkup(text)).toBe('Grokking appears late [@grokking-transition].');
  });

  it('removes HTML-escaped copies of the tags', () => {
    const text = 'Two papers &lt;paper id="p1" key="a"&gt;compare caches.';
    expect(stripPromptMarkup(text)).toBe('Two papers compare caches.');
  });

  it('removes claims, abstract and draft tags but keeps their content', () => {
    expect(stripPromptMarkup('<claims>- 2x faster</claims>')).toBe('- 2x faster');
    expect(stripPromptMarkup('<draft part="2">\nText.\n</draft>')).toBe('\nText.\n');
  });

  it('leaves comparisons, arrows and tags litrev never writes alone', () => {
    const text = 'Recall < 0.5 and x > y; <b>bold</b> and a -> b.';
    expect(stripPromptMarkup(text)).toBe(text);
    expect(hasPromptMarkup(text)).toBe(false);
  });

  it('says whether markup is present', () => {
    expect(hasPromptMarkup('see <abstract>')).toBe(true);
    expect(hasPromptMarkup('see &lt;/claims&gt;')).toBe(true);
  });
});
