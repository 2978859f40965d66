/** How long a command may take to wind down after the first Ctrl-C or SIGTERM before litrev leaves anyway. */
export const SIGNAL_GRACE_MS = 1500;

const CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type Handled = keyof typeof CODES;

export interface SignalWatch {
  /** Aborted by the first SIGINT or SIGTERM (the reason is the signal's name). */
  controller: AbortController;
  /** 130 after SIGINT, 143 after SIGTERM; undefined while no signal came. */
  exitCode(): number | undefined;
  /** Say "litrev: interrupted", or `message` (once, whoever comes first: the command's end or the grace timer). */
  report(message?: string): void;
  /** Stop listening. A grace timer already armed stays (unref'd): it only fires if something keeps the process alive. */
  dispose(): void;
}

/**
 * The first SIGINT or SIGTERM aborts the command's signal: requests in flight are cancelled (replies that
 * completed are already in the cache) and offline loops stop at their next check. If the command has not
 * left within SIGNAL_GRACE_MS, or on a second signal, the process exits at once with 128 + the signal number.
 * `on`, not `once`: a library's exit hook (Ink's) re-raises the signal when no other listener is left.
 */
export function watchSignals(stderr: NodeJS.WritableStream): SignalWatch {
  const controller = new AbortController();
  let received: Handled | undefined;
  let reported = false;
  const report = (message = 'interrupted') => {
    if (reported) return;
    reported = true;
    stderr.write(`litrev: ${message}\n`);
  };
  const leave = (code: number) => {
    report();
    process.exit(code);
  };
  const handlers = (Object.keys(CODES) as Handled[]).map((name) => {
    const handler = () => {
      if (received !== undefined) leave(CODES[received]);
      received = name;
      controller.abort(name);
      setTimeout(() => leave(CODES[name]), SIGNAL_GRACE_MS).unref();
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    controller,
    exitCode: () => (received === undefined ? undefined : CODES[received]),
    report,
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
