/**
 * Properties of the rendered rules, checked by walking them with the
 * dataplane over random sets of Services and endpoints (fast-check):
 * - each Service IP:port reaches exactly its ready endpoints, each with the
 *   probability the printed `--probability` values multiply out to (checked
 *   as exact rationals against an oracle written here), which is 1/n up to
 *   the %0.10f rounding, and the shares sum to exactly 1;
 * - a Service with no endpoints is rejected; any other destination is left
 *   unchanged;
 * - chain names equal an independent implementation of kube-proxy's hash;
 * - the same input renders the same bytes, whatever order it comes in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { routeThroughRules } from './dataplane.ts';
import { renderJumpRules, renderServiceRules, type ServicePortInfo } from './service-chains.ts';

const NUM_RUNS = 200;

/** base32 (RFC 4648) the long way: the bytes as one big binary number, read five bits at a time. */
function oracleHash(text: string): string {
  const bytes = createHash('sha256').update(text).digest();
  const bits = [...bytes].map((b) => b.toString(2).padStart(8, '0')).join('');
  let out = '';
  for (let i = 0; i < 80; i += 5) out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[parseInt(bits.slice(i, i + 5), 2)];
  return out.slice(0, 16);
}

/** round(10^10 / k) / 10^10, half up, in BigInt: what `%0.10f` prints for 1/k. */
const printed = (k: number) => (2n * 10n ** 10n + BigInt(k)) / (2n * BigInt(k));

/** Endpoint i of n: reached when rules 0..i-1 missed and rule i hit; as numerator over 10^(10(i+1)). */
function oracleShare(i: number, n: number): { num: bigint; den: bigint } {
  let num = 1n;
  let den = 1n;
  for (let j = 0; j < i; j++) {
    num *= 10n ** 10n - printed(n - j);
    den *= 10n ** 10n;
  }
  if (i < n - 1) {
    num *= printed(n - i);
    den *= 10n ** 10n;
  }
  return { num, den };
}

const ip = (a: number, b: number, c: number, d: number) => `${a}.${b}.${c}.${d}`;
const endpoint = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 2, max: 254 }), fc.constantFrom(80, 8080, 9376)).map(([c, d, p]) => `${ip(10, 244, c, d)}:${p}`);
const servicePort = fc.record({
  protocol: fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const),
  port: fc.integer({ min: 1, max: 65535 }),
  portName: fc.option(fc.constantFrom('http', 'dns', 'p80'), { nil: undefined }),
  endpoints: fc.uniqueArray(endpoint, { maxLength: 7 }),
  affinity: fc.boolean(),
});
const services = fc
  .uniqueArray(fc.tuple(fc.constantFrom('default', 'shop'), fc.constantFrom('web', 'api', 'db', 'cache'), fc.integer({ min: 1, max: 4000 })), {
    minLength: 1,
    maxLength: 5,
    selector: ([ns, name]) => `${ns}/${name}`,
  })
  .chain((names) =>
    fc.tuple(
      fc.constant(names),
      fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 20 - 2 }), { minLength: names.length, maxLength: names.length }),
      fc.array(servicePort, { minLength: names.length, maxLength: names.length }),
    ),
  )
  .map(([names, ipIndexes, ports]): ServicePortInfo[] =>
    names.map(([ns, name], i) => {
      const sp = ports[i]!;
      const n = 0x0a600000 + ipIndexes[i]!; // 10.96.0.0/12
      return {
        name: sp.portName ? `${ns}/${name}:${sp.portName}` : `${ns}/${name}`,
        protocol: sp.protocol,
        clusterIP: ip(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255),
        port: sp.port,
        endpoints: sp.endpoints,
        ...(sp.affinity ? { affinitySeconds: 10800 } : {}),
      };
    }),
  );

const OPTIONS = { clusterCIDR: '10.244.0.0/16' };
const FROM_POD = '10.244.9.9';

