import { terminalText } from '../../format/terminal-text.js';

/**
 * Write text to a stream the user may be reading on a terminal, through terminalText(): every message,
 * answer, table and JSON object litrev prints outside the Ink views goes through here, so no escape
 * sequence or bidi override from a paper, a file name or a model reply reaches the terminal.
 */
export function say(stream: NodeJS.WritableStream, text: string): void {
  stream.write(terminalText(text));
}
