// What the walkthrough asks the cloud, per category of the tree: at most a couple of small requests (limit=…)
// for the active project, each answering the steps that depend on that category as its rows would
// (decideSteps, rowAnswers.ts).
import type { OpenStackClient } from '../../../openstack/client';
import { decideSteps } from './rowAnswers';
import { routerReady, routersWithGateway, type StepAnswers } from './steps';

type Probe = (client: OpenStackClient, projectId: string, signal: AbortSignal) => Promise<StepAnswers>;

/** Enough rows to find one that qualifies among the few a first exercise creates, never a whole listing. */
const FEW = 20;
/** Routers with a gateway whose interfaces are looked up, one request each. */
const ROUTERS_CHECKED = 3;

/** The probes by the tree's category kind (src/features/*\/category.ts): a change in that category asks again. */
export const PROBES: Readonly<Record<string, Probe>> = {
  images: async (c, _project, signal) => decideSteps('images', (await c.image.images({ status: 'active', limit: 1 }).firstPage(signal)).items),
  networks: async (c, projectId, signal) => {
    const [external, own] = await Promise.all([
      c.network.networks({ external: true, limit: 1 }).firstPage(signal),
      c.network.networks({ external: false, projectId, limit: FEW }).firstPage(signal),
    ]);
    return decideSteps('networks', [...external.items, ...own.items], undefined, projectId);
  },
  routers: async (c, projectId, signal) => ({ router: await probeRouter(c, projectId, signal) }),
  securityGroups: async (c, projectId, signal) => decideSteps('securityGroups', (await c.network.securityGroups({ projectId, limit: FEW }).firstPage(signal)).items),
  keypairs: async (c, _project, signal) => decideSteps('keypairs', (await c.compute.keypairs({ limit: 1 }).firstPage(signal)).items),
  servers: async (c, _project, signal) => decideSteps('servers', (await c.compute.servers({ limit: FEW }).firstPage(signal)).items),
  floatingIps: async (c, projectId, signal) => decideSteps('floatingIps', (await c.network.floatingIps({ projectId, limit: FEW }).firstPage(signal)).items),
};

/** Routers of the project with a gateway, then the interfaces of a few of them until one has one. */
async function probeRouter(c: OpenStackClient, projectId: string, signal: AbortSignal): Promise<boolean> {
  const routers = (await c.network.routers({ projectId, limit: FEW }).firstPage(signal)).items;
  for (const id of routersWithGateway(routers).slice(0, ROUTERS_CHECKED)) {
    const interfaces = (await c.network.routerInterfaces({ deviceId: id, limit: 1 }).firstPage(signal)).items;
    if (routerReady(routers, interfaces)) return true;
  }
  return false;
}
