/**
 * Checks at load time that a module really is an adapter, so a user with a
 * half-written adapter reads what is missing instead of a stack trace from
 * the middle of a scenario.
 */
import { CAPABILITIES, CAPABILITY_MEMBERS, type Adapter, type Capability } from '../../spec/adapter.ts';

export class AdapterContractError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source} is not a kubespec adapter:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee spec/adapter.ts for the contract.`);
    this.name = 'AdapterContractError';
  }
}

export function contractProblems(candidate: unknown): string[] {
  if (typeof candidate !== 'object' || candidate === null) {
    return [`expected an object exported as \`default\` or \`adapter\`, got ${candidate === null ? 'null' : typeof candidate}`];
  }
  const a = candidate as Partial<Record<keyof Adapter, unknown>>;
  const problems: string[] = [];
  if (typeof a.name !== 'string' || !a.name) problems.push('`name` must be a non-empty string');
  if (typeof a.start !== 'function') problems.push('`start(config)` must be a function returning a ClusterUnderTest');
  if (!(a.capabilities instanceof Set)) {
    problems.push('`capabilities` must be a Set of capability names (may be empty)');
  } else {
    for (const c of a.capabilities) {
      if (!(typeof c === 'string' && c in CAPABILITIES)) problems.push(`unknown capability ${JSON.stringify(c)}; known: ${Object.keys(CAPABILITIES).join(', ')}`);
    }
  }
  return problems;
}

const memberAt = (root: Record<string, unknown>, dotted: string): unknown =>
  dotted.split('.').reduce<unknown>((o, k) => (typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined), root);

/**
 * What a started cluster must offer; checked once `start` resolves. With
 * the adapter's capabilities, also each member a capability obliges it to
 * have (spec/adapter.ts CapabilityMembers).
 */
export function clusterProblems(cluster: unknown, capabilities: Iterable<Capability> = []): string[] {
  if (typeof cluster !== 'object' || cluster === null) return ['`start` must resolve to an object (ClusterUnderTest)'];
  const c = cluster as Record<string, unknown>;
  const problems: string[] = [];
  for (const fn of ['client', 'settle', 'stop']) if (typeof c[fn] !== 'function') problems.push(`the started cluster has no \`${fn}()\``);
  for (const obj of ['settings', 'nodes', 'clock', 'observe']) if (typeof c[obj] !== 'object' || c[obj] === null) problems.push(`the started cluster has no \`${obj}\` object`);
  for (const capability of capabilities) {
    for (const member of CAPABILITY_MEMBERS[capability] ?? []) {
      if (typeof memberAt(c, member) !== 'function') problems.push(`declares '${capability}' but the started cluster has no \`${member}()\``);
    }
  }
  return problems;
}
