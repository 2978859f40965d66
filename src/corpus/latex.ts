import { ACCENTS, DOUBLE_STRUCK, DROP_ARG, KEEP_ARG, LETTERS, SUBSCRIPTS, SUPERSCRIPTS, SYMBOLS } from './latex-symbols.js';

/**
 * LaTeX to readable Unicode text for titles and abstracts from any format: accents (`{\"o}`, `\'e`),
 * special letters, protective `{Braces}`, `$...$` math kept readable (`$O(n^2)$` -> `O(n²)`), `--` dashes,
 * TeX quotes and ties. Plain text without LaTeX passes through unchanged (`~20%`, `$5 and $10` stay).
 */
export function decodeLatex(input: string): string {
  if (!HINT.test(input)) return input;
  const escaped = input.replace(/\\\$/g, DOLLAR);
  let out = '';
  let last = 0;
  for (const m of escaped.matchAll(MATH)) {
    out += convertText(escaped.slice(last, m.index));
    out += new Scanner(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '', true).run();
    last = m.index + m[0].length;
  }
  out += convertText(escaped.slice(last));
  return out.replaceAll(DOLLAR, '$').replaceAll(LBRACE, '{').replaceAll(RBRACE, '}');
}

const HINT = /[\\${}~]|--|``|''/;
const DOLLAR = '\uE002';
const LBRACE = '\uE000';
const RBRACE = '\uE001';
/** `$$..$$`, `\(..\)`, `\[..\]`, and `$..$` with the pandoc rule: no space inside the delimiters, no digit after. */
const MATH = /\$\$([^$]+?)\$\$|\\\(([\s\S]+?)\\\)|\\\[([\s\S]+?)\\\]|\$(?=[^\s$])((?:[^$\\]|\\[\s\S])*?(?:[^\s\\$]|\\[\s\S]))\$(?!\d)/g;
/** Symbols after which TeX's swallowed space is also dropped in math (`\pm i` -> `±i`). */
const EAT_SPACE = new Set(['pm', 'mp', 'neg', 'lnot', 'partial', 'nabla', 'ell', 'infty']);
const GREEK = /^(?:var)?(?:alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota|kappa|lambda|mu|nu|xi|pi|rho|sigma|tau|upsilon|phi|chi|psi|omega)$/i;

function convertText(text: string): string {
  if (text === '') return text;
  const typographic = text
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/``/g, '“')
    .replace(/''/g, '”')
    .replace(/(?<=[A-Za-z.])~(?=[A-Za-z0-9])/g, ' ');
  return new Scanner(typographic, false).run();
}

