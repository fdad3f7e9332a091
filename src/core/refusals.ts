// OpenStack's refusals, said the way a student needs them: what went wrong, what to do, and (where there is
// one) a command that does it. OpenStack's own words are kept after the explanation. Pure: no vscode import,
// so it is unit-tested with captured fault texts.
import * as l10n from '@vscode/l10n';
import { OpenStackError } from '../openstack/errors';

export interface Fix {
  title: string;
  command: string;
  args?: unknown[];
}

export interface Refusal {
  message: string;
  fix?: Fix;
}

interface Rule {
  test(err: OpenStackError, text: string): RegExpMatchArray | boolean | null;
  explain(match: RegExpMatchArray | boolean | null, err: OpenStackError): Refusal;
}

/**
 * A refusal found before anything was sent (a name already taken, an instance no router connects), or one the
 * service sent, re-said from what a second look found: its message is already in the user's words, and it may
 * carry the command that fixes it.
 */
export class Refused extends Error {
  override readonly name = 'Refused';
  constructor(message: string, readonly fix?: Fix) {
    super(message);
  }
}

// Getters: a title is read when the refusal is shown, in the display language of that moment.
export const CREATE_ROUTER: Fix = { get title() { return l10n.t('Create Router…'); }, command: 'openstack.createRouter' };
const TEAR_DOWN: Fix = { get title() { return l10n.t('Tear Down Router…'); }, command: 'openstack.teardownRouter' };

/** Neutron's ExternalGatewayForFloatingIPNotFound: "External network X is not reachable from subnet Y. Therefore, …". */
const UNREACHABLE = /External network ([\w-]+) is not reachable from subnet ([\w-]+)/i;

/** A quota's resource, one and many; a key not listed is said as the service names it. */
function quotaName(key: string): { one: string; many: string } {
  switch (key) {
    case 'floatingip': return { one: l10n.t('floating IP'), many: l10n.t('floating IPs') };
    case 'security_group': return { one: l10n.t('security group'), many: l10n.t('security groups') };
    case 'security_group_rule': return { one: l10n.t('security group rule'), many: l10n.t('security group rules') };
    case 'rbac_policy': return { one: l10n.t('RBAC policy'), many: l10n.t('RBAC policies') };
    case 'instances': return { one: l10n.t('instance'), many: l10n.t('instances') };
    case 'cores': return { one: 'vCPU', many: 'vCPUs' };
    case 'ram': return { one: 'RAM', many: 'RAMs' };
    case 'key_pairs': return { one: l10n.t('key pair'), many: l10n.t('key pairs') };
    case 'server_groups': return { one: l10n.t('server group'), many: l10n.t('server groups') };
    default: {
      const one = key.replace(/_/g, ' ').replace(/s$/, '');
      return { one, many: `${one}s` };
    }
  }
}

/** The fields a policy refusal names: `rule:create_network:provider:network_type` → `provider:network_type`. */
function policyFields(text: string): string[] {
  const fields = [...text.matchAll(/rule:[a-z_]+:([\w:]+)/g)].map((m) => m[1]);
  return [...new Set(fields)];
}

// ---- Compute, image, key pair and security group refusals (launch, upload, import, rules). Checked before
// the general rules below, whose wording ("name taken in this project", "quota used up") does not fit these.

interface ComputeQuota {
  what: string;
  /** N of the quota's unit, as its limit and what is left are said ('10' instances, '20 vCPUs'). */
  amount(n: string | number): string;
  /** The N a launch requested, with what it counts ('2 instances'). */
  needs(n: string): string;
  fix: string;
}

/** Nova's quota words, as a student reads them. */
function computeQuota(key: string): ComputeQuota {
  const smaller = () => l10n.t('pick a smaller flavor, launch fewer, delete instances you no longer need');
  const vcpus = (n: string | number) => (Number(n) === 1 ? l10n.t('{0} vCPU', n) : l10n.t('{0} vCPUs', n));
  switch (key) {
    case 'instances':
      return { what: l10n.t('instance'), amount: String, needs: (n) => (n === '1' ? l10n.t('{0} instance', n) : l10n.t('{0} instances', n)), fix: l10n.t('launch fewer, delete instances you no longer need') };
    case 'cores':
      return { what: 'vCPU', amount: vcpus, needs: vcpus, fix: smaller() };
    case 'ram':
      return { what: 'RAM', amount: (n) => `${n} MiB`, needs: (n) => `${n} MiB`, fix: smaller() };
    default:
      return { what: key, amount: String, needs: (n) => `${n} ${key}${n === '1' ? '' : 's'}`, fix: l10n.t('launch less') };
  }
}

