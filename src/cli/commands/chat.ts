import type { CommandAction, CommandContext } from '../command.js';
import { runChatLines } from '../output/chat-lines.js';
import { offlineNotice, openQaFromFlags } from '../qa-from-flags.js';
import { say } from '../output/say.js';

/**
 * `litrev chat [--in PATH...]`: the interactive Ink chat when stdin and stdout are terminals;
 * otherwise (pipes, scripts, --plain, --json) questions are read line by line from stdin.
 */
export const chatAction: CommandAction = async (ctx) => {
  const { config, session } = await openQaFromFlags(ctx);
  try {
    if (interactive(ctx)) {
      const { runChatApp } = await import('../../ui/chat/run-chat-app.js');
      await runChatApp({ backend: session, stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr, signal: ctx.signal });
    } else {
      if (session.engine === 'offline') say(ctx.stderr, `${offlineNotice(session)}\n`);
      await runChatLines({ session, input: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr, json: config.output === 'json', signal: ctx.signal });
    }
    return 0;
  } finally {
    await session.close();
  }
};

/**
 * Ink needs a keyboard (stdin in raw mode) and a screen. A terminal on both ends decides, not the
 * CI variable: someone typing at a terminal is interactive wherever it runs.
 */
function interactive(ctx: CommandContext): boolean {
  const stdinTTY = (ctx.stdin as { isTTY?: boolean }).isTTY === true;
  return stdinTTY && ctx.isTTY && ctx.flags.plain !== true && ctx.flags.json !== true;
}
