// Partitions as data: pure builders of directed block lists (`[a, b]`: a's packets to b are lost), in
// the spirit of Jepsen's nemesis helpers. Names may be nodes or hosts; the executor expands hosts. The
// output is deduplicated and in a deterministic order (the order of the inputs).

export type Block = readonly [string, string];

function pairs(from: readonly string[], to: readonly string[]): Block[] {
  const out: Block[] = [];
  for (const a of from) for (const b of to) if (a !== b) out.push([a, b]);
  return out;
}

function dedupe(blocks: readonly Block[]): Block[] {
  const seen = new Set<string>();
  return blocks.filter(([a, b]) => {
    const key = `${a}\u0000${b}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `from` can no longer reach `to` (packets from `from` to `to` are lost); the reverse path still works. */
export function oneWay(from: readonly string[], to: readonly string[]): Block[] {
  return dedupe(pairs(from, to));
}

/** Two groups that cannot hear each other in either direction. */
export function bisect(left: readonly string[], right: readonly string[]): Block[] {
  return dedupe([...pairs(left, right), ...pairs(right, left)]);
}

/** `node` cut off from every one of `others`, both directions. */
export function isolate(node: string, others: readonly string[]): Block[] {
  return bisect([node], others);
}

/**
 * Jepsen's bridge: `left` and `right` cannot hear each other, but every node of `via` still hears both
 * sides (so `via` sees a healthy world while the sides see each other as down).
 */
export function bridge(left: readonly string[], via: readonly string[], right: readonly string[]): Block[] {
  const notVia = (xs: readonly string[]): string[] => xs.filter((x) => !via.includes(x));
  return bisect(notVia(left), notVia(right));
}

/** Split `nodes` into the first `minoritySize` and the rest; both directions blocked. */
export function majorityMinority(nodes: readonly string[], minoritySize: number): Block[] {
  const size = Math.max(0, Math.min(minoritySize, Math.floor((nodes.length - 1) / 2)));
  return bisect(nodes.slice(0, size), nodes.slice(size));
}
