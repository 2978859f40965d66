import { describe, expect, it } from 'vitest';
import { UNVERIFIED_MARK, type ProseFinding } from '../../src/verify/check-prose.js';
import { verificationPassed, type NumberCheck, type VerificationReport } from '../../src/verify/verification-report.js';
import { formatVerification, type VerificationSummary } from '../../src/verify/verification-summary.js';
import { verificationWarnings } from '../../src/verify/verification-warnings.js';

// What a user reads of a verification: whether it passed (the run's status), the one-line summary, the warning lines.

const CLEAN: VerificationSummary = { citations: 3, danglingRemoved: 0, numbersChecked: 2, numbersUnsupported: 0, quotesChecked: 4, quotesNotVerbatim: 0 };

describe('verification passed', () => {
  it('passes only when nothing failed: each kind of failure alone fails it', () => {
    expect(verificationPassed(CLEAN)).toBe(true);
    expect(verificationPassed({ ...CLEAN, sentencesMarked: 0, sentencesRemoved: 0 })).toBe(true);
    for (const failure of [{ danglingRemoved: 1 }, { numbersUnsupported: 1 }, { quotesNotVerbatim: 1 }, { sentencesMarked: 1 }, { sentencesRemoved: 1 }]) {
      expect(verificationPassed({ ...CLEAN, ...failure })).toBe(false);
    }
  });
});

describe('the one-line summary', () => {
  it('counts with singular and plural, and names marked or removed sentences only when there are some', () => {
    expect(formatVerification(CLEAN)).toBe('3 citations checked (0 unknown removed), 2 numbers (0 unsupported), 4 quotes (0 not verbatim)');
    const one = { citations: 1, danglingRemoved: 1, numbersChecked: 1, numbersUnsupported: 1, quotesChecked: 1, quotesNotVerbatim: 1 };
    expect(formatVerification(one)).toBe('1 citation checked (1 unknown removed), 1 number (1 unsupported), 1 quote (1 not verbatim)');
    expect(formatVerification({ ...CLEAN, sentencesMarked: 2 })).toMatch(/, 2 sentences marked unverified, 0 removed$/);
    expect(formatVerification({ ...CLEAN, sentencesRemoved: 1 })).toMatch(/, 0 sentences marked unverified, 1 removed$/);
  });
});

describe('the warning lines', () => {
  const report = (over: Partial<VerificationReport>): VerificationReport => ({ summary: CLEAN, resolved: [], dangling: [], numbers: [], uncitedNumbers: [], quotes: [], ...over });
  const number = (n: string, sentence: string, found = false): NumberCheck => ({ number: n, sentence, line: 1, citedKeys: ['a2024', 'b2023'], found, foundIn: [], alsoIn: [] });
  const finding = (sentence: string, numbers: string[]): ProseFinding => ({ part: 'c1', sentence, action: 'marked', reason: 'no abstract it cites (@a2024) holds 9%', numbers, unknownKeys: [] });

  it('a clean report has none', () => expect(verificationWarnings(report({ numbers: [number('2x', 'S [@a2024].', true)] }))).toEqual([]));

  it('names the removed key and the number not found, each with its sentence', () => {
    const lines = verificationWarnings(report({
      dangling: [{ key: 'ghost2024', sentence: 'A claim [@ghost2024].', line: 3 }],
      numbers: [number('9%', 'Accuracy  rises\n9% [@a2024; @b2023].')],
    }));
    expect(lines).toEqual([
      'removed the citation of "ghost2024" (no corpus paper has that key) from: "A claim [@ghost2024]."',
      'number 9% not found in the abstracts of a2024, b2023, cited by: "Accuracy rises 9% [@a2024; @b2023]."',
    ]);
  });

  it('a sentence the prose check marked is listed once, as marked, not again as a number not found', () => {
    const sentence = 'Accuracy rises 9% [@a2024].';
    const lines = verificationWarnings(report({
      // The report checks the text as marked: the mark stands before the full stop.
      numbers: [number('9%', `Accuracy rises 9% [@a2024] ${UNVERIFIED_MARK}.`)],
      prose: [finding(sentence, ['9%']), finding('Removed for its broken citation.', [])],
    }));
    expect(lines).toEqual([`marked a sentence with 9% (no abstract it cites (@a2024) holds 9%): "${sentence}"`]);
  });

  it('matches a marked sentence whatever whitespace surrounds it, and names all its numbers', () => {
    const lines = verificationWarnings(report({
      numbers: [number('9%', `  Accuracy rises 9% and 3x [@a2024] ${UNVERIFIED_MARK}.\n`), number('3x', `Accuracy rises 9% and 3x [@a2024] ${UNVERIFIED_MARK}. `)],
      prose: [finding(' Accuracy rises 9% and 3x [@a2024]. ', ['9%', '3x'])],
    }));
    expect(lines).toEqual(['marked a sentence with 9%, 3x (no abstract it cites (@a2024) holds 9%): "Accuracy rises 9% and 3x [@a2024]."']);
  });

  it('counts what is past ten for numbers and for marked sentences too', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => i);
    const numbers = verificationWarnings(report({ numbers: eleven.map((i) => number(`${i}%`, `S${i} [@a2024].`)) }));
    expect(numbers.at(-1)).toBe('… and 1 more numbers not found (see verification.json)');
    const prose = verificationWarnings(report({ prose: eleven.map((i) => finding(`S${i}.`, [`${i}%`])) }));
    expect(prose.at(-1)).toBe('… and 1 more sentences with numbers not found (see verification.json)');
  });

  it('lists ten of a kind, then counts the rest; long sentences are cut to 160 characters', () => {
    const dangling = Array.from({ length: 12 }, (_, i) => ({ key: `k${i}`, sentence: `S${i}.`, line: i }));
    const lines = verificationWarnings(report({ dangling }));
    expect(lines).toHaveLength(11);
    expect(lines[9]).toContain('"k9"');
    expect(lines[10]).toBe('… and 2 more citations removed (see verification.json)');
    const ten = verificationWarnings(report({ dangling: dangling.slice(0, 10) }));
    expect(ten).toHaveLength(10);
    const exact = 'x'.repeat(160);
    const long = 'y'.repeat(161);
    const cut = verificationWarnings(report({ numbers: [number('1', exact), number('2', long)] }));
    expect(cut[0]).toMatch(new RegExp(`"${exact}"$`));
    expect(cut[1]).toMatch(new RegExp(`"${'y'.repeat(159)}…"$`));
  });
});
