// Views of a history that several checkers derive (parsed Sentinel events, fault spans, the failover
// timeline) are computed once per history: a campaign run runs five or six checkers over the same
// history, and re-deriving these views was a fifth of the checking time. Checkers are pure functions
// of the history, so a view depends on the history alone. The cache is keyed by the history array
// and its length (a test that appends records to a history it already checked gets fresh views);
// it never keeps a history alive (WeakMap).

interface Views {
  length: number;
  readonly byName: Map<string, unknown>;
}

const cache = new WeakMap<readonly unknown[], Views>();

/** `compute()` once per (history, name); the result must not be mutated by callers. */
export function memoView<T>(history: readonly unknown[], name: string, compute: () => T): T {
  let views = cache.get(history);
  if (views === undefined || views.length !== history.length) {
    views = { length: history.length, byName: new Map() };
    cache.set(history, views);
  }
  if (views.byName.has(name)) return views.byName.get(name) as T;
  const value = compute();
  views.byName.set(name, value);
  return value;
}