const COMPUTE_RULES: Rule[] = [
  {
    // "Quota exceeded for instances: Requested 11, but already used 3 of 10 instances" (several: "cores, instances")
    test: (e, t) => e.service === 'Nova' ? t.match(/Quota exceeded for ([a-z_]+(?:, ?[a-z_]+)*): Requested (\d+), but already used (\d+) of (\d+)/i) : null,
    explain: (m) => {
      const [, overs, requested, used, limit] = m as RegExpMatchArray;
      const [first, ...others] = overs.split(/, ?/);
      const q = computeQuota(first);
      const left = Math.max(0, Number(limit) - Number(used));
      const also = others.length
        ? l10n.t({ message: ' The {0} quota is short too.', args: [others.map((o) => computeQuota(o).what).join(l10n.t(' and '))], comment: ['Appended to the sentence before; the leading space separates the two in English.'] })
        : '';
      return {
        message: l10n.t({
          message: "This launch needs {0}, but the project's {1} quota has {2} of {3} in use ({4} left): {5}, or ask an admin to raise the quota.{6}",
          args: [q.needs(requested), q.what, used, q.amount(limit), q.amount(left), q.fix, also],
          comment: ['{0} what was requested (2 instances), {1} the quota (instance, vCPU, RAM), {2} used, {3} the limit, {4} what is left, {5} what to do, {6} an optional sentence on other quotas'],
        }),
      };
    },
  },
  {
    test: (e, t) => e.status === 409 && t.match(/Key pair '(.*)' already exists/i),
    explain: (m) => ({
      message: l10n.t("You already have a key pair named '{0}' (key pairs belong to your user, in every project): choose another name, or delete the old key pair first.", (m as RegExpMatchArray)[1]),
    }),
  },
  {
    test: (_e, t) => /Keypair data is invalid/i.test(t),
    explain: () => ({ message: l10n.t('Nova could not read that public key: import the .pub file ssh-keygen wrote, unchanged (e.g. ~/.ssh/id_ed25519.pub).') }),
  },
  {
    test: (_e, t) => /Invalid key_name provided/i.test(t),
    explain: () => ({
      message: l10n.t("Your user has no key pair of that name: key pairs belong to the user who imported them, so another user's cannot be used. Import the public key as this user, or launch without a key pair."),
      fix: { title: l10n.t('Import Key Pair…'), command: 'openstack.importKeypair' },
    }),
  },
  {
    test: (e, t) => e.faultType === 'SecurityGroupRuleExists' || /Security group rule already exists/i.test(t),
    explain: () => ({ message: l10n.t('The group already has this rule: nothing to add.') }),
  },
  {
    test: (e, t) => e.faultType === 'SecurityGroupDefaultAlreadyExists' || /Default security group already exists/i.test(t),
    explain: () => ({ message: l10n.t("Every project has its own 'default' security group already: give the new group another name.") }),
  },
  {
    test: (e, t) => e.faultType === 'SecurityGroupInUse' || /Security Group \S+ in use/i.test(t),
    explain: () => ({ message: l10n.t('Instances still use this security group (through their ports): delete those instances, or take the group off them, first.') }),
  },
  {
    test: (_e, t) => /removing default security group/i.test(t),
    explain: () => ({ message: l10n.t("The project's 'default' security group cannot be deleted: every project keeps one. Remove rules from it instead.") }),
  },
  {
    test: (_e, t) => t.match(/Unable to find security_group with name or id '(.*)'/i),
    explain: (m) => ({ message: l10n.t("This project has no security group '{0}' (any more): refresh the view and choose again.", (m as RegExpMatchArray)[1]) }),
  },
  {
    test: (_e, t) => t.match(/Flavor's (disk|memory) is too small for requested image/i),
    explain: (m) => ({
      message: (m as RegExpMatchArray)[1] === 'disk'
        ? l10n.t("The flavor's disk is smaller than the image needs (its minimum disk, or its size): choose a bigger flavor.")
        : l10n.t("The flavor's memory is smaller than the image needs (its minimum RAM, or its size): choose a bigger flavor."),
    }),
  },
  {
    test: (_e, t) => /Image \S+ is not active/i.test(t),
    explain: () => ({ message: l10n.t('The image is not active: it is still uploading, or its upload failed. Wait until the Images view shows it active, or choose another image.') }),
  },
];

// ---- Swift: its refusals are HTML pages whose text only repeats the status, so the status and the request decide.
const SWIFT_RULES: Rule[] = [
  {
    // DELETE of a container with objects: "There was a conflict when trying to complete your request."
    test: (e) => e.service === 'Swift' && e.status === 409 && e.method === 'DELETE',
    explain: () => ({ message: l10n.t('The container is not empty: Swift deletes only empty containers. Delete its objects first, or use "Delete Container and Its Objects…".') }),
  },
  {
    // container_quotas / account_quotas: "Upload exceeds quota."
    test: (e, t) => e.service === 'Swift' && e.status === 413 && /quota/i.test(t),
    explain: () => ({ message: l10n.t("The upload would exceed the container's or the account's quota (X-Container-Meta-Quota-Bytes / -Count, X-Account-Meta-Quota-Bytes): delete objects you no longer need, or ask an admin to raise the quota.") }),
  },
  {
    // max_file_size: "Your request is too large."
    test: (e) => e.service === 'Swift' && e.status === 413,
    explain: () => ({ message: l10n.t("The object is larger than the cluster's max_file_size (see its /info): bigger objects must be uploaded in segments, e.g. with `swift upload --segment-size`.") }),
  },
  {
    test: (e) => e.service === 'Swift' && (e.status === 401 || e.status === 403),
    explain: () => ({ message: l10n.t("Swift refused your user in this project: it accepts only users with one of its operator roles (keystoneauth's operator_roles, usually member or admin), or the access a container's ACL grants. Ask an admin for such a role.") }),
  },
  {
    test: (e) => e.service === 'Swift' && e.status === 422,
    explain: () => ({ message: l10n.t('Swift received different bytes than were sent (the ETag did not match): nothing was stored; try again.') }),
  },
  {
    test: (e) => e.service === 'Swift' && e.status === 412,
    explain: () => ({ message: l10n.t('An object of that name exists already: choose another name, or delete the object first.') }),
  },
];

// ---- Cinder's refusals (volumes, snapshots; attaching them goes through nova, which passes Cinder's words on).

/** Cinder's delete refusal for a volume that is attached, has snapshots, or is busy: one text for all of them. */
const VOLUME_BUSY = /must not be migrating, attached, belong to a group, have snapshots/i;

const VOLUME_RULES: Rule[] = [
  {
    // VolumeSizeExceedsAvailableQuota: "Requested volume or snapshot exceeds allowed gigabytes quota. Requested 2000G, quota is 1000G and 2G has been consumed."
    test: (_e, t) => t.match(/exceeds allowed (\w+) quota\. Requested (\d+)G, quota is (-?\d+)G and (\d+)G has been consumed/i),
    explain: (m) => {
      const [, , requested, quota, used] = m as RegExpMatchArray;
      return {
        message: l10n.t("This needs {0} GiB, but the project's volume storage quota has {1} of {2} GiB in use ({3} GiB left): make it smaller, delete volumes or snapshots you no longer need, or ask an admin to raise the quota.",
          requested, used, quota, Math.max(0, Number(quota) - Number(used))),
      };
    },
  },
  {
    // VolumeLimitExceeded / SnapshotLimitExceeded: "Maximum number of volumes allowed (10) exceeded for quota 'volumes'."
    test: (_e, t) => t.match(/Maximum number of (volumes|snapshots) allowed \((\d+)\) exceeded/i),
    explain: (m) => {
      const [, what, allowed] = m as RegExpMatchArray;
      return {
        message: what.toLowerCase() === 'volumes'
          ? l10n.t('The project may have {0} volumes (its quota) and has them all: delete volumes you no longer need, or ask an admin to raise the quota.', allowed)
          : l10n.t('The project may have {0} volume snapshots (its quota) and has them all: delete snapshots you no longer need, or ask an admin to raise the quota.', allowed),
      };
    },
  },
  {
    test: (_e, t) => VOLUME_BUSY.test(t),
    explain: () => ({ message: l10n.t('The volume is attached to an instance, has snapshots, or is busy: detach it and delete its snapshots first.') }),
  },
  {
    // extending an attached volume below microversion 3.42: "Volume <id> status must be 'available' to extend, currently in-use."
    test: (_e, t) => /must be '?available'? to extend/i.test(t),
    explain: () => ({ message: l10n.t('This Cinder extends only detached volumes: detach it from its instance first, extend it, then attach it again.') }),
  },
  {
    // nova attaching a volume that is not available: "Invalid volume: volume '<id>' status must be 'available'. Currently in 'in-use'"
    test: (_e, t) => t.match(/status must be '?available'?\.? Currently in '?([\w-]+)'?/i),
    explain: (m) => ({ message: l10n.t("The volume is {0}, and only an available volume can be attached: detach it from its instance first, or wait until it is available.", (m as RegExpMatchArray)[1]) }),
  },
];

// ---- General rules.
const RULES: Rule[] = [
  {
    test: (e, t) => e.status === 409 && /Multiple possible networks found/i.test(t),
    explain: () => ({ message: l10n.t('This project sees more than one network, so Nova will not guess: choose the network(s) in the launch steps.') }),
  },
  // Which fix applies depends on the routers that exist: the association commands look them up and refuse with
  // it (unreachableFromSubnet); these words are for when that look-up failed, so they offer no button.
  {
    test: (_e, t) => t.match(UNREACHABLE),
    explain: (m) => {
      const [, network, subnet] = m as RegExpMatchArray;
      return {
        message: l10n.t('No router connects subnet {0} to external network {1}: create a router with its gateway on that network and an interface on the subnet (or add the interface to an existing one), then associate again.', subnet, network),
      };
    },
  },
  {
    test: (e, t) => e.faultType === 'ExternalGatewayForFloatingIPNotFound' || /ExternalGatewayForFloatingIPNotFound|no router.*external gateway/i.test(t),
    explain: () => ({
      message: l10n.t("The port's subnet has no router with a gateway on the floating IP's network: add that router (gateway + interface on the subnet) first."),
    }),
  },
  {
    test: (_e, t) => /Subnet for router interface must have a gateway IP/i.test(t),
    explain: () => ({ message: l10n.t('A router interface takes the subnet\'s gateway IP, and this subnet was created without one (gateway "none"): create a subnet with a gateway (the default) and attach that one.') }),
  },
  {
    test: (_e, t) => t.match(/Router already has a port on subnet ([\w-]+)/i),
    explain: () => ({ message: l10n.t('That subnet is already attached to this router: nothing to add.') }),
  },
  {
    test: (_e, t) => t.match(/Cidr (\S+) of subnet [\w-]+ overlaps with cidr (\S+) of subnet/i),
    explain: (m) => {
      const [, mine, theirs] = m as RegExpMatchArray;
      return { message: l10n.t("The subnet's range {0} overlaps {1}, which is already attached to this router: a router cannot route two overlapping ranges. Use another router, or a subnet with another range.", mine, theirs.replace(/\.$/, '')) };
    },
  },
  {
    test: (_e, t) => /is not an external network/i.test(t),
    explain: () => ({ message: l10n.t("A router's gateway must be on an external network (router:external), e.g. the cloud's public network, not a project network.") }),
  },
  {
    test: (_e, t) => /required by one or more floating IPs/i.test(t),
    explain: () => ({
      message: l10n.t('Floating IPs still reach instances through this router: disassociate them first (Tear Down Router does it, after a preview).'),
      fix: TEAR_DOWN,
    }),
  },
  {
    test: (e, t) => e.faultType === 'RouterInUse' || /has ports still attached/i.test(t),
    explain: () => ({
      message: l10n.t('The router still has interfaces on subnets: remove them first, or use Tear Down Router (interfaces, gateway, then the router, after a preview).'),
      fix: TEAR_DOWN,
    }),
  },
  {
    test: (e, t) => e.faultType === 'SubnetInUse' || e.faultType === 'NetworkInUse' || /One or more ports have an IP allocation|ports still in use on the network/i.test(t),
    explain: (_m, e) => ({
      message: e.faultType === 'SubnetInUse'
        ? l10n.t('The subnet is still in use: instances or router interfaces have ports on it. Delete those instances and remove the router interface (or tear the router down) first.')
        : l10n.t('The network is still in use: instances or router interfaces have ports on it. Delete those instances and remove the router interface (or tear the router down) first.'),
    }),
  },
  {
    test: (e, t) => e.faultType === 'RouterInterfaceNotFoundForSubnet' || /has no interface on subnet/i.test(t),
    explain: () => ({ message: l10n.t('The router has no interface on that subnet (any more): refresh the Routers view.') }),
  },
  {
    test: (e, t) => e.status === 403 && /provider|router:external|shared|admin|policy|not authorized|disallowed/i.test(t),
    explain: (_m, e) => {
      const fields = policyFields(e.serviceMessage ?? e.message).filter((f) => f.includes(':') || ['shared', 'router:external'].includes(f) || f.startsWith('provider'));
      return {
        message: fields.length
          ? l10n.t('Only an admin may set {0} (provider fields, external and shared networks are admin-only by default): use a cloud entry whose user has the admin role, or ask your admin.', fields.join(', '))
          : l10n.t('Only an admin may do this (provider fields, external and shared networks are admin-only by default): use a cloud entry whose user has the admin role, or ask your admin.'),
      };
    },
  },
  {
    test: (_e, t) => t.match(/Quota exceeded for (?:resources?: \[?'?([\w-]+)'?\]?|(\w+)): Requested (\d+), but already used (\d+) of (\d+)/i) ?? t.match(/Quota exceeded for resources: \['?([\w-]+)'?/i),
    explain: (m) => {
      const match = m as RegExpMatchArray;
      const key = match[1] ?? match[2];
      const what = quotaName(key);
      const usage = match[5]
        ? l10n.t({ message: ' (used {0} of {1}, requested {2})', args: [match[4], match[5], match[3]], comment: ['Follows "quota is used up"; the leading space separates them in English.'] })
        : '';
      return {
        message: l10n.t({
          message: "The project's {0} quota is used up{1}: delete {2} you no longer need, or ask an admin to raise the quota.",
          args: [what.one, usage, what.many],
          comment: ['{0} the resource (floating IP), {1} the usage in brackets or nothing, {2} the resource in the plural'],
        }),
      };
    },
  },
  {
    test: (e, t) => e.faultType === 'OverQuota' || e.faultType === 'overLimit' || /quota exceeded|over quota/i.test(t),
    explain: () => ({ message: l10n.t('A project quota is used up: delete something, or ask an admin to raise the quota.') }),
  },
  {
    test: (_e, t) => t.match(/cidr:? ?(\S+?),? for network:? ?\S+ overlaps with another subnet|overlaps with (?:another )?subnet/i),
    explain: (m) => {
      const cidr = (m as RegExpMatchArray)[1];
      return {
        message: cidr
          ? l10n.t('{0} overlaps a subnet already on this network: pick another range, e.g. the next /24.', cidr)
          : l10n.t('That range overlaps a subnet already on this network: pick another range, e.g. the next /24.'),
      };
    },
  },
  {
    test: (e, t) => e.status === 409 && /already exists|duplicate/i.test(t),
    explain: () => ({ message: l10n.t('That name is already taken in this project: choose another name.') }),
  },
  {
    test: (_e, t) => /FloatingIPPortAlreadyAssociated|already has a floating IP|is associated with/i.test(t),
    explain: () => ({ message: l10n.t('That address already has a floating IP: disassociate it first, or pick another port.') }),
  },
];

/** By name as well as class: an error from another bundle of the same code (tests) is still recognised. */
function isA<T extends Error>(err: unknown, type: abstract new (...args: never[]) => T, name: string): err is T {
  return err instanceof type || (err instanceof Error && err.name === name);
}

/** The service's own words, kept after an explanation. */
function said(err: OpenStackError): string {
  return l10n.t('({0} said: {1})', err.service ?? 'OpenStack', err.serviceMessage ?? err.message);
}

function httpError(err: unknown): err is OpenStackError {
  return isA(err, OpenStackError, 'OpenStackError') && err.kind === 'http';
}

export function explainRefusal(err: unknown): Refusal | undefined {
  if (isA(err, Refused, 'Refused')) return { message: err.message, fix: err.fix };
  if (!httpError(err)) return undefined;
  const text = err.serviceMessage ?? err.message;
  for (const rule of [...SWIFT_RULES, ...COMPUTE_RULES, ...VOLUME_RULES, ...RULES]) {
    const match = rule.test(err, text);
    if (match) {
      const refusal = rule.explain(match, err);
      return { ...refusal, message: l10n.t({ message: '{0} {1}', args: [refusal.message, said(err)], comment: ['An explanation, then what the service said (in brackets)'] }) };
    }
  }
  return undefined;
}

/** Neutron's refusal to associate a floating IP that no router can carry: the network and subnet it names, and its words. */
export function unreachableFromSubnet(err: unknown): { externalNetworkId: string; subnetId: string; said: string } | undefined {
  if (!httpError(err)) return undefined;
  const match = (err.serviceMessage ?? err.message).match(UNREACHABLE);
  return match ? { externalNetworkId: match[1], subnetId: match[2], said: said(err) } : undefined;
}

/** Cinder's refusal to delete a volume that is attached, has snapshots or is busy, with its words; the command looks again to say which. */
export function volumeBusy(err: unknown): { said: string } | undefined {
  if (!httpError(err)) return undefined;
  return VOLUME_BUSY.test(err.serviceMessage ?? err.message) ? { said: said(err) } : undefined;
}
