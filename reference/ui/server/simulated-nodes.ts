/**
 * The simulated machines `kubespec serve` runs, as the live view's
 * controls see them: which exist, which are silent, which images fail to
 * pull, and what each node's kube-proxy wrote. Wraps the cluster's own
 * NodeControl; a client learns of the nodes themselves only through the API.
 */
import type { NodeControl, NodeRequest } from '../../../spec/adapter.ts';

export interface SimulatedNodeState {
  name: string;
  silenced: boolean;
}

export class SimulatedNodes {
  private readonly silenced = new Map<string, boolean>();
  private readonly images: string[] = [];

  constructor(
    private readonly control: NodeControl,
    private readonly rulesOf: (node: string) => string,
  ) {}

  has(name: string): boolean {
    return this.silenced.has(name);
  }

  list(): SimulatedNodeState[] {
    return [...this.silenced].map(([name, silenced]) => ({ name, silenced }));
  }

  /** The first `worker-N` not taken. */
  nextName(): string {
    for (let i = 1; ; i++) if (!this.has(`worker-${i}`)) return `worker-${i}`;
  }

  async add(node: NodeRequest): Promise<void> {
    this.silenced.set(node.name, false);
    try {
      await this.control.add(node);
    } catch (e) {
      this.silenced.delete(node.name);
      throw e;
    }
  }

  async silence(name: string): Promise<void> {
    await this.control.silence(name);
    this.silenced.set(name, true);
  }

  async resume(name: string): Promise<void> {
    await this.control.resume(name);
    this.silenced.set(name, false);
  }

  get canFailImages(): boolean {
    return typeof this.control.failImagePull === 'function';
  }

  failImagePull(image: string): void {
    this.control.failImagePull!(image);
    if (!this.images.includes(image)) this.images.push(image);
  }

  failingImages(): readonly string[] {
    return this.images;
  }

  proxyRules(name: string): string {
    return this.rulesOf(name);
  }
}
