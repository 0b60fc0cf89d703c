// The child processes of the tests and the bench end the same way: on SIGTERM
// they close what they opened, in order, then exit 0.

/** On SIGTERM: awaits each closer in turn (a failing one does not stop the rest), then exits 0. */
export function exitOnSigterm(...closers: (() => Promise<unknown>)[]): void {
  process.once('SIGTERM', () => {
    void (async () => {
      for (const close of closers) await close().catch(() => {});
      process.exit(0);
    })();
  });
}
