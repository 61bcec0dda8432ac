/**
 * The built-in adapters, for an adapter author who wraps or extends one
 * (`import { referenceAdapter } from 'kubespec/adapters'`), and the contract
 * check that `kubespec conformance` runs on a module before any scenario.
 */
export { referenceAdapter } from './reference.ts';
export { httpAdapter } from './http.ts';
export { contractProblems, clusterProblems, AdapterContractError } from './contract-check.ts';
