/**
 * Label selectors, one implementation for every use, as
 * k8s.io/apimachinery/pkg/labels: a selector is a list of requirements on
 * an object's labels. It comes from the string form list and watch take
 * (`app=web,tier!=db`, `env in (a,b)`, `!legacy`, `replicas>2`: Parse), from a set of
 * labels (a Service's selector, a template's labels: SelectorFromSet), or
 * from a metav1.LabelSelector (a ReplicaSet's: LabelSelectorAsSelector).
 */
import type { LabelSelector } from '../../spec/objects/replicaset.ts';
import { parseRequirements, SelectorParseError } from './label-selector-parser.ts';

/** selection.Operator, as the string form spells it. */
export type Operator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  /** Sorted, as Kubernetes keeps them (a sets.String). */
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>> | undefined;

/** A selector that cannot be parsed or built; the api-server answers it with 400 BadRequest. */
export class SelectorError extends Error {
  override readonly name = 'SelectorError';
}

function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case '=':
    case '==':
    case 'in':
      return has && r.values.includes(value!);
    case '!=':
    case 'notin':
      return !has || !r.values.includes(value!);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      // Both sides as integers (strconv.ParseInt); a label that is not one never matches.
      if (!has || !/^[+-]?\d+$/.test(value!)) return false;
      const [actual, bound] = [BigInt(value!), BigInt(r.values[0]!)];
      return r.operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

function requirementString(r: Requirement): string {
  switch (r.operator) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
    case 'notin':
      return `${r.key} ${r.operator} (${r.values.join(',')})`;
    case 'gt':
      return `${r.key}>${r.values[0]}`;
    case 'lt':
      return `${r.key}<${r.values[0]}`;
    default:
      return `${r.key}${r.operator}${r.values[0] ?? ''}`;
  }
}

/** labels.Selector: every requirement must hold. No requirements selects everything. */
export class Selector {
  private constructor(
    readonly requirements: readonly Requirement[],
    private readonly selectsNothing = false,
  ) {}

  /** labels.Everything(). */
  static readonly everything = new Selector([]);
  /** labels.Nothing(): what a missing metav1.LabelSelector selects. */
  static readonly nothing = new Selector([], true);

  /** Requirements sorted by key, as labels.internalSelector.Add keeps them. */
  static of(requirements: readonly Requirement[]): Selector {
    return new Selector([...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
  }

  matches(labels: Labels): boolean {
    return !this.selectsNothing && this.requirements.every((r) => requirementMatches(r, labels));
  }

  /** True for Everything: no requirement to check. */
  empty(): boolean {
    return !this.selectsNothing && this.requirements.length === 0;
  }

  /** The string form, which parses back to the same selector (a Scale's status.selector). */
  toString(): string {
    return this.requirements.map(requirementString).join(',');
  }
}

/** labels.Parse: the string form (label-selector-parser.ts); empty or blank selects everything. */
export function parseSelector(text: string | undefined): Selector {
  if (!text) return Selector.everything;
  try {
    return Selector.of(parseRequirements(text));
  } catch (e) {
    throw e instanceof SelectorParseError ? new SelectorError(e.message) : e;
  }
}

/** labels.SelectorFromSet: each label must be present with that value; an empty set selects everything. */
export function selectorFromSet(set: Labels): Selector {
  return Selector.of(Object.entries(set ?? {}).map(([key, value]) => ({ key, operator: '=', values: [value] })));
}

const OPERATORS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * metav1.LabelSelectorAsSelector: matchLabels and matchExpressions as one
 * selector. A missing selector selects nothing, an empty one everything.
 * Throws a SelectorError for an unknown operator, or values that do not
 * fit it (labels.NewRequirement's rules).
 */
export function labelSelectorAsSelector(selector: LabelSelector | undefined): Selector {
  if (!selector) return Selector.nothing;
  const requirements: Requirement[] = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({ key, operator: '=', values: [value] }));
  for (const expr of selector.matchExpressions ?? []) {
    const operator = OPERATORS[expr.operator];
    if (!operator) throw new SelectorError(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
    const values = [...new Set(expr.values ?? [])].sort();
    if ((operator === 'in' || operator === 'notin') && values.length === 0) throw new SelectorError("for 'in', 'notin' operators, values set can't be empty");
    if ((operator === 'exists' || operator === '!') && values.length > 0) throw new SelectorError('values set must be empty for exists and does not exist');
    requirements.push({ key: expr.key, operator, values });
  }
  return Selector.of(requirements);
}
