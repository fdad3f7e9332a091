// Opening a console URL in the browser exactly as nova gave it, when it is an http(s) URL.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { Log } from '../context/log';
import { redactUrl } from '../openstack/errors';

/**
 * vscode.Uri.toString() percent-encodes `=` and `?` inside a query, so nova's noVNC URL
 * `…/vnc_auto.html?path=%3Ftoken%3D…` would reach the browser as `?path%3D%3Ftoken…` and noVNC would find no
 * `path`. openExternal also takes the URL string itself (the extension host's openUri keeps a string verbatim and
 * the workbench opens that string when it parses to the same URI), so a URL that does not survive the round trip
 * is passed as the string.
 */
export function openExternalUrl(url: string, log?: Log): Thenable<boolean> {
  // the URL comes from the cloud: a file:, command: or vscode: URL must not reach openExternal
  const scheme = URL.canParse(url) ? new URL(url).protocol : '';
  if (scheme !== 'http:' && scheme !== 'https:') {
    throw new Error(l10n.t('The cloud answered with a console URL that is not http or https ({0}): it was not opened.', redactUrl(url).slice(0, 80)));
  }
  log?.info(`opening ${redactUrl(url)} in the browser`);
  const uri = vscode.Uri.parse(url, true);
  return vscode.env.openExternal(uri.toString() === url ? uri : (url as unknown as vscode.Uri));
}
