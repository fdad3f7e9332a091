// The webview shell: a strict Content Security Policy with a fresh nonce, no inline script, no data in the page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentSecurityPolicy, makeNonce, webviewHtml } from '../../../src/core/webviewHtml';

test('nonces are random, long and attribute-safe', () => {
  const a = makeNonce();
  const b = makeNonce();
  assert.notEqual(a, b);
  assert.match(a, /^[A-Za-z0-9_-]{24}$/);
});

test('the policy: nothing by default, scripts by nonce only, no unsafe-inline or eval anywhere', () => {
  const csp = contentSecurityPolicy('https://*.vscode-cdn.net', 'N0NCE');
  assert.match(csp, /^default-src 'none'; /);
  assert.match(csp, /script-src 'nonce-N0NCE'(;|$)/);
  assert.match(csp, /style-src https:\/\/\*\.vscode-cdn\.net 'nonce-N0NCE'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|connect-src|img-src|frame-src|\*;|\bhttp:/);
});

test('the page: one nonce-tagged script, the CSP meta first, the toolkit\'s csp-nonce meta, no inline script', () => {
  const html = webviewHtml({
    title: 'Instance <console>', view: 'openstack-console', lang: 'zh-cn', cspSource: 'https://x.vscode-cdn.net', nonce: 'N0NCE',
    scriptUri: 'https://x.vscode-cdn.net/dist/webview/main.js', styleUri: 'https://x.vscode-cdn.net/dist/webview/main.css?a=1&b="2"',
  });
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1);
  assert.match(scripts[0][1], /nonce="N0NCE" src="https:\/\/x\.vscode-cdn\.net\/dist\/webview\/main\.js"/);
  assert.equal(scripts[0][2], '');
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<link'));
  assert.match(html, /<meta property="csp-nonce" content="N0NCE">/);
  assert.match(html, /href="https:\/\/x\.vscode-cdn\.net\/dist\/webview\/main\.css\?a=1&amp;b=&quot;2&quot;"/);
  assert.doesNotMatch(html, /\son\w+=/);
  assert.match(html, /<title>Instance &lt;console&gt;<\/title>/);
  assert.match(html, /<body data-view="openstack-console">/);
  assert.match(html, /<html lang="zh-cn">/, "the page's language is VS Code's display language");
});
