import { describe, expect, it } from 'vitest';
import { cleanText, collapseSpaces, matchKey } from '../../src/corpus/clean-text.js';
import { decodeLatex } from '../../src/corpus/latex.js';
import { cleanHtml } from '../../src/corpus/html.js';

describe('LaTeX decoding', () => {
  it.each([
    ['{\\"o}', 'ö'],
    ['\\"o', 'ö'],
    ["\\'e", 'é'],
    ["Jos{\\'e}", 'José'],
    ["Garc{\\'\\i}a", 'García'],
    ['\\c{c}a', 'ça'],
    ['\\v{S}koda', 'Škoda'],
    ['Stra\\ss e', 'Straße'],
    ['{Braces} {Keep} {W}ords', 'Braces Keep Words'],
    ['pages 1--10 --- a dash', 'pages 1–10 — a dash'],
    ["``quoted''", '“quoted”'],
    ['50\\% \\& more', '50% & more'],
    ['\\emph{emphasised} and \\textbf{bold}', 'emphasised and bold'],
    ['Fig.~1', 'Fig. 1'],
  ])('%s -> %s', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('keeps math readable', () => {
    expect(decodeLatex('Fairy$\\pm i$ on $\\{\\pm1, \\pm i\\}$')).toBe('Fairy±i on {±1, ±i}');
    expect(decodeLatex('in $O(n^2)$ time with $\\alpha$-caching')).toBe('in O(n²) time with α-caching');
    expect(decodeLatex('$x_{t+1}$, $\\mathbb{R}^d$, $\\frac{1}{2}$')).toBe('x_(t+1), ℝ^d, 1/2');
  });

  it('leaves plain text alone: dollars, tildes and lone symbols', () => {
    expect(cleanText('costs $5 and $10')).toBe('costs $5 and $10');
    expect(cleanText('at notably lower density (~20%-30%)')).toBe('at notably lower density (~20%-30%)');
    expect(cleanText('ell^2-norm sampling')).toBe('ell^2-norm sampling');
  });
});

describe('HTML clean-up', () => {
  it('decodes entities and strips markup tags', () => {
    expect(cleanText('Tom &amp; Jerry&#39;s <i>great</i> &eacute;t&eacute; &#x2014; <jats:p>JATS</jats:p>')).toBe("Tom & Jerry's great été — JATS");
    expect(cleanText('H<sub>2</sub>O and x<sup>2</sup>')).toBe('H2O and x2');
  });

  it('does not eat comparisons that look like tags', () => {
    expect(cleanHtml('a<b and c>d')).toBe('a<b and c>d');
    expect(cleanText('&unknown; stays')).toBe('&unknown; stays');
  });
});

describe('whitespace and matching keys', () => {
  it('collapses every kind of whitespace and removes invisible characters', () => {
    expect(collapseSpaces('  a\t b\n\nc\u00a0d  ')).toBe('a b c d');
    expect(cleanText('zero\u200bwidth soft\u00adhyphen')).toBe('zerowidth softhyphen');
  });

  it('folds case, punctuation, braces and accents', () => {
    const a = matchKey(cleanText('{T}he {\\"O}ptimal Cache: A Study!'));
    const b = matchKey('the optimal cache - a study');
    expect(a).toBe(b);
    expect(matchKey('Müller')).toBe(matchKey('Muller'));
  });
});
