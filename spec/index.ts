/**
 * kubespec's public surface for adapter authors (`import ... from 'kubespec'`):
 * the adapter contract, the settings a cluster is started with, the object
 * shapes, and the client vocabulary for API errors.
 */
export * from './adapter.ts';
export * from './settings.ts';
export type { KubeList, KubeObject, ObjectMeta, Condition, OwnerReference } from './objects/meta.ts';
export { Status, StatusCause, StatusError, isStatusError, reasonOf, isNotFound, isConflict, isForbidden, isAlreadyExists, isNamespaceTerminating, retryOnConflict } from './objects/status.ts';
export { EXPLANATION_ANNOTATION, Explanation, NodeVerdict } from './explanation.ts';
export { STORE_KEY_PREFIX, storeKey, type StoredResource } from './store-keys.ts';
