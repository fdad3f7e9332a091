// The Quotas category: what the project has used of its quotas, readable by members. Requests per expand:
// GET /limits (Nova), GET /limits (Cinder, when the cloud has it) and GET /v2.0/quotas/{project_id}/details
// (Neutron), in one round.
import * as l10n from '@vscode/l10n';
import type { OpenStackClient } from '../../openstack/client';
import { oneRead } from '../../openstack/listing';
import type { VolumeLimits } from '../../openstack/blockStorageModels';
import type { NetworkQuotas } from '../../openstack/networkModels';
import { noJoin, type CategorySpec } from '../../ui/tree/node';
import { quotaRows, type QuotaRow } from './model/quotaRows';
import { QuotaNode } from './quotaNode';

/** Neutron's part, or none when the cloud has no network service. */
async function networkQuotas(client: OpenStackClient, projectId: string, signal?: AbortSignal): Promise<NetworkQuotas> {
  return (await client.session.hasService('network', signal)) ? client.network.quotas(projectId, signal) : {};
}

/** Cinder's part, or none when the cloud has no block storage. */
async function volumeLimits(client: OpenStackClient, signal?: AbortSignal): Promise<VolumeLimits | undefined> {
  return (await client.session.hasService('block-storage', signal)) ? client.blockStorage.limits(signal) : undefined;
}

export const quotasCategory: CategorySpec<QuotaRow, undefined> = {
  kind: 'quotas', get label() { return l10n.t('Quotas'); }, icon: 'dashboard', service: 'compute',
  list: (c, _limit, scope) => oneRead(async (signal) => {
    const [limits, network, volumes] = await Promise.all([c.compute.limits(signal), networkQuotas(c, scope.projectId, signal), volumeLimits(c, signal)]);
    return quotaRows(limits, network, volumes);
  }),
  join: noJoin,
  node: (parent, row) => new QuotaNode(parent, row),
};
