/**
 * Environment-agnostic uvu driver shared by the Node runner and the generated
 * browser entry module.
 *
 * It loads test modules one at a time using uvu's deferred-queue protocol
 * (exactly what `uvu/run` does: set `UVU_DEFER`, then per file set
 * `UVU_INDEX` and push `[name]` onto `UVU_QUEUE`, then import it), runs
 * `exec()`, and counts results by wrapping every queued suite runner, so the
 * counts never depend on parsing uvu's (coloured) output.
 *
 * Constraints: no Node built-ins (it is bundled for the browser), and no
 * static import of `uvu` — uvu decides at module-evaluation time whether to
 * auto-run, from `globalThis.UVU_DEFER`, so it must be imported after that is
 * set.
 */

/** One test file to load; `load` imports it (and so registers its suites). */
export interface TestModule {
  /** Display name, e.g. `tensor/shape.test.ts` (relative to `test/`). */
  name: string;
  load: () => Promise<unknown>;
}

/** Counts for one run; a "test" is one uvu `test(...)` call. */
export interface UvuResult {
  passed: number;
  failed: number;
  skipped: number;
  /** Number of test files loaded (including ones that failed to import). */
  files: number;
  /** Plain-text (ANSI-stripped) failure reports, one per failing suite. */
  failures: string[];
}

/** What a queued uvu suite runner resolves to: `[errors | true, passed, skipped, total]`. */
type RunnerResult = [errors: string | true, passed: number, skipped: number, total: number];
type SuiteRunner = () => Promise<RunnerResult>;
/** A `UVU_QUEUE` entry: the file name followed by that file's suite runners. */
type QueueGroup = [string | null, ...SuiteRunner[]];

interface UvuGlobals {
  UVU_DEFER?: number;
  UVU_INDEX?: number;
  UVU_QUEUE?: QueueGroup[];
}

/** Removes ANSI SGR colour codes (kleur's output). */
export function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack && err.stack.includes(err.message) ? err.stack : `${err.name}: ${err.message}\n${err.stack ?? ''}`;
  return String(err);
}

/** A fake suite runner reporting `problem` as one failed test, in uvu's failure layout. */
function failingRunner(title: string, err: unknown): SuiteRunner {
  const body = describeError(err).split('\n').map((line) => '    ' + line.trim()).join('\n');
  return async () => [`  FAIL  "${title}"\n${body}\n`, 0, 0, 1];
}

/**
 * Loads `modules` in order into uvu's deferred queue, runs them all, and
 * returns the counts. A module that throws while importing counts as one
 * failed test (its error is printed by uvu with the other failures).
 * `warn` receives non-fatal diagnostics (e.g. a file that registered no suite).
 */
export async function runUvu(modules: readonly TestModule[], warn: (message: string) => void = console.warn): Promise<UvuResult> {
  const g = globalThis as UvuGlobals;
  g.UVU_DEFER = 1;
  const uvu = await import('uvu');
  const queue = (g.UVU_QUEUE ??= []);
  if (queue.length > 0) {
    // uvu was evaluated before UVU_DEFER was set: it would auto-run suites on its own.
    throw new Error('uvu was loaded before UVU_DEFER was set; its queue is not empty');
  }

  const silent: string[] = [];
  for (const mod of modules) {
    const index = queue.length;
    g.UVU_INDEX = index;
    queue.push([mod.name]);
    try {
      await mod.load();
    } catch (err) {
      queue[index]!.push(failingRunner(`import ${mod.name}`, err));
    }
    if (queue[index]!.length === 1) silent.push(mod.name);
  }

  const result: UvuResult = { passed: 0, failed: 0, skipped: 0, files: modules.length, failures: [] };
  for (const group of queue) {
    const file = group[0]; // exec() shifts the name off before running the group
    for (let i = 1; i < group.length; i++) {
      const run = group[i] as SuiteRunner;
      group[i] = async (): Promise<RunnerResult> => {
        (globalThis as { __DIFFTAPE_CURRENT_FILE__?: string | null }).__DIFFTAPE_CURRENT_FILE__ = file; // for timeout reports
        let out: RunnerResult;
        try {
          out = await run();
        } catch (err) {
          // uvu lets an exception from an `after` hook escape, which would abort
          // exec() for every later file; report it as one failure instead.
          out = await failingRunner(`after hook of a suite in ${file}`, err)();
        }
        const [errors, passed, skipped, total] = out;
        result.passed += passed;
        result.failed += total - passed;
        result.skipped += skipped;
        if (typeof errors === 'string') {
          result.failures.push(stripAnsi(errors));
        } else if (passed < total) {
          // uvu swallows exceptions thrown by `before` hooks (a `return` in a
          // `finally`): the suite just reports fewer passes and no error.
          const msg = `${file}: ${total - passed} test(s) did not run — a before() hook probably threw (uvu hides before-hook errors)`;
          result.failures.push(msg);
          return [`  FAIL  ${msg}\n`, passed, skipped, total];
        }
        return out;
      };
    }
  }

  await uvu.exec();
  for (const name of silent) warn(`warning: ${name} registered no suites (missing test.run()?)`);
  return result;
}
