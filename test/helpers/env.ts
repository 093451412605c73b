/**
 * Where the current test is running. Test files other than `*.node.test.ts`
 * run both in Node and in headless Chromium (see scripts/run-browser-tests.ts).
 */

/** True inside the browser test page, false in Node. */
export const isBrowser: boolean =
  typeof (globalThis as { document?: unknown }).document !== 'undefined' &&
  typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node !== 'string';
