/**
 * Label selector strings (`app=web,tier!=db`, `env in (a,b)`, `!legacy`,
 * `replicas>2`), read by a port of apimachinery's labels.Parse: the same
 * lexer and recursive-descent parser, the same key and value validation, so
 * a malformed selector gets Kubernetes' own message, e.g.
 * `unable to parse requirement: found '=', expected: identifier`.
 */
import { goQuote } from './go-strings.ts';

export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'gt' | 'lt' | 'exists' | '!';

export interface Requirement {
  key: string;
  operator: Operator;
  /** Sorted and without duplicates, as Kubernetes keeps them. */
  values: string[];
}

export class SelectorParseError extends Error {}

type Token = 'error' | 'end' | ')' | ',' | '!' | '==' | '=' | '>' | 'identifier' | 'in' | '<' | '!=' | 'notin' | '(';
const LITERAL_TOKENS: Record<string, Token> = { ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', in: 'in', '<': '<', '!=': '!=', notin: 'notin', '(': '(' };
const literalToken = (text: string): Token | undefined => (Object.hasOwn(LITERAL_TOKENS, text) ? LITERAL_TOKENS[text] : undefined);
const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string) => ch.length === 1 && '=!(),><'.includes(ch);

/** The lexer reads bytes and takes a NUL for the end of the input, as Go's does. */
function lex(text: string): Array<[Token, string]> {
  const items: Array<[Token, string]> = [];
  let pos = 0;
  for (;;) {
    while (pos < text.length && isWhitespace(text[pos]!)) pos++;
    if (pos >= text.length || text[pos] === '\0') {
      items.push(['end', '']);
      return items;
    }
    if (isSpecial(text[pos]!)) {
      // The longest run of special symbols that is still an operator.
      let buffer = '';
      let last: [Token, string] | undefined;
      while (pos < text.length && (isSpecial(text[pos]!) || text[pos] === '\0')) {
        if (text[pos] === '\0') {
          pos++;
          break;
        }
        const token = literalToken(buffer + text[pos]);
        if (!token && last) break;
        buffer += text[pos++];
        if (token) last = [token, buffer];
      }
      items.push(last ?? ['error', `error expected: keyword found '${buffer}'`]);
      continue;
    }
    let word = '';
    while (pos < text.length && !isSpecial(text[pos]!) && !isWhitespace(text[pos]!)) {
      if (text[pos] === '\0') {
        pos++;
        break;
      }
      word += text[pos++];
    }
    items.push([literalToken(word) ?? 'identifier', word]);
  }
}

/** apimachinery's content.IsLabelKey and IsLabelValue, with their messages. */
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const regexError = (msg: string, re: string, ...examples: string[]) => `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${re}')`;
const LABEL_KEY_MESSAGE = regexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]', 'MyName', 'my.name', '123-abc');
const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');

export function labelKeyErrors(key: string): string[] {
  const errs: string[] = [];
  const parts = key.split('/');
  if (parts.length > 2) return [`a valid label key ${LABEL_KEY_MESSAGE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  const name = parts.length === 2 ? parts[1]! : parts[0]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (!prefix) errs.push('prefix part must be non-empty');
    else {
      if (byteLength(prefix) > 253) errs.push('prefix part must be no more than 253 bytes');
      if (!DNS1123_SUBDOMAIN.test(prefix)) errs.push(`prefix part ${regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*', 'example.com')}`);
    }
  }
  if (!name) errs.push('name part must be non-empty');
  else if (byteLength(name) > 63) errs.push('name part must be no more than 63 bytes');
  if (!LABEL_NAME.test(name)) errs.push(`name part ${LABEL_KEY_MESSAGE}`);
  return errs;
}

export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push('must be no more than 63 bytes');
  if (value !== '' && !LABEL_NAME.test(value)) {
    errs.push(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?', 'MyValue', 'my_value', '12345'));
  }
  return errs;
}

/** field.Invalid(path, value, detail).Error() for a string value, with Go's %q quoting. */
const invalid = (path: string, value: string, detail: string) => `${path}: Invalid value: ${goQuote(value)}: ${detail}`;
/** utilerrors.NewAggregate(...).Error(): one message alone, several in brackets. */
const aggregate = (errs: string[]) => (errs.length === 1 ? errs[0]! : `[${[...new Set(errs)].join(', ')}]`);

function newRequirement(key: string, operator: Operator, values: string[]): Requirement {
  const errs: string[] = [];
  const keyErrors = labelKeyErrors(key);
  if (keyErrors.length) errs.push(invalid('key', key, keyErrors.join('; ')));
  if (operator === 'gt' || operator === 'lt') {
    values.forEach((v, i) => {
      if (!/^[+-]?\d+$/.test(v) || BigInt(v) > 2n ** 63n - 1n || BigInt(v) < -(2n ** 63n)) errs.push(invalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
    });
  }
  values.forEach((v, i) => {
    const valueErrors = labelValueErrors(v);
    if (valueErrors.length) errs.push(invalid(`values[${i}][${key}]`, v, valueErrors.join('; ')));
  });
  if (errs.length) throw new SelectorParseError(aggregate(errs));
  return { key, operator, values };
}

/** labels.Parse: the requirements of a selector string, or SelectorParseError with Kubernetes' message. */
export function parseRequirements(text: string): Requirement[] {
  const items = lex(text);
  let position = 0;
  // In a value position, `in` and `notin` are plain identifiers.
  const look = (values = true): [Token, string] => {
    const [token, literal] = items[position]!;
    return values && (token === 'in' || token === 'notin') ? ['identifier', literal] : [token, literal];
  };
  const take = (values = true) => {
    const item = look(values);
    position++;
    return item;
  };
  const fail = (message: string): never => {
    throw new SelectorParseError(message);
  };

  function keyAndInferredOperator(): [string, Operator | undefined] {
    let [token, literal] = take();
    let operator: Operator | undefined;
    if (token === '!') {
      operator = '!';
      [token, literal] = take();
    }
    if (token !== 'identifier') fail(`found '${literal}', expected: identifier`);
    const keyErrors = labelKeyErrors(literal);
    if (keyErrors.length) fail(invalid('<nil>', literal, keyErrors.join('; ')));
    const [next] = look();
    if ((next === 'end' || next === ',') && operator !== '!') operator = 'exists';
    return [literal, operator];
  }

  function binaryOperator(): Operator {
    const [token, literal] = take(false);
    const byToken: Partial<Record<Token, Operator>> = { in: 'in', '=': '=', '==': '==', '>': 'gt', '<': 'lt', notin: 'notin', '!=': '!=' };
    return byToken[token] ?? fail(`found '${literal}', expected: ${BINARY_OPERATORS}`);
  }

  function valueSet(): Set<string> {
    let [token, literal] = take();
    if (token !== '(') fail(`found '${literal}' expected: '('`);
    [token, literal] = look();
    if (token === ')') {
      take();
      return new Set(['']);
    }
    if (token !== 'identifier' && token !== ',') fail(`found '${literal}', expected: ',', ')' or identifier`);
    const set = new Set<string>();
    for (;;) {
      const [t, lit] = take();
      if (t === 'identifier') {
        set.add(lit);
        const [t2, lit2] = look();
        if (t2 === ',') continue;
        if (t2 === ')') break;
        fail(`found '${lit2}', expected: ',' or ')'`);
      } else if (t === ',') {
        if (set.size === 0) set.add('');
        const [t2] = look();
        if (t2 === ')') {
          set.add('');
          break;
        }
        if (t2 === ',') set.add('');
      } else fail(`found '${lit}', expected: ',', or identifier`);
    }
    if (take()[0] !== ')') fail(`found '${literal}', expected: ')'`);
    return set;
  }

  function exactValue(): Set<string> {
    const [token] = look();
    if (token === 'end' || token === ',') return new Set(['']);
    const [t, literal] = take();
    if (t === 'identifier') return new Set([literal]);
    return fail(`found '${literal}', expected: identifier`);
  }

  function requirement(): Requirement {
    const [key, inferred] = keyAndInferredOperator();
    if (inferred === 'exists' || inferred === '!') return newRequirement(key, inferred, []);
    const operator = binaryOperator();
    const values = operator === 'in' || operator === 'notin' ? valueSet() : exactValue();
    return newRequirement(key, operator, [...values].sort());
  }

  const requirements: Requirement[] = [];
  for (;;) {
    const [token, literal] = look();
    if (token === 'end') break;
    if (token !== 'identifier' && token !== '!') fail(`found '${literal}', expected: !, identifier, or 'end of string'`);
    try {
      requirements.push(requirement());
    } catch (e) {
      if (e instanceof SelectorParseError) fail(`unable to parse requirement: ${e.message}`);
      throw e;
    }
    const [t, lit] = take();
    if (t === 'end') break;
    if (t !== ',') fail(`found '${lit}', expected: ',' or 'end of string'`);
    const [t2, lit2] = look();
    if (t2 !== 'identifier' && t2 !== '!') fail(`found '${lit2}', expected: identifier after ','`);
  }
  return requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
