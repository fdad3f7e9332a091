// Quick picks of values: items that carry what they stand for, unusable ones listed with their reason and refused,
// and the one-off pick a palette command makes when it got no tree node.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { pagesOf, type Listing } from '../openstack/listing';
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
  const unusable = items.filter((i) => i.unusable).map(marked);
  return unusable.length ? [...usable, separator<T>(heading), ...unusable] : usable;
}

/** ITEM as listed: when unusable, greyed out with its reason as the detail. */
function marked<T>(item: Item<T>): Item<T> {
  return item.unusable ? { ...item, iconPath: new vscode.ThemeIcon('circle-slash'), detail: item.unusable } : item;
}

/**
 * A quick pick that refuses unusable items: choosing one shows its reason, and the pick stays open. MORE: further
 * items still being read, added as they come.
 */
export async function pickUsable<T>(input: MultiStepInput, placeholder: string, items: Item<T>[], active?: (value: T) => boolean, more?: AsyncIterator<Item<T>[]>): Promise<T> {
  // rows a pick shows never move while more come (the workbench answers with the position of the row chosen): a
  // list still growing marks its unusable items where they are, a whole one groups them below the usable ones
  const shown = more ? items.map(marked) : withUnusable(items);
  const chosen = await input.quickPick({
    placeholder,
    items: shown,
    more: more && appended(shown, more),
    active: shown.find((i) => !i.unusable && i.value !== undefined && !!active?.(i.value)) ?? shown.find((i) => !i.unusable && i.kind !== vscode.QuickPickItemKind.Separator),
    matchOnDescription: true,
    matchOnDetail: true,
    refuse: (i) => (i.unusable || i.value === undefined ? l10n.t('{0} cannot be used: {1}', i.label, i.unusable ?? l10n.t('pick another')) : undefined),
  });
  return chosen.value as T;
}

/** SHOWN with each batch of MORE added below it: the whole list again after each. */
async function* appended<T>(shown: Item<T>[], more: AsyncIterator<Item<T>[]>): AsyncGenerator<Item<T>[]> {
  const all = [...shown];
  for (let next = await more.next(); !next.done; next = await more.next()) {
    if (!next.value.length) continue;
    all.push(...next.value.map(marked));
    yield [...all];
  }
}

/** There is nothing to act on (no servers, no key pairs): the command wrapper says so as information, not as an error. */
export class NothingToPick extends Error {
  override readonly name = 'NothingToPick';
}

/** What a pick lists: the whole list at once, or batches as they are read (a paged list: see pagesOf). */
export type ItemSource<T> = (signal: AbortSignal) => Promise<Item<T>[]> | AsyncIterable<Item<T>[]>;

/** What LISTING lists, a page at a time (see pagesOf), each made an item by TOITEM; those it returns undefined for are left out. */
export function pagedItems<R, T>(listing: () => Listing<R>, toItem: (r: R) => Item<T> | undefined): ItemSource<T> {
  return async function* pages(signal) {
    for await (const page of pagesOf(listing(), signal)) yield page.flatMap((r) => toItem(r) ?? []);
  };
}

/**
 * The one-off pick of a palette command that got no tree node; EMPTY is said (NothingToPick) when LOAD finds nothing.
 * A LOAD that comes in batches opens the pick with the first batch that has items and adds the others as they
 * come (the pick busy meanwhile): a project of thousands shows its first choices after one request. Closing the
 * pick stops the reading.
 */
export async function pickOne<T>(title: string, placeholder: string, load: ItemSource<T>, empty: string): Promise<T> {
  const controller = new AbortController();
  try {
    const { first, rest } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: l10n.t('{0}: loading…', title) },
      () => firstOf(load(controller.signal)));
    if (!first.length) throw new NothingToPick(empty);
    let value: T | undefined;
    await runFlow(title, undefined, [{ ask: async (input) => { value = await pickUsable(input, placeholder, first, undefined, rest); } }]);
    return value!;
  } finally {
    controller.abort();
  }
}

/** The first batch of SOURCE that has items (empty when none has) and, when it comes in batches, the rest to read. */
async function firstOf<T>(source: Promise<T[]> | AsyncIterable<T[]>): Promise<{ first: T[]; rest?: AsyncIterator<T[]> }> {
  if (!(Symbol.asyncIterator in source)) return { first: await source };
  const rest = source[Symbol.asyncIterator]();
  for (let next = await rest.next(); !next.done; next = await rest.next()) if (next.value.length) return { first: next.value, rest };
  return { first: [] };
}
