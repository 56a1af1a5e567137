/**
 * Remembers the last `capacity` trade ids so a print delivered twice (reconnect overlap, replayed
 * partial) is counted once. Bounded: memory stays constant on an endless feed.
 */
export class TradeDeduper {
  private readonly seen = new Set<string>();
  private readonly order: string[] = [];
  private head = 0;

  constructor(private readonly capacity = 50_000) {}

  /** True the first time an id is offered, false for every repeat still remembered. */
  accept(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.order.length < this.capacity) {
      this.order.push(id);
    } else {
      const evicted = this.order[this.head];
      if (evicted !== undefined) this.seen.delete(evicted);
      this.order[this.head] = id;
      this.head = (this.head + 1) % this.capacity;
    }
    return true;
  }
}
