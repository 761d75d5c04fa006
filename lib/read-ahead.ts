/**
 * The items of `source`, with up to `depth` of them prepared ahead of the one taken: the
 * source runs whenever the taker waits on something else (a database write, say), instead of
 * only when it asks. An error of the source is thrown at the item where it happened; when the
 * taker stops early, the source is stopped too.
 */
export async function* readAhead<T>(source: AsyncIterable<T>, depth: number): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const queue: Promise<IteratorResult<T>>[] = [];
  let done = false;
  const fill = () => {
    while (!done && queue.length < depth) {
      const next = iterator.next();
      // Seen here so an error is not reported as unhandled before the taker reaches it.
      next.then((result) => (done ||= result.done === true), () => (done = true));
      queue.push(next);
    }
  };
  try {
    for (;;) {
      fill();
      const result = await queue.shift()!;
      if (result.done) return;
      fill();
      yield result.value;
    }
  } finally {
    await iterator.return?.();
  }
}
