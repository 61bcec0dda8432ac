/**
 * Label selectors, one implementation for every use, as
 * k8s.io/apimachinery/pkg/labels: a selector is a list of requirements on
 * an object's labels. It comes from the string form list and watch take
 * (`app=web,tier!=db`, `env in (a,b)`, `!legacy`: Parse), from a set of
 * labels (a Service's selector, a template's labels: SelectorFromSet), or
 * from a metav1.LabelSelector (a ReplicaSet's: LabelSelectorAsSelector).
 */
import type { LabelSelector } from '../../spec/objects/replicaset.ts';

/** selection.Operator, as the string form spells it. */
export type Operator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!';

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

/** Splits on commas that are not inside parentheses. */
function terms(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function parseRequirement(term: string): Requirement {
  let m: RegExpMatchArray | null;
  if ((m = term.match(/^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/))) {
    const values = m[3]!.split(',').map((v) => v.trim()).filter(Boolean);
    return { key: m[1]!, operator: m[2] as 'in' | 'notin', values: [...new Set(values)].sort() };
  }
  if ((m = term.match(/^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/))) return { key: m[1]!, operator: m[2] as Operator, values: [m[3]!] };
  if ((m = term.match(/^!\s*([\w./-]+)$/))) return { key: m[1]!, operator: '!', values: [] };
  if ((m = term.match(/^([\w./-]+)$/))) return { key: m[1]!, operator: 'exists', values: [] };
  throw new SelectorError(`unable to parse requirement: invalid label selector "${term}"`);
}

/** labels.Parse: the string form; empty or blank selects everything. */
export function parseSelector(text: string | undefined): Selector {
  if (!text || !text.trim()) return Selector.everything;
  return Selector.of(terms(text).map(parseRequirement));
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
