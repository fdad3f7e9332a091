// Driving MultiStepInput through the workbench's real quick input: each prompt is awaited as it is shown,
// never guessed with a fixed sleep, so a slow step (e.g. loading choices) cannot be skipped by a keystroke.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { MultiStepInput } from '../../../src/ui/multiStep';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type Prompt = vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>;

/** Records the prompts MultiStepInput shows (this bundle's copy, which the collect functions here use). */
export function spyPrompts() {
  const prompts: Prompt[] = [];
  const proto = MultiStepInput.prototype as unknown as { ask: (prompt: Prompt, listen: unknown) => Promise<unknown> };
  const ask = proto.ask;
  proto.ask = function (this: unknown, prompt: Prompt, listen: unknown) {
    prompts.push(prompt);
    return ask.call(this, prompt, listen);
  };
  /** The COUNTth prompt, once the workbench shows it (show() reaches the renderer a moment after ask() ran). */
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

export const accept = () => vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
