/**
 * A keyed work queue, as client-go's: a key queued twice before it is
 * processed is processed once, keys are handled one at a time in order, and
 * everything queued counts as work in flight until it is done.
 */
import type { ComponentWork } from '../../spec/components.ts';

export class WorkQueue {
  private readonly queued = new Set<string>();
  private running = false;

  constructor(
    private readonly work: ComponentWork,
    private readonly handle: (key: string) => Promise<void>,
  ) {}

  add(key: string): void {
    if (this.queued.has(key)) return;
    this.queued.add(key);
    if (!this.running) {
      this.running = true;
      this.work.spawn(() => this.drain());
    }
  }

  get length(): number {
    return this.queued.size;
  }

  private async drain(): Promise<void> {
    try {
      for (let key = this.first(); key !== undefined; key = this.first()) {
        this.queued.delete(key);
        await this.handle(key);
      }
    } finally {
      this.running = false;
    }
  }

  private first(): string | undefined {
    return this.queued.values().next().value;
  }
}
