/**
 * How untrusted text (titles, abstracts) is shown to a model inside `<paper>` blocks: `<` and `>` become `‹` and
 * `›`, one character for one, so nothing in an abstract can open or close a delimiter. Verification uses the same
 * mapping to check a quote against exactly what the model was shown, and maps it back to the abstract.
 */
export function escapeUntrusted(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}
