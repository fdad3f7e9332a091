#!/usr/bin/python3
"""Idempotent REST set-up of the dev cloud, in one Python process each.

  bootstrap.py identity   projects, users, roles, services and endpoints
                          (after `keystone-manage bootstrap` made admin)
  bootstrap.py flavors    the flavors m1.tiny and m1.nano (128 MB: the test guest's size)
  bootstrap.py zone AZ HOST
                          an aggregate AZ, in availability zone AZ, holding compute HOST
  bootstrap.py seed FILE  a public image 'devcloud-guest' uploaded from FILE, and the
                          external flat network 'ext' with subnet $EXT_CIDR
  bootstrap.py purge      security groups whose project is gone (at every `up`)

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
    for name in ('glance', 'placement', 'nova', 'neutron', 'cinder', 'swift'):
        user = ensure('user', 'users', name, {'domain_id': 'default', 'password': E['SERVICE_PASS']},
                      domain_id='default')
        grant(service, user, roles['admin'])
        grant(service, user, roles['service'])

    catalog = [('image', 'glance', E['GLANCE_PORT'], ''),
               ('placement', 'placement', E['PLACEMENT_PORT'], ''),
               ('compute', 'nova', E['NOVA_PORT'], '/v2.1'),
               ('network', 'neutron', E['NEUTRON_PORT'], ''),
               # Cinder under both of its types, as devstack does: nova (Zed) looks for volumev3
               ('block-storage', 'cinder', E['CINDER_PORT'], '/v3/%(project_id)s'),
               ('volumev3', 'cinderv3', E['CINDER_PORT'], '/v3/%(project_id)s'),
               ('object-store', 'swift', E['SWIFT_PORT'], '/v1/AUTH_%(project_id)s')]
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


IMAGE = 'devcloud-guest'
IMAGE_DESCRIPTION = ("The dev cloud's test guest, not cirros: Debian 12's cloud kernel and a busybox "
                     'initramfs with dropbear, built from Debian packages by test/devcloud/guest/build.sh. '
                     'DHCP, hostname and ssh key from the metadata service, root shell on the serial '
                     'console and VNC, ssh as root with the instance key pair.')


def flavors(sess):
    compute = endpoint('compute')
    have = {f['name'] for f in sess.get('/flavors', **compute).json()['flavors']}
    for name, ram in (('m1.tiny', 512), ('m1.nano', 128)):
        if name not in have:
            print('create flavor %s' % name)
            sess.post('/flavors', json={'flavor': {'name': name, 'ram': ram, 'vcpus': 1, 'disk': 1}},
                      **compute)


def zone(sess, az, host):
    compute = endpoint('compute')
    aggregate = first([a for a in sess.get('/os-aggregates', **compute).json()['aggregates'] if a['name'] == az])
    if not aggregate:
        print('create aggregate %s in zone %s' % (az, az))
        aggregate = sess.post('/os-aggregates', json={'aggregate': {'name': az, 'availability_zone': az}},
                              **compute).json()['aggregate']
    if host not in (aggregate.get('hosts') or []):
        sess.post('/os-aggregates/%s/action' % aggregate['id'], json={'add_host': {'host': host}}, **compute)


def seed(sess, image_file):
    image = endpoint('image')
    if not sess.get('/v2/images', params={'name': IMAGE}, **image).json()['images']:
        print('create image %s' % IMAGE)
        img = sess.post('/v2/images', json={'name': IMAGE, 'disk_format': 'qcow2', 'container_format': 'bare',
                                            'visibility': 'public', 'min_ram': 128, 'os_type': 'linux',
                                            'description': IMAGE_DESCRIPTION},
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
        # the host's br-ext holds the gateway address: "the outside" ends on this machine
        prefix = E['EXT_CIDR'].rsplit('.', 1)[0]
        sess.post('/v2.0/subnets', json={'subnet': {
            'name': 'ext-subnet', 'network_id': ext['id'], 'ip_version': 4,
            'cidr': E['EXT_CIDR'], 'gateway_ip': E['EXT_HOST_IP'], 'enable_dhcp': False,
            'allocation_pools': [{'start': prefix + '.100', 'end': prefix + '.200'}]}}, **network)


def purge(sess):
    """Neutron keeps a project's security groups (its default one at least) after Keystone deleted the
    project. Tests make and delete projects, so without this every run left a few more, until an admin's
    all-projects list no longer fit a page."""
    projects = {p['id'] for p in sess.get('/projects', endpoint_override=E['KEYSTONE_URL']).json()['projects']}
    network = endpoint('network')
    groups = sess.get('/v2.0/security-groups', params={'fields': ['id', 'project_id']}, **network).json()['security_groups']
    orphans = [g['id'] for g in groups if g['project_id'] and g['project_id'] not in projects]
    for group in orphans:
        sess.delete('/v2.0/security-groups/' + group, raise_exc=False, **network)
    if orphans:
        print('purged %d security groups of deleted projects' % len(orphans))


if __name__ == '__main__':
    session = admin_session()
    step = sys.argv[1]
    if step == 'identity':
        identity(session)
    elif step == 'flavors':
        flavors(session)
    elif step == 'zone':
        zone(session, sys.argv[2], sys.argv[3])
    elif step == 'seed':
        seed(session, sys.argv[2])
    elif step == 'purge':
        purge(session)
    else:
        sys.exit('unknown step %s' % step)
