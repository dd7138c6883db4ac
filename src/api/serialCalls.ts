// One call at a time, in order: a pager's next() must not start a page while the one before is still being
// read, or both would page from the same cursor.

export class SerialCalls {
  private last: Promise<unknown> = Promise.resolve();

  /** Runs `call` once every earlier call has settled; a failed call does not stop the ones after it. */
  run<T>(call: () => Promise<T>): Promise<T> {
    const run = this.last.then(call);
    this.last = run.catch(() => undefined);
    return run;
  }
}
