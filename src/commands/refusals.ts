// OpenStack's refusals, said the way a student needs them: what went wrong, what to do, and (where there is
// one) a command that does it. OpenStack's own words are kept after the explanation. Pure: no vscode import,
// so it is unit-tested with captured fault texts.
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

const RULES: Rule[] = [
  {
    test: (e, t) => e.status === 409 && /Multiple possible networks found/i.test(t),
    explain: () => ({ message: 'This project sees more than one network, so Nova will not guess: choose the network(s) in the launch steps.' }),
  },
  {
    test: (_e, t) => t.match(/External network (\S+) is not reachable from subnet (\S+)/i),
    explain: () => ({
      message: 'No router connects the instance\'s subnet to that external network: create a router with a gateway on the external network and an interface on the subnet, then associate again.',
      fix: { title: 'Create Router…', command: 'openstack.createRouter' },
    }),
  },
  {
    test: (e, t) => e.faultType === 'ExternalGatewayForFloatingIPNotFound' || /ExternalGatewayForFloatingIPNotFound|no router.*external gateway/i.test(t),
    explain: () => ({
      message: 'The port\'s subnet has no router with a gateway on the floating IP\'s network: add that router (gateway + interface on the subnet) first.',
      fix: { title: 'Create Router…', command: 'openstack.createRouter' },
    }),
  },
  {
    test: (_e, t) => /Subnet for router interface must have a gateway IP/i.test(t),
    explain: () => ({ message: 'A router interface takes the subnet\'s gateway IP, and this subnet has none: create a subnet with a gateway (the default) and attach that one.' }),
  },
  {
    test: (e, t) => e.status === 403 && /provider|router:external|shared|admin|policy|not authorized|disallowed/i.test(t),
    explain: () => ({ message: 'Only an admin may do this (provider fields, external or shared networks are admin-only): use a cloud entry whose user has the admin role, or ask your admin.' }),
  },
  {
    test: (_e, t) => t.match(/Quota exceeded for (?:resources?: \[?'?([\w-]+)'?\]?|(\w+)): Requested (\d+), but already used (\d+) of (\d+)/i) ?? t.match(/Quota exceeded for resources: \['?([\w-]+)'?\]/i),
    explain: (m) => {
      const match = m as RegExpMatchArray;
      const what = match[1] ?? match[2];
      const usage = match[5] ? ` (used ${match[4]} of ${match[5]}, requested ${match[3]})` : '';
      return { message: `The project's ${what} quota is used up${usage}: delete some ${what}, or ask an admin to raise the quota.` };
    },
  },
  {
    test: (e, t) => e.faultType === 'OverQuota' || e.faultType === 'overLimit' || /quota exceeded|over quota/i.test(t),
    explain: () => ({ message: 'A project quota is used up: delete something, or ask an admin to raise the quota.' }),
  },
  {
    test: (_e, t) => t.match(/cidr:? ?(\S+?),? overlaps with another subnet|overlaps with (?:another )?subnet/i),
    explain: () => ({ message: 'That CIDR overlaps a subnet already on this network (or attached to the router): pick another range, e.g. the next /24.' }),
  },
  {
    test: (e, t) => e.status === 409 && /already exists|duplicate/i.test(t),
    explain: () => ({ message: 'That name is already taken in this project: choose another name.' }),
  },
  {
    test: (_e, t) => /FloatingIPPortAlreadyAssociated|already has a floating IP|is associated with/i.test(t),
    explain: () => ({ message: 'That port already has a floating IP: disassociate it first, or pick another port.' }),
  },
];

export function explainRefusal(err: unknown): Refusal | undefined {
  if (!(err instanceof OpenStackError) || err.kind !== 'http') return undefined;
  const text = err.serviceMessage ?? err.message;
  for (const rule of RULES) {
    const match = rule.test(err, text);
    if (match) {
      const refusal = rule.explain(match, err);
      return { ...refusal, message: `${refusal.message} (${err.service ?? 'OpenStack'} said: ${text})` };
    }
  }
  return undefined;
}
