// nv-ipam allocation for fresh pools (dpf.md §7), including its worked example.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocatePool, gatewayForPrefix, IpamError, podAddress, parseIpv4, type DpuServiceIpam } from '../../../plugin/per-dpu/ipam.js';

const nodes = (...names: string[]) => names.map((name) => ({ name, labels: { role: name.startsWith('x') ? 'other' : 'dpu' } }));

test('dpf.md §7 worked example: HBN pool1 and loopback, nodes a < b', () => {
  const pool1: DpuServiceIpam = { name: 'pool1', namespace: 'dpf', ipv4Network: { network: '10.0.120.0/22', prefixSize: 29, gatewayIndex: 3 } };
  const loopback: DpuServiceIpam = { name: 'loopback', namespace: 'dpf', ipv4Network: { network: '11.0.0.0/24', prefixSize: 32 } };
  const p = allocatePool(pool1, nodes('b', 'a')); // input order does not matter: sorted by name
  assert.equal(p.get('a')!.network, '10.0.120.0/29');
  assert.equal(p.get('a')!.gateway, '10.0.120.3');
  assert.equal(p.get('b')!.network, '10.0.120.8/29');
  assert.equal(p.get('b')!.gateway, '10.0.120.11');
  assert.deepEqual(podAddress(p.get('a')!, { allocateDefaultGateway: true }), { ip: '10.0.120.3', cidr: '10.0.120.3/29', prefixlen: 29, gateway: '10.0.120.3' });
  const l = allocatePool(loopback, nodes('a', 'b'));
  assert.deepEqual(podAddress(l.get('a')!, {}), { ip: '11.0.0.0', cidr: '11.0.0.0/32', prefixlen: 32, gateway: '' });
  assert.equal(podAddress(l.get('b')!, {}).ip, '11.0.0.1');
});

test('CIDRPool: static allocations are reserved, fully excluded prefixes skipped, nodeSelector applied', () => {
  const ipam: DpuServiceIpam = {
    name: 'p', namespace: 'n',
    ipv4Network: { network: '10.0.0.0/24', prefixSize: 31, exclusions: ['10.0.0.2', '10.0.0.3'], allocations: { c: '10.0.0.0/31' } },
    nodeSelector: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'role', operator: 'In', values: ['dpu'] }], matchFields: [] }] },
  };
  const p = allocatePool(ipam, nodes('a', 'b', 'c', 'xray'));
  assert.equal(p.get('c')!.network, '10.0.0.0/31');
  assert.equal(p.get('a')!.network, '10.0.0.4/31'); // .0 reserved for c, .2/31 fully excluded
  assert.equal(p.get('b')!.network, '10.0.0.6/31');
  assert.equal(p.has('xray'), false);
  assert.equal(podAddress(p.get('a')!, { allocateIPWithIndex: 1 }).ip, '10.0.0.5');
});

test('CIDRPool: exhaustion and bad specs are IpamErrors', () => {
  const small: DpuServiceIpam = { name: 's', namespace: 'n', ipv4Network: { network: '10.0.0.0/30', prefixSize: 31 } };
  assert.throws(() => allocatePool(small, nodes('a', 'b', 'c')), (e: unknown) => e instanceof IpamError && e.node === 'c');
  assert.throws(() => allocatePool({ name: 'x', namespace: 'n', ipv4Network: { network: '10.0.0.0/24', prefixSize: 8 } }, nodes('a')), IpamError);
});

test('gateway index rules', () => {
  const base = parseIpv4('10.0.0.0')!;
  assert.equal(gatewayForPrefix(base, 24, undefined), '');
  assert.equal(gatewayForPrefix(base, 24, 0), '');
  assert.equal(gatewayForPrefix(base, 24, 1), '10.0.0.1');
  assert.equal(gatewayForPrefix(base, 24, 255), ''); // the broadcast address
  assert.equal(gatewayForPrefix(base, 31, 0), '10.0.0.0');
  assert.equal(gatewayForPrefix(base, 32, 1), '');
});

test('IPPool: blocks from subnet+1 by node name, shared gateway, no broadcast', () => {
  const ipam: DpuServiceIpam = { name: 'sub', namespace: 'n', ipv4Subnet: { subnet: '192.168.0.0/28', gateway: '192.168.0.1', perNodeIPCount: 4 } };
  const p = allocatePool(ipam, nodes('b', 'a', 'c'));
  assert.deepEqual([p.get('a')!.rangeStart, p.get('a')!.rangeEnd], ['192.168.0.1', '192.168.0.4']);
  assert.deepEqual([p.get('c')!.rangeStart, p.get('c')!.rangeEnd], ['192.168.0.9', '192.168.0.12']);
  assert.equal(podAddress(p.get('a')!, {}).ip, '192.168.0.2'); // the gateway is skipped
  assert.equal(podAddress(p.get('b')!, {}).cidr, '192.168.0.5/28');
  assert.throws(() => allocatePool(ipam, nodes('a', 'b', 'c', 'd')), IpamError); // .13-.16 would reach broadcast
  const ones: DpuServiceIpam = { name: 'one', namespace: 'n', ipv4Subnet: { subnet: '10.1.0.0/24', gateway: '10.1.0.1', perNodeIPCount: 1 } };
  assert.equal(allocatePool(ones, nodes('a')).get('a')!.rangeStart, '10.1.0.2'); // blocks of one skip the gateway
});
