// A bounded number of requests in flight: enough to hide latency, few enough not to flood a service.

/**
 * Runs WORK on each of ITEMS, at most SIZE at a time. The first failure stops the others from starting; it is
 * thrown once every work already started has ended, so that nothing still runs after the caller has moved on.
 */
export async function inPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { reason: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      try {
        await work(items[next++]);
      } catch (reason) {
        failure ??= { reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  if (failure) throw failure.reason;
}
