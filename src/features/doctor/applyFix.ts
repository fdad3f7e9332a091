// Applies a doctor's fix through the same actions the commands use (so refusals read the same), and says which
// tree categories it changed. No vscode import: the dev-cloud tests apply fixes exactly as the Fix buttons do.
import * as l10n from '@vscode/l10n';
import type { Target } from '../../core/target';
import { addRouterInterface, associateFloatingIp, allocateFloatingIp, createRouter, setRouterGateway } from '../networks/model/networkActions';
import { ruleCreate } from '../securityGroups/model/securityGroupsRules';
import type { Fix } from './model/fixes';

export interface Applied {
  /** What was done, for the notice. */
  message: string;
  /** The explorer categories to reload (ExplorerProvider.refreshCategory kinds). */
  changed: string[];
}

/** GROUPID: for an allowIngress fix, the port's group the user chose (one of fix.groupIds). */
export async function applyFix(fix: Fix, target: Target, groupId?: string, signal?: AbortSignal): Promise<Applied> {
  switch (fix.kind) {
    case 'startInstance':
      await target.client.compute.startServer(fix.serverId, signal);
      return { message: l10n.t('Asked Nova to start the instance.'), changed: ['servers'] };
    case 'addRouterInterface':
      await addRouterInterface(fix.routerId, fix.subnetId, target, signal);
      return { message: l10n.t('{0}: done.', fix.title), changed: ['routers'] };
    case 'setRouterGateway':
      await setRouterGateway(fix.routerId, fix.externalNetworkId, target, signal);
      return { message: l10n.t('{0}: done.', fix.title), changed: ['routers'] };
    case 'createRouter': {
      const router = await createRouter({ name: fix.routerName, gatewayNetworkId: fix.externalNetworkId, subnetIds: [fix.subnetId] }, target, signal);
      return { message: l10n.t('Created router {0} with its gateway and an interface on the subnet.', router.name), changed: ['routers'] };
    }
    case 'assignFloatingIp': {
      const spec = { portId: fix.portId, fixedIpAddress: fix.fixedIpAddress };
      const fip = fix.reuseFloatingIpId
        ? await associateFloatingIp({ ...spec, floatingIpId: fix.reuseFloatingIpId }, target, signal)
        : await allocateFloatingIp({ ...spec, floatingNetworkId: fix.externalNetworkId }, target, signal);
      return { message: l10n.t('Associated floating IP {0} with {1}.', fip.floatingIpAddress, fix.fixedIpAddress), changed: ['floatingIps', 'servers'] };
    }
    case 'allowIngress': {
      const group = groupId ?? fix.groupIds[0];
      if (!group || !fix.groupIds.includes(group)) throw new Error(l10n.t("Choose one of the port's security groups for the rule."));
      await target.client.network.createSecurityGroupRule(ruleCreate(group, fix.rule), signal);
      return { message: l10n.t('{0}: added the rule.', fix.title), changed: ['securityGroups'] };
    }
  }
}
