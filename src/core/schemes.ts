// The URI schemes of the extension's read-only virtual documents. The activation shell (src/extension.ts)
// registers a placeholder provider for each before main.js loads: an editor of one of them that VS Code restores
// at startup asks for its text right away.
export const INSPECT_SCHEME = 'openstack-inspect';
export const CONSOLE_LOG_SCHEME = 'openstack-console-log';
export const DOCUMENT_SCHEMES: readonly string[] = [INSPECT_SCHEME, CONSOLE_LOG_SCHEME];

/** Swift objects in the editor (src/features/objectStorage/swiftFileSystem.ts): swift://<cloud>/<project-id>/<container>/<object>. */
export const SWIFT_SCHEME = 'swift';
/**
 * The schemes of the extension's file systems. The shell registers a placeholder provider for each (and
 * package.json's onFileSystem activation event): an editor restored at startup reads its file at once.
 */
export const FILE_SYSTEM_SCHEMES: readonly string[] = [SWIFT_SCHEME];
