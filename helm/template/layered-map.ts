/**
 * A map that can be forked in O(1): a fork reads through its parent's entries as they were at
 * fork time and keeps its own additions on top. Copy-on-write keeps that exact: once forked, a
 * map copies its own layer before its next change, so no fork ever sees a later change.
 *
 * Why: helm's `tpl` clones the whole template set (every template of the chart and ~200
 * functions) on every call; on a chart of 300 templates whose label helper calls `tpl`, the
 * copies were a tenth of a render. Values are never undefined here (trees, functions).
 */
export class LayeredMap<K, V> {
  private own: Map<K, V>;
  /** True once a fork reads `own`: the next change copies it first. */
  private ownShared = false;

  constructor(
    /** Older layers first; never changed once here. */
    private readonly layers: readonly ReadonlyMap<K, V>[] = [],
    own: Map<K, V> = new Map(),
  ) {
    this.own = own;
  }

  get(key: K): V | undefined {
    const mine = this.own.get(key);
    if (mine !== undefined) return mine;
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const v = this.layers[i]!.get(key);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  set(key: K, value: V): void {
    if (this.ownShared) {
      this.own = new Map(this.own);
      this.ownShared = false;
    }
    this.own.set(key, value);
  }

  /** A map that starts with exactly this one's entries and changes independently. */
  fork(): LayeredMap<K, V> {
    if (this.own.size === 0) return new LayeredMap(this.layers);
    this.ownShared = true;
    return new LayeredMap([...this.layers, this.own]);
  }

  /** Every key once (newest layer wins, as get does). */
  keys(): K[] {
    const seen = new Set<K>(this.own.keys());
    for (const layer of this.layers) for (const k of layer.keys()) seen.add(k);
    return [...seen];
  }
}
