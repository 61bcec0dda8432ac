/**
 * The store's watchers, found by key prefix in one lookup per distinct
 * prefix length: a commit reaches the watchers whose prefix it falls under
 * without visiting the others. With a kube-proxy per node watching services
 * and endpoints, a pod write still costs a handful of lookups, not one test
 * per watcher in the cluster.
 */
export class WatcherIndex<W> {
  private readonly byPrefix = new Map<string, Set<W>>();
  /** How many prefixes have each length; a key is looked up once per length. */
  private readonly lengths = new Map<number, number>();

  add(prefix: string, watcher: W): () => void {
    let set = this.byPrefix.get(prefix);
    if (!set) {
      this.byPrefix.set(prefix, (set = new Set()));
      this.lengths.set(prefix.length, (this.lengths.get(prefix.length) ?? 0) + 1);
    }
    set.add(watcher);
    return () => this.remove(prefix, watcher);
  }

  /** Every watcher whose prefix the key starts with. */
  *matching(key: string): Generator<W> {
    for (const length of this.lengths.keys()) {
      if (length > key.length) continue;
      const set = this.byPrefix.get(key.slice(0, length));
      if (set) yield* set;
    }
  }

  clear(): void {
    this.byPrefix.clear();
    this.lengths.clear();
  }

  private remove(prefix: string, watcher: W): void {
    const set = this.byPrefix.get(prefix);
    if (!set?.delete(watcher) || set.size > 0) return;
    this.byPrefix.delete(prefix);
    const left = (this.lengths.get(prefix.length) ?? 1) - 1;
    if (left === 0) this.lengths.delete(prefix.length);
    else this.lengths.set(prefix.length, left);
  }
}
