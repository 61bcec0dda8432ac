/**
 * The live view's controls act on things that are not Kubernetes objects:
 * the simulated machines behind the nodes and their container runtimes.
 * They are named here as resources of a kubespec-only API group so that
 * RBAC decides who may use them, with ordinary rules, exactly as it
 * decides `create pods/eviction`:
 *
 *   simulatednodes                 create (add a node), list
 *   simulatednodes/silence         create (its kubelet stops reporting)
 *   simulatednodes/resume          create (it reports again)
 *   simulatednodes/proxyrules      get (what its kube-proxy wrote)
 *   imagefaults                    create (pulls of an image fail), list
 */
import type { ResourceInfo } from '../../apiserver/registry/resources.ts';

export const STORY_GROUP = 'kubespec.dev';
export const STORY_VERSION = 'v1alpha1';
export const STORY_API_VERSION = `${STORY_GROUP}/${STORY_VERSION}`;

const storyResource = (resource: string, kind: string, subresources: string[]): ResourceInfo => ({
  resource,
  kind,
  group: STORY_GROUP,
  version: STORY_VERSION,
  namespaced: false,
  storagePrefix: '',
  subresources,
  shortNames: [],
});

export const SIMULATED_NODES = storyResource('simulatednodes', 'SimulatedNode', ['silence', 'resume', 'proxyrules']);
export const IMAGE_FAULTS = storyResource('imagefaults', 'ImageFault', []);
