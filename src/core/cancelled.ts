// The one way to say "the user stopped this": a dismissed picker, a refused confirmation, a cancelled progress.
// Pure, so that the cloud registry (below the UI) can throw it too.

/** Thrown (or rejected) when the user dismisses a picker or cancels a progress notification. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}
