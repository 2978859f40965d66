/** LaTeX special characters in BibTeX field values: `& % $ # _ { } ~ ^ \`. */
export function escapeLatex(text: string): string {
  return text.replace(/[\\{}&%$#_~^]/g, (ch) => {
    switch (ch) {
      case '\\':
        return '\\textbackslash{}';
      case '~':
        return '\\textasciitilde{}';
      case '^':
        return '\\textasciicircum{}';
      default:
        return `\\${ch}`;
    }
  });
}

/** A URL or DOI as a field value: verbatim except braces (which would unbalance the entry) and whitespace. */
export function bibVerbatim(text: string): string {
  return text.replace(/[{}\s]/g, '');
}
