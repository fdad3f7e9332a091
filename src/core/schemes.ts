// The URI schemes of the extension's read-only virtual documents. The activation shell (src/extension.ts)
// registers a placeholder provider for each before main.js loads: an editor of one of them that VS Code restores
// at startup asks for its text right away.
export const INSPECT_SCHEME = 'openstack-inspect';
export const CONSOLE_LOG_SCHEME = 'openstack-console-log';
export const DOCUMENT_SCHEMES: readonly string[] = [INSPECT_SCHEME, CONSOLE_LOG_SCHEME];
