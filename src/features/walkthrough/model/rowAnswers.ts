// The steps a category's rows answer as the tree just loaded them, so that the walkthrough need not ask the cloud
// again. Pure: no vscode import.
import type { LoadedRows } from '../../../core/joinPlan';
import type { Keypair, Server } from '../../../openstack/computeModels';
import type { Image } from '../../../openstack/image';
import type { FloatingIp, Network, Router, SecurityGroup } from '../../../openstack/networkModels';
import type { RouterJoin } from '../../routers/model/routerJoin';
import {
  externalNetworkReady, floatingIpReady, imageReady, instancesReady, internalNetworkReady, keypairReady, routerReady, securityGroupReady,
  type StepAnswers,
} from './steps';

type Decide = (items: readonly never[], joined: never, projectId: string) => StepAnswers;

/** By the tree's category kind: the one place that says which steps a category's rows answer (PROBES uses it too). */
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
  if (!FROM_ROWS[kind]) return undefined;
  const answers = decideSteps(kind, rows.items, rows.joined, projectId);
  return rows.whole || Object.values(answers).every(Boolean) ? answers : undefined;
}

/** The steps that category KIND's ITEMS (with what was JOINED for them) answer, as if they were the whole list. */
export function decideSteps(kind: string, items: readonly unknown[], joined?: unknown, projectId = ''): StepAnswers {
  return FROM_ROWS[kind]?.(items as readonly never[], joined as never, projectId) ?? {};
}
