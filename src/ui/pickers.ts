// Quick picks of values: items that carry what they stand for, unusable ones listed with their reason and refused,
// and the one-off pick a palette command makes when it got no tree node.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { runFlow } from './flow';
import type { MultiStepInput } from './multiStep';

/** A pick item that carries a value; UNUSABLE says why it cannot be chosen (it is shown, and refused). */
export interface Item<T> extends vscode.QuickPickItem {
  value: T;
  unusable?: string;
}

/** A heading between items; it cannot be picked, so its value is never read. */
export const separator = <T>(text: string): Item<T> => ({ label: text, kind: vscode.QuickPickItemKind.Separator, value: undefined as T });

/** Usable items first, then (under a separator) the unusable ones with their reason. */
export function withUnusable<T>(items: Item<T>[], heading = l10n.t('Cannot be used')): Item<T>[] {
  const usable = items.filter((i) => !i.unusable);
  const unusable = items.filter((i) => i.unusable).map((i) => ({ ...i, iconPath: new vscode.ThemeIcon('circle-slash'), detail: i.unusable }));
  return unusable.length ? [...usable, separator<T>(heading), ...unusable] : usable;
}

/** A quick pick that refuses unusable items: choosing one shows its reason, and the pick stays open. */
export async function pickUsable<T>(input: MultiStepInput, placeholder: string, items: Item<T>[], active?: (value: T) => boolean): Promise<T> {
  const shown = withUnusable(items);
  const chosen = await input.quickPick({
    placeholder,
    items: shown,
    active: shown.find((i) => !i.unusable && i.value !== undefined && !!active?.(i.value)) ?? shown.find((i) => !i.unusable && i.kind !== vscode.QuickPickItemKind.Separator),
    matchOnDescription: true,
    refuse: (i) => (i.unusable || i.value === undefined ? l10n.t('{0} cannot be used: {1}', i.label, i.unusable ?? l10n.t('pick another')) : undefined),
  });
  return chosen.value as T;
}

/** There is nothing to act on (no servers, no key pairs): the command wrapper says so as information, not as an error. */
export class NothingToPick extends Error {
  override readonly name = 'NothingToPick';
}

/** The one-off pick of a palette command that got no tree node; EMPTY is said (NothingToPick) when LOAD finds nothing. */
export async function pickOne<T>(title: string, placeholder: string, load: () => Promise<Item<T>[]>, empty: string): Promise<T> {
  const items = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: l10n.t('{0}: loading…', title) }, load);
  if (!items.length) throw new NothingToPick(empty);
  let value: T | undefined;
  await runFlow(title, undefined, [{ ask: async (input) => { value = await pickUsable(input, placeholder, items); } }]);
  return value!;
}