/** A one-pass scanner over TeX source: commands, groups, and (in math) super- and subscripts. */
class Scanner {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly math: boolean,
  ) {}

  run(): string {
    let out = '';
    while (this.i < this.s.length) out += this.next();
    return out;
  }

  private next(): string {
    const c = this.s[this.i]!;
    if (c === '\\') return this.command();
    this.i++;
    if (c === '{' || c === '}') return '';
    if (this.math && (c === '^' || c === '_')) return this.script(c);
    if (this.math && c === '~') return ' ';
    return c;
  }

  private command(): string {
    this.i++;
    const rest = this.s.slice(this.i);
    const word = /^[A-Za-z]+/.exec(rest)?.[0];
    if (!word) {
      const ch = this.s[this.i] ?? '';
      this.i++;
      return this.symbolCommand(ch);
    }
    this.i += word.length;
    return this.wordCommand(word);
  }

  private symbolCommand(ch: string): string {
    if (ch in ACCENTS) return this.accent(ch);
    if (ch === '{') return LBRACE;
    if (ch === '}') return RBRACE;
    if ('%&_#$'.includes(ch)) return ch;
    if (ch === DOLLAR) return '$';
    if (ch === '\\' || ch === ',' || ch === ';' || ch === ':' || ch === ' ') return ' ';
    if (ch === '!' || ch === '-' || ch === '/') return '';
    if (ch === '|') return '‖';
    return this.math ? ch : `\\${ch}`;
  }

  private wordCommand(word: string): string {
    if (word.length === 1 && word in ACCENTS && this.peekArgument()) return this.accent(word);
    if (word in LETTERS && !this.math) {
      this.skipEmptyGroupOrSpace();
      return LETTERS[word]!;
    }
    if (DROP_ARG.has(word)) {
      this.optionalArgument();
      this.argument();
      return '';
    }
    if (word === 'href') {
      this.argument();
      return new Scanner(this.argument(), this.math).run();
    }
    if (word === 'frac' || word === 'dfrac' || word === 'tfrac') return this.fraction();
    if (word === 'mathbb' || word === 'mathbbm') {
      const arg = this.argument();
      return [...arg].map((ch) => DOUBLE_STRUCK[ch] ?? ch).join('');
    }
    if (KEEP_ARG.has(word)) {
      if (word === 'sqrt') return `√${this.groupText()}`;
      return this.peek() === '{' ? new Scanner(this.argument(), this.math).run() : '';
    }
    if (word in SYMBOLS) {
      if (this.math && (EAT_SPACE.has(word) || GREEK.test(word))) this.skipSpace();
      return SYMBOLS[word]!;
    }
    return this.math ? word : `\\${word}`;
  }

  private accent(name: string): string {
    this.skipSpace();
    let base: string;
    if (this.peek() === '{') base = new Scanner(this.argument(), false).run();
    else if (this.peek() === '\\') base = this.command();
    else base = this.s[this.i++] ?? '';
    if (base === '') return '';
    return base.slice(0, 1) + ACCENTS[name]! + base.slice(1);
  }

  private fraction(): string {
    const a = this.groupText();
    const b = this.groupText();
    const wrap = (x: string) => (/^[\w.′]+$/u.test(x) ? x : `(${x})`);
    return `${wrap(a)}/${wrap(b)}`;
  }

  private script(kind: '^' | '_'): string {
    const body = this.groupText();
    const table = kind === '^' ? SUPERSCRIPTS : SUBSCRIPTS;
    const chars = [...body];
    if (chars.length > 0 && chars.every((ch) => ch in table)) return chars.map((ch) => table[ch]).join('');
    if (body === '') return '';
    return chars.length > 1 ? `${kind}(${body})` : `${kind}${body}`;
  }

  /** The next argument rendered: a `{group}`, a command, or one character. */
  private groupText(): string {
    this.skipSpace();
    const c = this.peek();
    if (c === '{') return new Scanner(this.argument(), this.math).run();
    if (c === '\\') return this.command();
    this.i++;
    return c ?? '';
  }

  private peek(): string | undefined {
    return this.s[this.i];
  }

  /** For letter accents (`\c{c}`, `\v s`): only when an argument follows, so `\url` etc. are not mistaken. */
  private peekArgument(): boolean {
    const c = this.peek();
    return c === '{' || (c === ' ' && /[A-Za-z]/.test(this.s[this.i + 1] ?? ''));
  }

  private skipSpace(): void {
    while (this.s[this.i] === ' ') this.i++;
  }

  private skipEmptyGroupOrSpace(): void {
    if (this.s.startsWith('{}', this.i)) this.i += 2;
    else if (this.s[this.i] === ' ' && /[A-Za-z]/.test(this.s[this.i + 1] ?? '')) this.i++;
  }

  private optionalArgument(): void {
    if (this.peek() !== '[') return;
    const end = this.s.indexOf(']', this.i);
    this.i = end < 0 ? this.s.length : end + 1;
  }

  /** The raw text of a balanced `{...}` group (without the braces), or one character. */
  private argument(): string {
    this.skipSpace();
    if (this.peek() !== '{') return this.s[this.i++] ?? '';
    let depth = 0;
    const start = this.i + 1;
    for (; this.i < this.s.length; this.i++) {
      const c = this.s[this.i];
      if (c === '\\') this.i++;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return this.s.slice(start, this.i++);
    }
    return this.s.slice(start);
  }
}
