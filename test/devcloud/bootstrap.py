#!/usr/bin/python3
"""Idempotent REST set-up of the dev cloud, in one Python process each.

  bootstrap.py identity   projects, users, roles, services and endpoints
                          (after `keystone-manage bootstrap` made admin)
  bootstrap.py flavors    the flavor m1.tiny
  bootstrap.py seed FILE  a public image 'cirros' uploaded from FILE, and the
                          external flat network 'ext' with subnet 203.0.113.0/24

Settings come from the environment (see up.sh). Going through keystoneauth in
one process instead of ~40 `openstack` CLI calls saves about two minutes.
"""
import os
import sys

from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3

E = os.environ
IP = E['IP']
REGION = E['REGION']


def admin_session():
    auth = v3.Password(auth_url=E['KEYSTONE_URL'], username='admin',
                       password=E['ADMIN_PASS'], project_name='admin',
                       user_domain_id='default', project_domain_id='default')
    return ks_session.Session(auth=auth)


def endpoint(service_type):
    return {'endpoint_filter': {'service_type': service_type, 'interface': 'public',
                                'region_name': REGION}}


def first(items):
    return items[0] if items else None


def identity(sess):
    ks = {'endpoint_override': E['KEYSTONE_URL']}

    def get(path, **params):
        return sess.get(path, params=params, **ks).json()

    def ensure(kind, plural, name, body, **filters):
        found = first(get('/' + plural, name=name, **filters)[plural])
        if found:
            return found
        print('create %s %s' % (kind, name))
        return sess.post('/' + plural, json={kind: dict(body, name=name)}, **ks).json()[kind]

    def grant(project, user, role):
        sess.put('/projects/%s/users/%s/roles/%s' % (project['id'], user['id'], role['id']), **ks)

    roles = {name: ensure('role', 'roles', name, {}) for name in ('admin', 'member', 'reader', 'service')}
    service = ensure('project', 'projects', 'service',
                     {'domain_id': 'default', 'description': 'Service project'}, domain_id='default')
    demo_project = ensure('project', 'projects', 'demo',
                          {'domain_id': 'default', 'description': 'Demo project'}, domain_id='default')
    demo = ensure('user', 'users', 'demo', {'domain_id': 'default', 'password': E['DEMO_PASS'],
                                            'default_project_id': demo_project['id']},
                  domain_id='default')
    grant(demo_project, demo, roles['member'])
    for name in ('glance', 'placement', 'nova', 'neutron'):
        user = ensure('user', 'users', name, {'domain_id': 'default', 'password': E['SERVICE_PASS']},
                      domain_id='default')
        grant(service, user, roles['admin'])
        grant(service, user, roles['service'])

    catalog = [('image', 'glance', E['GLANCE_PORT'], ''),
               ('placement', 'placement', E['PLACEMENT_PORT'], ''),
               ('compute', 'nova', E['NOVA_PORT'], '/v2.1'),
               ('network', 'neutron', E['NEUTRON_PORT'], '')]
    for stype, name, port, suffix in catalog:
        url = 'http://%s:%s%s' % (IP, port, suffix)
        svc = first(get('/services', type=stype)['services'])
        if not svc:
            print('create service %s' % name)
            svc = sess.post('/services', json={'service': {'type': stype, 'name': name}}, **ks).json()['service']
        have = {e['interface'] for e in get('/endpoints', service_id=svc['id'])['endpoints']}
        for iface in ('public', 'internal', 'admin'):
            if iface not in have:
                sess.post('/endpoints', json={'endpoint': {'service_id': svc['id'], 'interface': iface,
                                                           'url': url, 'region_id': REGION}}, **ks)


def flavors(sess):
    compute = endpoint('compute')
    if not first([f for f in sess.get('/flavors', **compute).json()['flavors'] if f['name'] == 'm1.tiny']):
        print('create flavor m1.tiny')
        sess.post('/flavors', json={'flavor': {'name': 'm1.tiny', 'ram': 512, 'vcpus': 1, 'disk': 1}},
                  **compute)


def seed(sess, image_file):
    image = endpoint('image')
    if not sess.get('/v2/images', params={'name': 'cirros'}, **image).json()['images']:
        print('create image cirros')
        img = sess.post('/v2/images', json={'name': 'cirros', 'disk_format': 'qcow2',
                                            'container_format': 'bare', 'visibility': 'public'},
                        **image).json()
        with open(image_file, 'rb') as f:
            sess.put('/v2/images/%s/file' % img['id'], data=f.read(),
                     headers={'Content-Type': 'application/octet-stream'}, **image)

    network = endpoint('network')
    ext = first(sess.get('/v2.0/networks', params={'name': 'ext'}, **network).json()['networks'])
    if not ext:
        print('create network ext')
        ext = sess.post('/v2.0/networks', json={'network': {
            'name': 'ext', 'router:external': True, 'provider:network_type': 'flat',
            'provider:physical_network': 'physnet1'}}, **network).json()['network']
    if not ext['subnets']:
        # TEST-NET-3: documentation addresses, data only; nothing is ever sent to them.
        sess.post('/v2.0/subnets', json={'subnet': {
            'name': 'ext-subnet', 'network_id': ext['id'], 'ip_version': 4,
            'cidr': '203.0.113.0/24', 'gateway_ip': '203.0.113.1', 'enable_dhcp': False,
            'allocation_pools': [{'start': '203.0.113.100', 'end': '203.0.113.200'}]}}, **network)


if __name__ == '__main__':
    session = admin_session()
    step = sys.argv[1]
    if step == 'identity':
        identity(session)
    elif step == 'flavors':
        flavors(session)
    elif step == 'seed':
        seed(session, sys.argv[2])
    else:
        sys.exit('unknown step %s' % step)
