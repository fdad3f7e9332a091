/// <reference types="mocha" />
// The multi-step input helper on the real quick input, driven by the workbench's own quick input commands
// (what Enter, the Back button and Escape run).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GoBack, MultiStepInput, type Step } from '../../../src/ui/multiStep';
import { Cancelled } from '../../../src/core/cancelled';
import { spyPrompts } from './prompts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Multi-step input', function () {
  this.timeout(30_000);
  const seen: string[] = [];

  /** Waits until the steps have asked COUNT times and the workbench shows the last prompt, then runs COMMAND. */
  async function when(count: number, command: string): Promise<void> {
    for (let i = 0; seen.length < count; i++) {
      assert.ok(i < 100, `only ${seen.length} prompts: ${seen.join(', ')}`);
      await sleep(50);
    }
    await sleep(300);
    await vscode.commands.executeCommand(command);
  }

  beforeEach(() => {
    seen.length = 0;
  });

  it('goes Back to the previous step showing its answer, then on to the end', async () => {
    const answers = { first: 'alpha', second: 'beta' };
    const second: Step = async (input) => {
      seen.push(`second=${answers.second}`);
      answers.second = await input.inputBox({ prompt: 'Second', value: answers.second });
      return undefined;
    };
    const first: Step = async (input) => {
      seen.push(`first=${answers.first}`);
      answers.first = await input.inputBox({ prompt: 'First', value: answers.first });
      return second;
    };
    const done = MultiStepInput.run('Test', () => 2, first);
    await when(1, 'workbench.action.acceptSelectedQuickOpenItem');
    await when(2, 'workbench.action.quickInputBack');
    await when(3, 'workbench.action.acceptSelectedQuickOpenItem');
    await when(4, 'workbench.action.acceptSelectedQuickOpenItem');
    await done;
    assert.deepEqual(seen, ['first=alpha', 'second=beta', 'first=alpha', 'second=beta']);
  });

  it('refuses Enter while the value is invalid, and rejects with Cancelled on Escape', async () => {
    let accepted = false;
    const done = MultiStepInput.run('Test', () => 1, async (input) => {
      seen.push('only');
      await input.inputBox({ prompt: 'Only', value: 'bad', validate: (v) => (v === 'bad' ? 'not that' : undefined) });
      accepted = true;
      return undefined;
    });
    await when(1, 'workbench.action.acceptSelectedQuickOpenItem');
    await sleep(300);
    assert.equal(accepted, false);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await assert.rejects(done, Cancelled);
  });

  it('returns to the previous step when a step throws GoBack, and picks from a quick pick', async () => {
    let refusals = 0;
    const items = [{ label: 'one' }, { label: 'two' }];
    let picked = '';
    const check: Step = async () => {
      seen.push('check');
      if (refusals++ === 0) throw new GoBack('refused');
      return undefined;
    };
    const done = MultiStepInput.run('Test', () => 2, async (input) => {
      seen.push('pick');
      picked = (await input.quickPick({ placeholder: 'Pick', items, active: items[1] })).label;
      return check;
    });
    await when(1, 'workbench.action.acceptSelectedQuickOpenItem');
    await when(3, 'workbench.action.acceptSelectedQuickOpenItem');
    await done;
    assert.deepEqual(seen, ['pick', 'check', 'pick', 'check']);
    assert.equal(picked, 'two');
  });

  it('adds the items read later, keeping the active one; a failed read keeps what was listed and says why', async () => {
    const spy = spyPrompts();
    try {
      const first = [{ label: 'b' }];
      let release: () => void = () => undefined;
      let fail: (err: Error) => void = () => undefined;
      const more = async function* later() {
        await new Promise<void>((resolve) => { release = resolve; });
        yield [{ label: 'a' }, ...first];
        await new Promise<never>((_resolve, reject) => { fail = reject; });
      };
      let picked = '';
      const done = MultiStepInput.run('Test', () => 1, async (input) => {
        picked = (await input.quickPick({ placeholder: 'Pick', items: first, active: first[0], more: more() })).label;
        return undefined;
      });
      const pick = await spy.when(1) as vscode.QuickPick<vscode.QuickPickItem>;
      assert.equal(pick.busy, true, 'busy while more are read');
      release();
      await settle(() => pick.items.length === 2);
      assert.deepEqual(pick.items.map((i) => i.label), ['a', 'b']);
      assert.deepEqual(pick.activeItems.map((i) => i.label), ['b'], 'the item active before stays active');
      assert.equal(pick.busy, true);
      fail(new Error('Nova: boom (HTTP 503)'));
      await settle(() => !pick.busy);
      assert.equal(pick.placeholder, 'The rest could not be read: Nova: boom (HTTP 503)');
      assert.deepEqual(pick.items.map((i) => i.label), ['a', 'b'], 'what was listed stays');
      await sleep(300);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await done;
      assert.equal(picked, 'b');
    } finally {
      spy.restore();
    }
  });
});

/** Resolves once CHECK holds (within 5 s). */
async function settle(check: () => boolean): Promise<void> {
  for (let i = 0; !check(); i++) {
    assert.ok(i < 250, 'not within 5 s');
    await sleep(20);
  }
}
