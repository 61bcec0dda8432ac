import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Selector, SelectorError, labelSelectorAsSelector, parseSelector, selectorFromSet } from './label-selector.ts';

const labels = { app: 'web', tier: 'front' };

describe('a label selector in its string form (list and watch)', () => {
  it('matches equality, inequality, set and existence requirements, all of which must hold', () => {
    assert.equal(parseSelector('app=web').matches(labels), true);
    assert.equal(parseSelector('app==web').matches(labels), true);
    assert.equal(parseSelector('app!=web').matches(labels), false);
    assert.equal(parseSelector('env!=prod').matches(labels), true, 'a missing label is unequal to any value');
    assert.equal(parseSelector('tier in (front, back)').matches(labels), true);
    assert.equal(parseSelector('tier notin (front)').matches(labels), false);
    assert.equal(parseSelector('app').matches(labels), true);
    assert.equal(parseSelector('!app').matches(labels), false);
    assert.equal(parseSelector('app=web,tier=back').matches(labels), false);
  });

  it('selects everything when empty or blank', () => {
    assert.ok(parseSelector(undefined).empty());
    assert.ok(parseSelector('  ').matches(undefined));
  });

  it('refuses what it cannot parse, naming the requirement', () => {
    assert.throws(() => parseSelector('app=web,=oops'), (e: unknown) => e instanceof SelectorError && e.message === "found '=', expected: identifier after ','");
    assert.throws(() => parseSelector('a===b'), (e: unknown) => e instanceof SelectorError && e.message === "unable to parse requirement: found '=', expected: identifier");
  });

  it('prints requirements sorted by key, set values sorted, and parses back to the same selector', () => {
    assert.equal(parseSelector('tier in (front,back),app=web,!legacy').toString(), 'app=web,!legacy,tier in (back,front)');
    const key = fc.constantFrom('app', 'tier', 'env', 'example.com/zone');
    const value = fc.constantFrom('web', 'db', 'a-1', 'x.y');
    const requirement = fc.oneof(
      fc.tuple(key, fc.constantFrom('=', '!=', '=='), value).map(([k, op, v]) => `${k}${op}${v}`),
      fc.tuple(key, fc.constantFrom('in', 'notin'), fc.uniqueArray(value, { minLength: 1, maxLength: 3 })).map(([k, op, vs]) => `${k} ${op} (${vs.join(',')})`),
      key.map((k) => k),
      key.map((k) => `!${k}`),
    );
    const labelSet = fc.dictionary(key, value);
    fc.assert(
      fc.property(fc.array(requirement, { minLength: 1, maxLength: 4 }), labelSet, (reqs, set) => {
        const selector = parseSelector(reqs.join(','));
        const again = parseSelector(selector.toString());
        assert.equal(again.toString(), selector.toString());
        assert.equal(again.matches(set), selector.matches(set));
      }),
    );
  });
});

describe('a selector from a set of labels (a Service selector, a template)', () => {
  it('requires each label with its value', () => {
    assert.equal(selectorFromSet({ app: 'web' }).matches(labels), true);
    assert.equal(selectorFromSet({ app: 'web', tier: 'back' }).matches(labels), false);
    assert.equal(selectorFromSet({ app: 'web' }).matches(undefined), false);
    assert.equal(selectorFromSet({ tier: 'front', app: 'web' }).toString(), 'app=web,tier=front');
  });

  it('selects everything when the set is empty', () => {
    assert.ok(selectorFromSet({}).empty());
  });
});

describe('a metav1.LabelSelector (a ReplicaSet selector)', () => {
  it('turns matchLabels and every matchExpressions operator into requirements', () => {
    assert.equal(labelSelectorAsSelector({ matchLabels: { app: 'web' } }).matches(labels), true);
    assert.equal(labelSelectorAsSelector({ matchLabels: { app: 'db' } }).matches(labels), false);
    assert.equal(labelSelectorAsSelector({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }).matches(labels), true);
    assert.equal(labelSelectorAsSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }).matches(labels), false);
    assert.equal(labelSelectorAsSelector({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }).matches(labels), true);
    assert.equal(labelSelectorAsSelector({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }).matches(labels), true);
    assert.equal(labelSelectorAsSelector({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }).matches(labels), false);
  });

  it('is the same selector as its string form', () => {
    const selector = labelSelectorAsSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] });
    assert.equal(selector.toString(), 'app=web,tier in (back,front)');
    assert.deepEqual(parseSelector(selector.toString()).requirements, selector.requirements);
  });

  it('selects everything when empty and nothing when missing, as LabelSelectorAsSelector', () => {
    assert.ok(labelSelectorAsSelector({}).matches(labels));
    assert.equal(labelSelectorAsSelector(undefined).matches(labels), false);
    assert.equal(labelSelectorAsSelector(undefined).empty(), false);
    assert.equal(Selector.nothing.matches({}), false);
  });

  it('refuses values that do not fit the operator', () => {
    assert.throws(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }), /values set can't be empty/);
    assert.throws(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'app', operator: 'Exists', values: ['web'] }] }), /values set must be empty/);
    assert.throws(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'app', operator: 'Near' as 'In', values: ['web'] }] }), /"Near" is not a valid label selector operator/);
  });
});
