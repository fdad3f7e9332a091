// VS Code's proxy settings (the ones the editor's own network features use), for the clouds' clients.
import * as vscode from 'vscode';
import type { ClientExtras } from '../openstack/clientOptions';

export type ProxySettings = Pick<ClientExtras, 'proxy' | 'noProxy' | 'proxyStrictSSL'>;

const SETTINGS = ['http.proxy', 'http.noProxy', 'http.proxyStrictSSL'];

/** `http.proxy` (over the proxy environment variables when set), `http.noProxy` and `http.proxyStrictSSL`. */
export function editorProxy(): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  const proxy = http.get<string>('proxy', '').trim();
  const noProxy = http.get<string[]>('noProxy', []).filter((host) => host.trim());
  return { proxy: proxy || undefined, noProxy: noProxy.length ? noProxy.join(',') : undefined, proxyStrictSSL: http.get<boolean>('proxyStrictSSL', true) };
}

export function affectsProxy(event: vscode.ConfigurationChangeEvent): boolean {
  return SETTINGS.some((setting) => event.affectsConfiguration(setting));
}
