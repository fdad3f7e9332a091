// The webviews' HTML shell and Content Security Policy (the console panel's and the network topology's). Pure
// (no vscode import) so the policy is unit-tested.
//
// Policy: nothing by default; scripts only with this load's nonce (the bundle is one nonce-tagged <script src>, no
// inline script); styles from the extension's own files (dist/webview/*.css) or nonce-tagged. The toolkit
// (FAST) creates one <style> element to probe :focus-visible: it tags it with the nonce it finds in
// <meta property="csp-nonce">, so no 'unsafe-inline' is needed. Everything else it styles goes through
// constructable stylesheets (adoptedStyleSheets), which CSP does not gate, and ANSI colours are set through the
// CSSOM (element.style.color), which CSP does not gate either. No img/font/connect/frame source at all.
import { randomBytes } from 'node:crypto';

export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, (c) => ({ '+': '-', '/': '_', '=': '' })[c] ?? '');
}

export interface ShellOptions {
  /** webview.cspSource */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** The page's <title>. */
  title: string;
  /** body[data-view]: which webview this is (the UI tests find its frame by it). */
  view: string;
  /** html[lang]: VS Code's display language (vscode.env.language), e.g. "zh-cn". */
  lang: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `base-uri 'none'`,
    `form-action 'none'`,
  ].join('; ');
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The page carries no data at all: names, logs, the topology and everything else arrive by postMessage after the
 * webview says `ready`, and are put into the DOM as text.
 */
export function webviewHtml(o: ShellOptions): string {
  return `<!DOCTYPE html>
<html lang="${attr(o.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(o.cspSource, o.nonce))}">
<meta property="csp-nonce" content="${attr(o.nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${attr(o.nonce)}" href="${attr(o.styleUri)}">
<title>${attr(o.title)}</title>
</head>
<body data-view="${attr(o.view)}">
<main id="app" aria-busy="true"></main>
<script nonce="${attr(o.nonce)}" src="${attr(o.scriptUri)}"></script>
</body>
</html>`;
}
