// PLACEHOLDER entry of the webview browser bundle (dist/webview/main.js). The real webview code replaces it.
declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

const vscodeApi = acquireVsCodeApi();
window.addEventListener('DOMContentLoaded', () => vscodeApi.postMessage({ type: 'ready' }));
