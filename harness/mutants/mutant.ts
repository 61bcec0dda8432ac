/**
 * A seeded wrong implementation: a plausible bug in one behaviour, plugged
 * in the way a user plugs in their own code (a component swap, or an
 * adapter wrapping the reference), never an edit of the reference. The
 * suite's teeth are the share of these that some scenario rejects.
 */
export interface Mutant {
  /** The bug, in a sentence a reviewer would write. */
  bug: string;
  /** Where it sits: which component it replaces, or 'adapter' for a wrapped cluster. */
  swap: 'scheduler' | 'kube-proxy' | `controller:${string}` | 'adapter';
  /** Which scenarios to run against it (a cucumber tag expression): the behaviours it breaks and their neighbours. */
  tags: string;
}
