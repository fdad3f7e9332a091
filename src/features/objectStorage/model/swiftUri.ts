// The address of an object in the editor: swift://<cloud>/<project-id>/<container>/<object name>. The cloud is
// the authority (its name as in clouds.yaml or the editor's list), the project is its id (names can be renamed),
// and the object name keeps its slashes, so pseudo-folders read as folders. A path with no object names the
// container; one ending in '/' names a pseudo-folder. Pure: no vscode import.
export { SWIFT_SCHEME } from '../../../core/schemes';

export interface SwiftLocation {
  cloud: string;
  projectId: string;
  container: string;
  /** The object name, or a pseudo-folder's prefix ending in '/', or '' for the container itself. */
  object: string;
}

/** The location a swift: URI's authority and (decoded) path name; undefined when the path lacks a project or container. */
export function parseSwiftPath(authority: string, path: string): SwiftLocation | undefined {
  const [, projectId, container, ...rest] = path.split('/');
  if (!authority || !projectId || !container) return undefined;
  return { cloud: authority, projectId, container, object: rest.join('/') };
}

/** The decoded path of LOCATION, for vscode.Uri.from({ scheme, authority: cloud, path }). */
export function swiftPath(location: Omit<SwiftLocation, 'cloud'>): string {
  return `/${location.projectId}/${location.container}${location.object ? `/${location.object}` : ''}`;
}

/** Whether LOCATION names a container or pseudo-folder rather than an object. */
export function isFolder(location: SwiftLocation): boolean {
  return location.object === '' || location.object.endsWith('/');
}

/** The pseudo-folder prefix a directory location lists: '' for the container, else the object path with one trailing '/'. */
export function folderPrefix(location: SwiftLocation): string {
  return location.object === '' ? '' : `${location.object.replace(/\/+$/, '')}/`;
}
