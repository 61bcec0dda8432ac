/** The netfilter model refuses what iptables-restore refuses, and the dataplane follows marks, RETURNs and affinity. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distribution, evaluate, sample, toRouteOutcome } from './dataplane.ts';
import { IptablesRestoreError, Netfilter, tokenize } from './netfilter.ts';
import { renderJumpRules, renderServiceRules } from './service-chains.ts';

test('a jump to an undeclared chain fails the whole restore and changes nothing', () => {
  const nf = new Netfilter();
  nf.restore('*nat\n:KUBE-SERVICES - [0:0]\n-A KUBE-SERVICES -j RETURN\nCOMMIT\n', { noflush: true });
  assert.throws(() => nf.restore('*nat\n:KUBE-SERVICES - [0:0]\n-A KUBE-SERVICES -j KUBE-SVC-NOPE\nCOMMIT\n', { noflush: true }), IptablesRestoreError);
  assert.equal(nf.chain('nat', 'KUBE-SERVICES')[0]?.target, 'RETURN');
  assert.throws(() => nf.restore('*nat\n-A NOPE -j RETURN\nCOMMIT\n'), /no chain "NOPE"/);
  assert.throws(() => nf.restore('*nat\n:X - [0:0]\n-A X -m bogus -j RETURN\nCOMMIT\n'), /unsupported match module/);
  assert.throws(() => nf.restore('*nat\n:X - [0:0]\n-A X -j RETURN\n'), /no COMMIT/);
  assert.throws(() => nf.restore('*mangle\nCOMMIT\n'), /unsupported table/);
  assert.throws(() => nf.restore('-A X\n'), /outside a table/);
  assert.deepEqual(tokenize('-m comment --comment "a b" -j X'), ['-m', 'comment', '--comment', 'a b', '-j', 'X']);
});

test('without --noflush a restore replaces the table; -X deletes a stale chain', () => {
  const nf = new Netfilter();
  nf.restore('*nat\n:OLD - [0:0]\n-A OLD -j RETURN\nCOMMIT\n');
  nf.restore('*nat\n:OLD - [0:0]\n-X OLD\nCOMMIT\n', { noflush: true });
  assert.ok(!nf.chains('nat').includes('OLD'));
  nf.restore('*nat\n:NEW - [0:0]\nCOMMIT\n');
  nf.restore('*nat\n-F NEW\nCOMMIT\n', { noflush: true });
  assert.ok(nf.chains('nat').includes('NEW'));
  nf.restore('*filter\nCOMMIT\n');
  assert.ok(!nf.chains('filter').includes('NEW'));
});

const AFFINITY = [{ name: 'ns/web:http', protocol: 'TCP' as const, clusterIP: '10.96.0.10', port: 80, endpoints: ['10.244.0.2:80', '10.244.0.3:80'], affinitySeconds: 10800 }];

test('ClientIP affinity: a client the recent list remembers goes back to the same pod, until the timeout', () => {
  const nf = new Netfilter();
  nf.restore(renderJumpRules(), { noflush: true });
  nf.restore(renderServiceRules(AFFINITY, { clusterCIDR: '10.244.0.0/16' }), { noflush: true });
  const packet = { from: '10.244.1.5', to: '10.96.0.10', port: 80 };
  const first = evaluate(nf, packet);
  assert.equal(first.length, 2);
  const chosen = sample(first, () => 0.9);
  assert.equal(chosen.dst, '10.244.0.3');
  const recent = new Map([[chosen.recentSets[0]!, new Map([['10.244.1.5', 100]])]]);
  assert.deepEqual(toRouteOutcome(evaluate(nf, packet, { recent, nowSeconds: 200 })), { verdict: 'dnat', destinations: [{ ip: '10.244.0.3', port: 80, probability: 1 }] });
  const expired = distribution(evaluate(nf, packet, { recent, nowSeconds: 100 + 10801 }));
  assert.ok(expired.verdict === 'dnat' && expired.destinations.length === 2, 'after the timeout the client is spread again');
});

test('masquerade: traffic from outside the pod network, and a pod reaching itself, leave masqueraded', () => {
  const nf = new Netfilter();
  nf.restore(renderJumpRules(), { noflush: true });
  nf.restore(renderServiceRules([{ ...AFFINITY[0]!, affinitySeconds: undefined! }].map(({ affinitySeconds: _, ...sp }) => sp), { clusterCIDR: '10.244.0.0/16' }), { noflush: true });
  const fromNode = evaluate(nf, { from: '192.168.0.10', to: '10.96.0.10', port: 80 }, { localAddresses: ['192.168.0.10'] });
  assert.ok(fromNode.every((b) => b.masquerade && b.mark === 0), 'node traffic is masqueraded and the mark cleared');
  const hairpin = evaluate(nf, { from: '10.244.0.2', to: '10.96.0.10', port: 80 });
  assert.deepEqual(hairpin.map((b) => [b.dst, b.masquerade]).sort(), [['10.244.0.2', true], ['10.244.0.3', false]]);
  assert.deepEqual(toRouteOutcome(evaluate(nf, { from: '10.244.0.9', to: '192.168.0.10', port: 30000 }, { localAddresses: ['192.168.0.10'] })), { verdict: 'unchanged' });
});
