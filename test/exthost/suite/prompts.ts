// Watching the multi-step prompts a command shows, in extension-host tests that drive the real quick input.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { MultiStepInput } from '../../../src/commands/multiStep';

type Prompt = vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Records the prompts MultiStepInput shows (this bundle's copy, which the collect functions of the tests use). */
export function spyPrompts() {
  const prompts: Prompt[] = [];
  const proto = MultiStepInput.prototype as unknown as { ask: (prompt: Prompt, listen: unknown) => Promise<unknown> };
  const ask = proto.ask;
  proto.ask = function (this: unknown, prompt: Prompt, listen: unknown) {
    prompts.push(prompt);
    return ask.call(this, prompt, listen);
  };
  /** The COUNTth prompt, once the workbench shows it. */
  const when = async (count: number) => {
    for (let i = 0; prompts.length < count; i++) {
      assert.ok(i < 600, `only ${prompts.length} prompts: ${prompts.map((p) => p.title).join(', ')}`);
      await sleep(50);
    }
    await sleep(400);
    return prompts[count - 1];
  };
  return { prompts, when, restore: () => { proto.ask = ask; } };
}
