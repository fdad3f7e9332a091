// What a selection lights up, and where the arrow keys go.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildGraph, type TopologyData } from '../../../src/features/topology/model/graph';
import { layoutGraph, type TopologyView } from '../../../src/features/topology/model/layout';
import { neighbour, type Direction } from '../../../src/features/topology/model/navigation';
import { highlightOf } from '../../../src/features/topology/model/path';
import { exercise, floatingIp, router, withDbNetwork } from './exercise';

const view = (data: TopologyData) => layoutGraph(buildGraph(data));
const lit = (v: TopologyView, id: string) => {
  const h = highlightOf(v.links, v.nodes.find((n) => n.id === id)!);
  return { nodes: [...h.nodes].sort(), links: [...h.links].sort() };
};

test('an instance: the way from outside through every NIC, its floating IP included', () => {
  assert.deepEqual(lit(view(withDbNetwork()), 'instance:vm1-id'), {
    nodes: ['external:public-id', 'floatingIp:fip1', 'instance:vm1-id', 'network:db-id', 'network:private-id', 'router:r1-id', 'router:r2-id'],
    links: ['floating:fip1', 'gateway:r1-id', 'gateway:r2-id', 'interface:ri-r1-id-private-subnet-id:private-subnet-id', 'interface:ri-r2-id-db-subnet-id:db-subnet-id', 'port:p-db:10.1.0.5', 'port:port-vm1-id:10.0.0.5'],
  });
});

test('a floating IP: the way through the address it reaches only (FIP → router → subnet → port → instance)', () => {
  assert.deepEqual(lit(view(withDbNetwork()), 'floatingIp:fip1'), {
    nodes: ['external:public-id', 'floatingIp:fip1', 'instance:vm1-id', 'network:private-id', 'router:r1-id'],
    links: ['floating:fip1', 'gateway:r1-id', 'interface:ri-r1-id-private-subnet-id:private-subnet-id', 'port:port-vm1-id:10.0.0.5'],
  });
});

test('a broken way lights up to where it breaks: the router\'s missing gateway and the missing floating IP', () => {
  const data = exercise();
  data.routers = [router('r1-id', 'r1')];
  data.floatingIps = [floatingIp('fip1', '203.0.113.5', null, null)];
  const v = view(data);
  assert.deepEqual(lit(v, 'instance:vm2-id'), {
    nodes: ['instance:vm2-id', 'network:private-id', 'router:r1-id'],
    links: ['floating:none:vm2-id', 'gateway:r1-id', 'interface:ri-r1-id-private-subnet-id:private-subnet-id', 'port:port-vm2-id:10.0.0.6'],
  });
  assert.deepEqual(lit(v, 'floatingIp:fip1'), { nodes: ['floatingIp:fip1'], links: ['floating:fip1'] });
});

test('any other node: its links and their other ends', () => {
  assert.deepEqual(lit(view(exercise()), 'router:r1-id'), {
    nodes: ['external:public-id', 'network:private-id', 'router:r1-id'],
    links: ['gateway:r1-id', 'interface:ri-r1-id-private-subnet-id:private-subnet-id'],
  });
});

test('arrow keys: up and down within a column, left and right to the nearest node of the next column that has any', () => {
  const data = exercise();
  data.floatingIps = [];
  const v = view(data);
  const go = (from: string, direction: Direction) => neighbour(v.nodes, v.nodes.find((n) => n.id === from)!, direction)?.id;
  assert.equal(go('instance:vm1-id', 'down'), 'instance:vm2-id');
  assert.equal(go('instance:vm2-id', 'down'), undefined);
  assert.equal(go('instance:vm2-id', 'up'), 'instance:vm1-id');
  assert.equal(go('instance:vm2-id', 'left'), 'network:private-id');
  assert.equal(go('network:private-id', 'left'), 'router:r1-id');
  assert.equal(go('external:public-id', 'left'), undefined);
  assert.equal(go('instance:vm1-id', 'right'), undefined, 'no floating IP column: the edge');
  assert.equal(go('router:r1-id', 'right'), 'network:private-id');
});
