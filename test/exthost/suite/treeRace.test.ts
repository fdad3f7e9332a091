/// <reference types="mocha" />
// The tree under a user who clicks faster than the cloud answers: expand, collapse, Refresh, polls, Load more…
// and project refreshes interleaved at random (seeded; OPENSTACK_TREE_SEED replays a run) in the real workbench,
// on routers made for the test in the demo project. Whenever the tree has settled, the workbench shows the
// category's rows exactly as the API lists them (as far as the pages loaded reach), and it has shown no error.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { OpenStackExplorerApi } from '../../../src/extension';
import { explorerApi } from './api';
import type { ExplorerNode } from '../../../src/ui/tree/node';
import type { OpenStackClient } from '../../../src/openstack/client';
import type { Router } from '../../../src/openstack/networkModels';
import { label, treeQueries } from './treeQueries';

const STEPS = 200;
const ROUTERS = 4;   // the demo project's router quota (10) is shared with other suites
const PAGE_SIZE = 2;
const seed = Number(process.env.OPENSTACK_TREE_SEED) || Date.now() % 1_000_000;
const tag = `fix-tree-${Date.now() % 100000}`;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A small linear congruential generator: the same seed replays the same steps. */
function random(start: number): () => number {
  let state = start >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Error toasts the workbench has shown so far (test/exthost/run.mjs records them). */
function errorToasts(): string[] {
  const file = process.env.OPENSTACK_EXTHOST_TOASTS;
  assert.ok(file, 'OPENSTACK_EXTHOST_TOASTS is not set: run the suite with npm run test:exthost, which records the workbench\'s toasts');
  const toasts = JSON.parse(readFileSync(file, 'utf8')) as { severity: string; message: string }[];
  return toasts.filter((t) => t.severity === 'error').map((t) => t.message);
}

const OPS = ['expand', 'expand', 'expand', 'collapse', 'refresh', 'refresh', 'refresh', 'poll', 'poll', 'loadMore', 'loadMore', 'loadMore',
  'refreshProject', 'refreshProject', 'sleep', 'sleep', 'check', 'check'] as const;
type Op = typeof OPS[number];

describe('Explorer tree under interleaved expand, refresh, poll, Load more and collapse', function () {
  this.timeout(900_000);
  let api: OpenStackExplorerApi;
  let client: OpenStackClient;
  const routerIds: string[] = [];
  const { children, child } = treeQueries(() => api);
  const routersCategory = async () => child(await child(await child(undefined, 'devcloud'), 'demo'), 'Routers');

  before(async () => {
    api = await explorerApi();
    client = await api.registry.client('devcloud');
    for (let i = 0; i < ROUTERS; i++) routerIds.push((await client.network.createRouter({ name: `${tag}-r${i}` })).id);
    await vscode.workspace.getConfiguration('openstack').update('pageSize', PAGE_SIZE, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('openstack').update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    for (const id of routerIds) await client.network.deleteRouter(id).catch(() => undefined);
    api?.explorer.refreshAll();
  });

  it(`keeps the rows equal to the API's list and shows no error (seed ${seed}, ${STEPS} steps; OPENSTACK_TREE_SEED=${seed} replays it)`, async () => {
    const view = api.view;
    const next = random(seed);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
    const errorsBefore = errorToasts().length;
    const pending: Promise<unknown>[] = [];
    const log: string[] = [];
    let expanded = false;
    const categoryId = (await routersCategory()).id;
    const watchExpansion = [
      view.onDidExpandElement((e) => { if (e.element.id === categoryId) expanded = true; }),
      view.onDidCollapseElement((e) => { if (e.element.id === categoryId) expanded = false; }),
    ];

    /** The element the view holds for NODE's id (the view's own object, whatever object NODE is). */
    async function inView(node: ExplorerNode, focus = false): Promise<ExplorerNode | undefined> {
      await view.reveal(node, { select: true, focus, expand: false });
      for (let i = 0; i < 40; i++) {
        if (view.selection[0]?.id === node.id) return view.selection[0];
        await sleep(50);
      }
      return undefined;
    }
    async function viewCategory(): Promise<ExplorerNode> {
      const category = await routersCategory();
      const held = await inView(category, true);
      assert.ok(held, `step log: ${log.join(' ')}\nthe view does not show the Routers category`);
      return held;
    }
    /** Half the time the step does not wait for what it started: the next step runs alongside it. */
    async function later(work: Thenable<unknown>): Promise<void> {
      if (next() < 0.5) pending.push(Promise.resolve(work));
      else await work;
    }

    async function step(op: Op): Promise<void> {
      switch (op) {
        case 'expand': return later(view.reveal(await viewCategory(), { select: false, focus: false, expand: true }));
        case 'collapse': {
          await viewCategory();   // focused and selected: list.collapse acts on it
          return later(vscode.commands.executeCommand('list.collapse'));
        }
        case 'refresh': return later(vscode.commands.executeCommand('openstack.refresh', await viewCategory()));
        case 'poll': api.explorer.poller.watch(await viewCategory() as never, true); return;
        case 'loadMore': {
          if (!expanded) return;
          const rows = await children(await viewCategory());
          const more = rows.at(-1);
          if (!more || label(more) !== 'Load more…') return;
          const held = await inView(more);
          if (held) return later(vscode.commands.executeCommand('openstack.loadMore', held));
          return;
        }
        case 'refreshProject': {
          const project = await inView(await child(await child(undefined, 'devcloud'), 'demo'));
          if (project) return later(vscode.commands.executeCommand('openstack.refresh', project));
          return;
        }
        case 'sleep': return sleep(Math.floor(next() * 1000));
        case 'check': return check();
      }
    }

    /** Waits for what was started, the poller and the view's debounce, then compares the view with the API. */
    async function check(): Promise<void> {
      await Promise.allSettled(pending.splice(0));
      let category = await viewCategory();
      for (let i = 0; i < 100 && api.explorer.poller.isWatching(category as never); i++) await sleep(100);
      await sleep(400);
      category = await viewCategory();
      const where = `after step ${log.length} (seed ${seed}); steps: ${log.join(' ')}`;
      assert.deepEqual(errorToasts().slice(errorsBefore), [], `error shown ${where}`);
      if (!expanded) return;
      const rows = (await children(category)).filter((r) => label(r) !== 'Load more…');
      const listed: Router[] = await client.network.routers({ byName: true } as never).toArray();
      const positions = rows.map((r) => listed.findIndex((a) => r.id.endsWith(`/${a.id}`))).filter((i) => i >= 0);
      const reach = positions.length ? Math.max(...positions) : -1;
      const ours = (names: string[]) => names.filter((n) => n.startsWith(`${tag}-`));
      const expected = ours(listed.slice(0, reach + 1).map((r) => r.name));
      assert.deepEqual(ours(rows.map(label)), expected, `rows ${where}`);
      const more = (await children(category)).some((r) => label(r) === 'Load more…');
      assert.equal(category.treeItem().description, `${rows.length}${more ? '+' : ''}`, `count ${where}`);
      // the workbench itself holds each of those rows (a failed fetch leaves it without them)
      for (const row of rows.filter((r) => label(r).startsWith(`${tag}-`))) {
        assert.ok(await inView(row), `the view does not show ${label(row)} ${where}`);
      }
    }

    try {
      await vscode.commands.executeCommand('workbench.view.extension.openstack');
      const project = await inView(await child(await child(undefined, 'devcloud'), 'demo'));
      assert.ok(project, 'the view shows the demo project');
      await vscode.commands.executeCommand('openstack.refresh', project);   // categories with the test's page size
      for (let i = 0; i < STEPS; i++) {
        const op = pick(OPS);
        log.push(op);
        await step(op);
      }
      await check();
    } finally {
      for (const d of watchExpansion) d.dispose();
    }
  });
});
