// Instance consoles: "Open Console" (the webview panel), "Open Serial Console" (a terminal) and "Open VNC
// Console" (the browser), from an instance in the tree (inline action / context menu) or from the palette with
// an instance pick in the active cloud. Also registers the panel serializer (panels come back after a reload)
// and the read-only documents of "Open full log".
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { ActiveCloud } from '../../context/activeCloud';
import type { CloudRegistry } from '../../context/cloudRegistry';
import type { Log } from '../../context/log';
import type { Server } from '../../openstack/computeModels';
import { cliContextOf, scopeOf } from '../../context/target';
import type { ExplorerProvider } from '../../ui/tree/explorerProvider';
import { nodeOf } from '../../ui/tree/nodeLike';
import { plainName } from './model/ansi';
import { explainConsoleError } from './model/consoleErrors';
import { ConsolePanel, type ConsoleDeps } from './consolePanel';
import { ConsoleLogDocuments } from './consoleLogDocuments';
import { CONSOLE_LOG_SCHEME } from '../../core/schemes';
import { registerDocuments, registerSerializer } from '../../ui/registrations';
import { openExternalUrl } from '../../ui/openExternal';
import { CONSOLE_VIEW_TYPE, isConsoleTarget, type ConsoleTarget } from './model/protocol';
import { openSerialTerminal } from './serialTerminal';
import { pickServer } from '../instances/pickServer';
import { registerCommand, withProgress } from '../../ui/runCommand';

export interface ConsoleCommandDeps {
  context: vscode.ExtensionContext;
  log: Log;
  registry: CloudRegistry;
  active: ActiveCloud;
  explorer: Pick<ExplorerProvider, 'refreshCategory'>;
}

interface Resolved {
  target: ConsoleTarget;
  server?: Server;
  /** Diagnose on a floating IP: the one the path follows. */
  focus?: string;
}

export function registerConsoleCommands(deps: ConsoleCommandDeps): vscode.Disposable[] {
  const { context, log, registry, active, explorer } = deps;
  const documents = new ConsoleLogDocuments();
  const consoleDeps: ConsoleDeps = {
    extensionUri: context.extensionUri,
    log,
    clientFor: (t) => registry.projectClient(t.cloud, t.projectId),
    showDocument: (name, text) => documents.show(name, text),
    doctorFor: (t) => {
      const client = () => registry.projectClient(t.cloud, t.projectId);
      return {
        client,
        cli: async () => cliContextOf({ cloud: t.cloud, projectId: t.projectId, client: await client() }, registry),
        changed: async (kinds) => { await Promise.all(kinds.map((kind) => explorer.refreshCategory(t.cloud, t.projectId, kind))); },
      };
    },
  };

  /** The instance an invocation is about: the tree node it was run on, a target object, or a pick. */
  async function resolve(arg: unknown, title: string): Promise<Resolved> {
    const node = nodeOf(arg, 'server');
    if (node) {
      const scope = scopeOf(node);
      if (!scope) throw new Error(l10n.t('This instance is not under a project in the OpenStack view.'));
      return { target: { cloud: scope.cloud, projectId: scope.projectId, serverId: node.server.id, name: node.server.name }, server: node.server };
    }
    if (isConsoleTarget(arg)) return { target: arg };
    return pickInstance(title);
  }

  async function pickInstance(title: string): Promise<Resolved> {
    const cloud = active.cloud;
    if (!cloud) throw new Error(l10n.t('There is no OpenStack cloud yet: add one with "OpenStack: Add Cloud…".'));
    const client = await active.client();
    const server = await pickServer(client, {
      title: active.project ? l10n.t('{0}: choose an instance in {1} / {2}', title, cloud.name, active.project.name) : l10n.t('{0}: choose an instance in {1}', title, cloud.name),
      placeholder: l10n.t('Instance name, ID or address'),
      empty: l10n.t('This project has no instances.'),
    });
    return { target: { cloud: cloud.name, projectId: client.session.projectId ?? '', serverId: server.id, name: server.name }, server };
  }

  /** Diagnose on a floating IP: the instance it reaches (its port's device), else one the user picks. */
  async function resolveFloatingIp(arg: unknown): Promise<Resolved | undefined> {
    const node = nodeOf(arg, 'floatingIp');
    if (!node) return undefined;
    const scope = scopeOf(node);
    if (!scope) throw new Error(l10n.t('This floating IP is not under a project in the OpenStack view.'));
    const { fip } = node;
    let serverId = fip.deviceId;
    if (!serverId && fip.portId) serverId = (await (await scope.client()).network.port(fip.portId)).deviceId;
    if (!serverId) return { ...await pickInstance(l10n.t('Diagnose Reachability: {0} is not associated', fip.floatingIpAddress)), focus: fip.id };
    return { target: { cloud: scope.cloud, projectId: scope.projectId, serverId, name: serverId }, focus: fip.id };
  }

  const explained = (err: unknown, kind: 'serial' | 'novnc'): Error => {
    const words = explainConsoleError(err, kind);
    return words ? new Error(words, { cause: err }) : (err as Error);
  };

  return [
    documents,
    registerDocuments(CONSOLE_LOG_SCHEME, documents),
    registerSerializer(CONSOLE_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => ConsolePanel.restore(consoleDeps, panel, state),
    }),
    { dispose: () => ConsolePanel.disposeAll() },
    registerCommand(log, 'openstack.openConsole', async (arg?: unknown) => {
      const { target, server } = await resolve(arg, l10n.t('Open Console'));
      ConsolePanel.show(consoleDeps, target, server);
    }),
    registerCommand(log, 'openstack.diagnoseReachability', async (arg?: unknown) => {
      const { target, server, focus } = await resolveFloatingIp(arg) ?? await resolve(arg, l10n.t('Diagnose Reachability'));
      ConsolePanel.diagnose(consoleDeps, target, server, focus);
    }),
    registerCommand(log, 'openstack.openSerialConsole', async (arg?: unknown) => {
      const { target } = await resolve(arg, l10n.t('Open Serial Console'));
      await withProgress(l10n.t('Opening the serial console of {0}…', plainName(target.name, 60)), async () => {
        try {
          await openSerialTerminal(consoleDeps, target);
        } catch (err) {
          throw explained(err, 'serial');
        }
      });
    }),
    registerCommand(log, 'openstack.openVncConsole', async (arg?: unknown) => {
      const { target } = await resolve(arg, l10n.t('Open VNC Console'));
      const remote = await withProgress(l10n.t('Asking for the VNC console of {0}…', plainName(target.name, 60)), async (signal) => {
        const client = await consoleDeps.clientFor(target);
        return client.compute.remoteConsole(target.serverId, 'novnc', signal).catch((err) => { throw explained(err, 'novnc'); });
      });
      await openExternalUrl(remote.url, log);
    }),
  ];
}
