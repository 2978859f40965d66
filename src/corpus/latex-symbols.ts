/** Tables for LaTeX decoding: accent commands, special letters, math symbols, super- and subscripts. */

/** Accent command -> combining character (applied to the following letter, then NFC-composed). */
export const ACCENTS: Record<string, string> = {
  '"': '\u0308', "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  u: '\u0306', v: '\u030c', H: '\u030b', c: '\u0327', k: '\u0328', r: '\u030a', d: '\u0323', b: '\u0331',
};

/** Letter commands such as `\ss`, `\o`, `\aa`. */
export const LETTERS: Record<string, string> = {
  ss: 'ß', o: 'ø', O: 'Ø', aa: 'å', AA: 'Å', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', l: 'ł', L: 'Ł', i: 'ı', j: 'ȷ',
  dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', ng: 'ŋ', NG: 'Ŋ',
};

/** Symbol commands, valid in and out of math. Function names (`\log`) map to themselves. */
export const SYMBOLS: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ϵ', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
  vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', varpi: 'ϖ', rho: 'ρ',
  varrho: 'ϱ', sigma: 'σ', varsigma: 'ς', tau: 'τ', upsilon: 'υ', phi: 'ϕ', varphi: 'φ', chi: 'χ', psi: 'ψ',
  omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ',
  Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
  pm: '±', mp: '∓', times: '×', div: '÷', cdot: '·', cdots: '⋯', ldots: '…', dots: '…', vdots: '⋮', ddots: '⋱',
  leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', ne: '≠', approx: '≈', sim: '∼', simeq: '≃', cong: '≅',
  equiv: '≡', propto: '∝', ll: '≪', gg: '≫', infty: '∞', to: '→', rightarrow: '→', leftarrow: '←',
  Rightarrow: '⇒', Leftarrow: '⇐', leftrightarrow: '↔', Leftrightarrow: '⇔', mapsto: '↦', implies: '⟹',
  iff: '⟺', in: '∈', notin: '∉', ni: '∋', subset: '⊂', subseteq: '⊆', supset: '⊃', supseteq: '⊇', cup: '∪',
  cap: '∩', setminus: '∖', forall: '∀', exists: '∃', neg: '¬', lnot: '¬', land: '∧', wedge: '∧', lor: '∨',
  vee: '∨', emptyset: '∅', varnothing: '∅', sum: '∑', prod: '∏', int: '∫', oint: '∮', partial: '∂',
  nabla: '∇', sqrt: '√', ell: 'ℓ', hbar: 'ℏ', Re: 'ℜ', Im: 'ℑ', aleph: 'ℵ', top: '⊤', bot: '⊥', perp: '⊥',
  star: '⋆', ast: '∗', circ: '∘', bullet: '•', oplus: '⊕', otimes: '⊗', odot: '⊙', langle: '⟨', rangle: '⟩',
  lfloor: '⌊', rfloor: '⌋', lceil: '⌈', rceil: '⌉', mid: '|', vert: '|', Vert: '‖', prime: '′', degree: '°',
  circledR: '®', checkmark: '✓', dagger: '†', ddagger: '‡', S: '§', P: '¶', copyright: '©', textregistered: '®',
  texttrademark: '™', euro: '€', pounds: '£', textdegree: '°', textasciitilde: '~', textasciicircum: '^',
  textbackslash: '\\', textbar: '|', textless: '<', textgreater: '>', textendash: '–', textemdash: '—',
  textquoteleft: '‘', textquoteright: '’', textquotedblleft: '“', textquotedblright: '”', textbullet: '•',
  textperiodcentered: '·', textellipsis: '…', textunderscore: '_', textpercent: '%', LaTeX: 'LaTeX', TeX: 'TeX',
  log: 'log', ln: 'ln', exp: 'exp', max: 'max', min: 'min', sup: 'sup', inf: 'inf', lim: 'lim', sin: 'sin',
  cos: 'cos', tan: 'tan', det: 'det', arg: 'arg', dim: 'dim', ker: 'ker', Pr: 'Pr', gcd: 'gcd', deg: 'deg',
  argmax: 'argmax', argmin: 'argmin', quad: ' ', qquad: ' ', left: '', right: '', big: '', Big: '', bigg: '',
  Bigg: '', displaystyle: '', limits: '', nolimits: '', colon: ':',
};

/** Commands whose single argument is kept as plain text. */
export const KEEP_ARG = new Set([
  'textbf', 'textit', 'emph', 'textsc', 'texttt', 'textrm', 'textsf', 'textup', 'textnormal', 'textmd', 'textsl',
  'text', 'mbox', 'hbox', 'mathrm', 'mathbf', 'mathit', 'mathsf', 'mathtt', 'mathcal', 'mathscr', 'mathfrak',
  'boldsymbol', 'bm', 'operatorname', 'underline', 'overline', 'hat', 'widehat', 'tilde', 'widetilde', 'bar',
  'vec', 'dot', 'ddot', 'check', 'breve', 'acute', 'grave', 'url', 'nolinkurl', 'mathnormal', 'uppercase',
  'ensuremath', 'enquote', 'textsuperscript', 'textsubscript', 'sqrt',
]);

/** Commands dropped together with their argument (references make no sense in an abstract). */
export const DROP_ARG = new Set(['cite', 'citep', 'citet', 'citealp', 'citeauthor', 'citeyear', 'ref', 'eqref', 'label', 'footnote', 'thanks']);

export const DOUBLE_STRUCK: Record<string, string> = { R: 'ℝ', N: 'ℕ', Z: 'ℤ', Q: 'ℚ', C: 'ℂ', P: 'ℙ', E: '𝔼', F: '𝔽' };

export const SUPERSCRIPTS: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
  '+': '⁺', '-': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', n: 'ⁿ', i: 'ⁱ', T: 'ᵀ', '*': '*', '′': '′',
};

export const SUBSCRIPTS: Record<string, string> = {
  '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
  '+': '₊', '-': '₋', '=': '₌', '(': '₍', ')': '₎',
};