test(`every Service IP:port reaches exactly its ready endpoints, 1/n each as printed (numRuns ${NUM_RUNS})`, () => {
  let portsChecked = 0;
  fc.assert(
    fc.property(services, (ports) => {
      const rules = renderServiceRules(ports, OPTIONS);
      for (const sp of ports) {
        portsChecked++;
        const got = routeThroughRules([renderJumpRules(), rules], { from: FROM_POD, to: sp.clusterIP, port: sp.port, protocol: sp.protocol });
        const want = [...sp.endpoints].sort();
        if (want.length === 0) {
          assert.deepEqual(got, { verdict: 'rejected' });
          continue;
        }
        assert.equal(got.verdict, 'dnat');
        if (got.verdict !== 'dnat') return;
        assert.deepEqual(got.destinations.map((d) => `${d.ip}:${d.port}`).sort(), want, `${sp.name} reaches other endpoints than its own`);
        let total = { num: 0n, den: 1n };
        const n = want.length;
        want.forEach((ep, i) => {
          const d = got.destinations.find((x) => `${x.ip}:${x.port}` === ep)!;
          const o = oracleShare(i, n);
          assert.equal(d.probability.num * o.den, o.num * d.probability.den, `${ep}: ${d.probability.num}/${d.probability.den} is not the product of the printed probabilities`);
          // |p - 1/n| <= n * 0.5e-10: only the %0.10f rounding separates it from 1/n.
          const diff = d.probability.num * BigInt(n) * 2n * 10n ** 10n - d.probability.den * 2n * 10n ** 10n;
          assert.ok((diff < 0n ? -diff : diff) <= BigInt(n * n) * d.probability.den, `${ep} gets ${d.probability.num}/${d.probability.den}, not 1/${n}`);
          total = { num: total.num * d.probability.den + d.probability.num * total.den, den: total.den * d.probability.den };
        });
        assert.equal(total.num, total.den, `${sp.name}: the shares do not add up to exactly 1`);
      }
    }),
    { numRuns: NUM_RUNS },
  );
  assert.ok(portsChecked >= NUM_RUNS);
});

test(`no destination other than a Service IP:port is rewritten (numRuns ${NUM_RUNS})`, () => {
  fc.assert(
    fc.property(services, fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 65535 })), (ports, [n, port]) => {
      const to = ip(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
      fc.pre(!ports.some((sp) => sp.clusterIP === to && sp.port === port));
      const rules = renderServiceRules(ports, OPTIONS);
      assert.deepEqual(routeThroughRules([renderJumpRules(), rules], { from: FROM_POD, to, port }), { verdict: 'unchanged' });
      // The right IP with a port the Service does not have is not rewritten either.
      const sp = ports[0]!;
      if (!ports.some((p) => p.clusterIP === sp.clusterIP && p.port === port && p.protocol === sp.protocol)) {
        assert.deepEqual(routeThroughRules([renderJumpRules(), rules], { from: FROM_POD, to: sp.clusterIP, port, protocol: sp.protocol }), { verdict: 'unchanged' });
      }
    }),
    { numRuns: NUM_RUNS },
  );
});

test(`chain names equal an independent implementation of kube-proxy's hash (numRuns ${NUM_RUNS})`, () => {
  assert.equal(oracleHash('ns1/svc1:p80tcp'), 'XPGD46QRK7WJZT7O');
  fc.assert(
    fc.property(services, (ports) => {
      const rules = renderServiceRules(ports, OPTIONS);
      const declared = new Set(rules.split('\n').filter((l) => l.startsWith(':KUBE-SVC-') || l.startsWith(':KUBE-SEP-')).map((l) => l.slice(1, l.indexOf(' '))));
      const expected = new Set<string>();
      for (const sp of ports) {
        if (sp.endpoints.length === 0) continue;
        const proto = sp.protocol.toLowerCase();
        expected.add(`KUBE-SVC-${oracleHash(sp.name + proto)}`);
        for (const ep of sp.endpoints) expected.add(`KUBE-SEP-${oracleHash(sp.name + proto + ep)}`);
      }
      assert.deepEqual([...declared].sort(), [...expected].sort());
    }),
    { numRuns: NUM_RUNS },
  );
});

test(`the same Services render the same bytes, in any order (numRuns ${NUM_RUNS})`, () => {
  fc.assert(
    fc.property(services, fc.infiniteStream(fc.nat()), (ports, seeds) => {
      const once = renderServiceRules(ports, OPTIONS);
      const shuffled = [...ports].reverse().map((sp) => ({ ...sp, endpoints: [...sp.endpoints].sort(() => (seeds.next().value % 3) - 1) }));
      assert.equal(renderServiceRules(shuffled, OPTIONS), once);
      assert.equal(renderServiceRules(structuredClone(ports), OPTIONS), once);
    }),
    { numRuns: NUM_RUNS },
  );
});
