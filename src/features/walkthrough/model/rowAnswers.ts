// The steps a category's rows answer as the tree just loaded them, so that the walkthrough need not ask the cloud
// again. Pure: no vscode import.
import type { LoadedRows } from '../../../core/joinPlan';
import type { Keypair, Server } from '../../../openstack/computeModels';
import type { Image } from '../../../openstack/image';
import type { FloatingIp, Network, Router, SecurityGroup } from '../../../openstack/networkModels';
import type { RouterJoin } from '../../routers/model/routerJoin';
import type { StepAnswers } from './probes';
import {
  externalNetworkReady, floatingIpReady, imageReady, instancesReady, internalNetworkReady, keypairReady, routerReady, securityGroupReady,
} from './steps';

type Decide = (items: readonly never[], joined: never, projectId: string) => StepAnswers;

/** By the tree's category kind, as PROBES (probes.ts) asks the same questions. */
const FROM_ROWS: Readonly<Record<string, Decide>> = {
  images: (items: readonly Image[]) => ({ image: imageReady(items) }),
  networks: (items: readonly Network[], _joined, projectId) => ({ externalNetwork: externalNetworkReady(items), internalNetwork: internalNetworkReady(items, projectId) }),
  routers: (items: readonly Router[], joined: RouterJoin) => ({ router: routerReady(items, joined.interfaces) }),
  securityGroups: (items: readonly SecurityGroup[]) => ({ securityGroup: securityGroupReady(items) }),
  keypairs: (items: readonly Keypair[]) => ({ keypair: keypairReady(items) }),
  servers: (items: readonly Server[]) => ({ instances: instancesReady(items) }),
  floatingIps: (items: readonly FloatingIp[]) => ({ floatingIp: floatingIpReady(items) }),
};

/**
 * The steps category KIND's ROWS decide, or undefined when they cannot: a row that qualifies decides a step, but a
 * partial list without one does not (it may be on a later page), and then the walkthrough asks the cloud.
 */
export function answersFromRows(kind: string, rows: LoadedRows, projectId: string): StepAnswers | undefined {
  const decide = FROM_ROWS[kind];
  if (!decide) return undefined;
  const answers = decide(rows.items as readonly never[], rows.joined as never, projectId);
  return rows.whole || Object.values(answers).every(Boolean) ? answers : undefined;
}
