/**
 * A simulated container runtime (K3: the note's Docker): it "pulls" an
 * image and "runs" it as a container. Nothing really runs; what can go
 * wrong is injected by image name ('runtime-faults'): a pull that fails as
 * a missing image does, or a container that exits soon after it starts.
 */
export interface ContainerHandle {
  id: string;
  image: string;
  startedAt: string;
  /** Set for an image made to crash: the container exits with this code after `afterMs`. */
  exit?: { code: number; afterMs: number };
}

export type PullResult = { ok: true; imageID: string } | { ok: false; reason: 'ErrImagePull'; message: string };

export interface ContainerRuntime {
  pull(image: string): Promise<PullResult>;
  start(podUid: string, container: string, image: string, at: string): Promise<ContainerHandle>;
  stop(id: string): Promise<void>;
  running(): ContainerHandle[];
}

/** How long a crashing container runs before it exits: "soon after it starts". */
export const CRASH_AFTER_MS = 1_000;

/** Docker Hub's short names are library images: `nginx` is `docker.io/library/nginx:latest`. */
export function fullImageName(image: string): string {
  const tagged = /:[^/]+$/.test(image) || image.includes('@') ? image : `${image}:latest`;
  const parts = tagged.split('/');
  if (parts.length === 1) return `docker.io/library/${tagged}`;
  if (!parts[0]!.includes('.') && !parts[0]!.includes(':') && parts[0] !== 'localhost') return `docker.io/${tagged}`;
  return tagged;
}

export class SimulatedRuntime implements ContainerRuntime {
  private readonly containers = new Map<string, ContainerHandle>();
  private readonly missingImages = new Set<string>();
  private readonly crashingImages = new Map<string, number>();
  private seq = 0;

  constructor(private readonly node: string) {}

  /** Every later pull of this image fails as a missing image does. */
  failPull(image: string): void {
    this.missingImages.add(fullImageName(image));
  }

  /** Every later container of this image exits with `exitCode` CRASH_AFTER_MS after it starts. */
  crash(image: string, exitCode: number): void {
    this.crashingImages.set(fullImageName(image), exitCode);
  }

  async pull(image: string): Promise<PullResult> {
    const full = fullImageName(image);
    if (this.missingImages.has(full)) {
      return { ok: false, reason: 'ErrImagePull', message: `failed to pull and unpack image "${full}": ${full}: not found` };
    }
    return { ok: true, imageID: `${full.replace(/:[^/:]+$/, '')}@sha256:${digest(full)}` };
  }

  async start(podUid: string, container: string, image: string, at: string): Promise<ContainerHandle> {
    const code = this.crashingImages.get(fullImageName(image));
    const handle: ContainerHandle = {
      id: `containerd://${digest(`${this.node}/${podUid}/${container}/${this.seq++}`)}`,
      image,
      startedAt: at,
      ...(code !== undefined ? { exit: { code, afterMs: CRASH_AFTER_MS } } : {}),
    };
    this.containers.set(handle.id, handle);
    return handle;
  }

  async stop(id: string): Promise<void> {
    this.containers.delete(id);
  }

  running(): ContainerHandle[] {
    return [...this.containers.values()];
  }
}

/** A stable 64-hex digest for simulated image and container ids. */
function digest(text: string): string {
  let out = '';
  let h = 2166136261;
  for (let round = 0; round < 8; round++) {
    for (const ch of `${round}:${text}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}
