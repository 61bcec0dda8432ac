/**
 * Reading kube-proxy's rules back gives the Services and endpoints they
 * were written from, and each backend the share of connections the
 * statistic rules give it: 1/n each, adding up to one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { renderServiceRules, type ServicePortInfo } from '../../proxy/service-chains.ts';
import { proxyRoutes, ruleWords } from './proxy-routes.ts';

describe('reading the rules kube-proxy wrote', () => {
  it('follows a cluster IP to its endpoints with the probability of each rule and the share it gives', () => {
    const payload = renderServiceRules([{ name: 'default/web:http', protocol: 'TCP', clusterIP: '10.96.0.10', port: 80, endpoints: ['10.244.1.2:8080', '10.244.2.2:8080', '10.244.1.3:8080'] }], { clusterCIDR: '10.244.0.0/16' });
    const [web, ...rest] = proxyRoutes(payload);
    assert.equal(rest.length, 0);
    assert.deepEqual({ ...web!, chain: undefined, backends: undefined }, { servicePort: 'default/web:http', clusterIP: '10.96.0.10', port: 80, protocol: 'TCP', chain: undefined, backends: undefined, rejected: false });
    assert.deepEqual(web!.backends.map((b) => [b.endpoint, b.ruleProbability]), [['10.244.1.2:8080', 0.3333333333], ['10.244.1.3:8080', 0.5], ['10.244.2.2:8080', null]]);
    for (const b of web!.backends) assert.ok(Math.abs(b.share - 1 / 3) < 1e-9, `${b.endpoint} gets ${b.share}`);
  });

  it('shows a Service without endpoints as rejected', () => {
    const payload = renderServiceRules([{ name: 'default/empty', protocol: 'TCP', clusterIP: '10.96.0.11', port: 81, endpoints: [] }], {});
    assert.deepEqual(proxyRoutes(payload), [{ servicePort: 'default/empty', clusterIP: '10.96.0.11', port: 81, protocol: 'TCP', backends: [], rejected: true }]);
  });

  it('keeps quoted comments as one word', () => {
    assert.deepEqual(ruleWords('-A X -m comment --comment "a b" -j Y'), ['-A', 'X', '-m', 'comment', '--comment', 'a b', '-j', 'Y']);
  });

  it('gives back every service port and endpoint, each endpoint 1/n of the connections (property)', () => {
    const port = fc.record({
      name: fc.stringMatching(/^[a-z]{1,8}\/[a-z]{1,8}(:[a-z]{1,5})?$/),
      protocol: fc.constantFrom('TCP' as const, 'UDP' as const),
      clusterIP: fc.tuple(fc.nat(255), fc.nat(255)).map(([a, b]) => `10.96.${a}.${b}`),
      port: fc.integer({ min: 1, max: 65535 }),
      endpoints: fc.uniqueArray(fc.tuple(fc.nat(255), fc.integer({ min: 1, max: 65535 })).map(([h, p]) => `10.244.1.${h}:${p}`), { maxLength: 12 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(port, { selector: (p) => p.name, maxLength: 6 }), (ports: ServicePortInfo[]) => {
        const routes = proxyRoutes(renderServiceRules(ports, { clusterCIDR: '10.244.0.0/16' }));
        assert.equal(routes.length, ports.length);
        for (const p of ports) {
          const r = routes.find((x) => x.servicePort === p.name)!;
          assert.deepEqual([r.clusterIP, r.port, r.protocol, r.rejected], [p.clusterIP, p.port, p.protocol, p.endpoints.length === 0]);
          assert.deepEqual(r.backends.map((b) => b.endpoint).sort(), [...p.endpoints].sort());
          for (const b of r.backends) assert.ok(Math.abs(b.share - 1 / p.endpoints.length) < 1e-6);
        }
      }),
      { numRuns: 100 },
    );
  });
});
