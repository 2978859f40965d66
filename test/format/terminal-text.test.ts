import { describe, expect, it } from 'vitest';
import { terminalLine, terminalText } from '../../src/format/terminal-text.js';
import { HOSTILE, RAW_CONTROL } from '../support/hostile-text.js';

describe('terminalText', () => {
  it('shows every control, escape sequence and bidi override as a visible escape', () => {
    const out = terminalText(HOSTILE);
    expect(out).not.toMatch(RAW_CONTROL);
    expect(out).toContain('\\x1b]52;c;cHduZWQ=\\x07');
    expect(out).toContain('\\x1b[2J');
    expect(out).toContain('\\u009b31m');
    expect(out).toContain('\\u202eevil');
  });

  it('keeps line feeds and tabs; escapes a lone carriage return; leaves clean text untouched', () => {
    expect(terminalText('a\tb\r\nc\rd')).toBe('a\tb\nc\\rd');
    const clean = 'Plain text — with “Unicode” ✓';
    expect(terminalText(clean)).toBe(clean);
    expect(terminalLine('one\ntwo')).toBe('one\\ntwo');
  });

  it('keeps JSON valid and its value unchanged', () => {
    const value = { answer: HOSTILE, list: ['\u2028', '\u007f'] };
    const text = terminalText(JSON.stringify(value));
    expect(text).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(text)).toEqual(value);
  });
});
