// What the extension's webview panels (the instance console, the network topology) share on the host side: their
// options, their page (the HTML shell with its nonce and Content Security Policy, loading one bundle of
// dist/webview), and what is done with each message of the page: the protocol's guard first (a page is a
// browser frame: its messages are untrusted input), a malformed one logged and dropped, a failure of its
// handling logged and told to the page.
import * as vscode from 'vscode';
import type { Log } from '../context/log';
import { makeNonce, webviewHtml } from '../core/webviewHtml';

/** Scripts on; only the bundle folder may be loaded (dist/webview: each page's .js and .css). */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
}

/** Loads PANEL with the page of BUNDLE (dist/webview/BUNDLE.js and .css); VIEW: its body[data-view]. */
export function loadPage(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, page: { bundle: string; title: string; view: string }): void {
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'openstack.svg');
  const webview = panel.webview;
  const file = (ext: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${page.bundle}.${ext}`)).toString();
  webview.html = webviewHtml({
    title: page.title, view: page.view, lang: vscode.env.language, cspSource: webview.cspSource, nonce: makeNonce(), scriptUri: file('js'), styleUri: file('css'),
  });
}

interface MessageHandling<M extends { type: string }> {
  /** For the log: "console panel". */
  panel: string;
  log: Log;
  isMessage(x: unknown): x is M;
  handle(message: M): Promise<void>;
  /** Tells the page what went wrong. */
  notify(text: string): void;
}

export function onWebviewMessage<M extends { type: string }>(webview: vscode.Webview, h: MessageHandling<M>): vscode.Disposable {
  return webview.onDidReceiveMessage((raw: unknown) => {
    if (!h.isMessage(raw)) {
      // the page's message is untrusted: its type goes into the log quoted and bounded, never as raw lines
      const type = typeof raw === 'object' && raw ? JSON.stringify(String((raw as { type?: unknown }).type).slice(0, 40)) : typeof raw;
      h.log.warn(`${h.panel}: ignored a malformed message from the webview (type ${type})`);
      return;
    }
    void h.handle(raw).catch((err: unknown) => {
      const text = err instanceof Error ? err.message : String(err);
      h.log.error(`${h.panel} (${raw.type}): ${text}`);
      h.notify(text);
    });
  });
}
