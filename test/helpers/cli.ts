/** Runs code that prints through `console`, capturing what it printed (Node CLI tests). */
import { main } from '../../src/cli/main.js';

/** Calls `fn` with console.log/error captured; returns its exit code and the output. */
export function capture(fn: () => number): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = (...a: unknown[]) => void err.push(a.join(' '));
  try {
    return { code: fn(), out: out.join('\n'), err: err.join('\n') };
  } finally {
    [console.log, console.error] = [log, error];
  }
}

/** `difftape ...args` in-process. */
export function runCli(args: string[]): { code: number; out: string; err: string } {
  return capture(() => main(args));
}
