/**
 * Collects items and writes them in batches, one write at a time: items pushed while a write is
 * in flight go into the next one, so a burst costs a few round trips, not one per item, and order
 * is kept. A failed batch is put back in front and retried at the next push or {@link flush}
 * (callers flush on every heartbeat), so a database hiccup loses nothing.
 */
export class SerialBatcher<T> {
  private queue: T[] = [];
  private inFlight: Promise<void> | null = null;

  constructor(
    /** Writes one batch (never empty); a rejection keeps the batch for the next try. */
    private readonly write: (items: T[]) => Promise<void>,
    private readonly onError: (err: unknown, items: number) => void,
  ) {}

  /** Items waiting to be written (not counting a batch in flight). */
  get pending(): number {
    return this.queue.length;
  }

  /** Queues an item; a write starts at once unless one is in flight. */
  push(item: T): void {
    this.queue.push(item);
    if (!this.inFlight) this.inFlight = this.drain();
  }

  /** Resolves when everything pushed so far has been written once (or its write failed). */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    if (this.queue.length > 0) {
      this.inFlight = this.drain();
      await this.inFlight;
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          await this.write(batch);
        } catch (err) {
          this.queue = batch.concat(this.queue);
          this.onError(err, batch.length);
          return; // retried at the next push or flush, not in a tight loop
        }
      }
    } finally {
      this.inFlight = null;
    }
  }
}
