// The message bundle of VS Code's display language. Every layer translates with l10n.t of '@vscode/l10n' (the
// client and the pure models cannot import vscode); this feeds it, once, with the bundle VS Code picked
// (l10n/bundle.l10n.<language>.json; undefined in English), and hands the same bundle to the webviews, whose
// pages translate with the same messages.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

export type MessageBundle = Record<string, string>;

// eslint-disable-next-line no-restricted-properties -- the one place that reads VS Code's bundle
const bundleOfVscode = (): MessageBundle => (vscode.l10n.bundle ?? {}) as MessageBundle;

/** Called first in activate(): l10n.t answers in the display language from then on. */
export function configureL10n(): void {
  l10n.config({ contents: bundleOfVscode() });
}

/** What a webview page passes to its own l10n.config: the same translations (empty in English). */
export function webviewBundle(): MessageBundle {
  return bundleOfVscode();
}
