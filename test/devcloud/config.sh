# config.sh - writes every service's configuration under $STATE/etc (sourced by up.sh).
# Regenerated on every `up`, so a change here takes effect at the next start.
# shellcheck shell=bash

_db() { echo "mysql+pymysql://$1:$DB_PASS@$IP:$MYSQL_PORT/$2?charset=utf8"; }

_keystone_auth() { # SECTION USER: a service user's keystoneauth settings
  cat <<EOF2
[$1]
auth_url = http://$IP:$KEYSTONE_PORT
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $2
password = $SERVICE_PASS
region_name = $REGION
EOF2
}

_authtoken() { # USER: keystonemiddleware, with service tokens required as after OSSA-2023-003
  _keystone_auth keystone_authtoken "$1"
  echo "www_authenticate_uri = http://$IP:$KEYSTONE_PORT"
  echo "service_token_roles_required = true"
  # one validation per token for all services and their processes (each kept its own cache before)
  echo "memcached_servers = $IP:$MEMCACHED_PORT"
}

# Zed's defaults, spelled out: the legacy rules apply, so demo gets the usual member view.
_policy() { printf '[oslo_policy]\nenforce_scope = false\nenforce_new_defaults = false\n'; }

# oslo.messaging warns "Using RPCClient manually" on every call; keep the logs readable.
LOG_LEVELS="amqp=WARN,amqplib=WARN,sqlalchemy=WARN,oslo.messaging=INFO,oslo_messaging=INFO,oslo_messaging.rpc.client=ERROR,iso8601=WARN,urllib3.connectionpool=WARN,keystonemiddleware=WARN,routes.middleware=WARN,stevedore=WARN,keystoneauth=WARN,oslo_policy=INFO"

gen_configs() {
  mkdir -p "$ETC"/{mysql,keystone,glance,placement,nova,neutron,rabbitmq,cinder,swift} "$LOGDIR" "$RUN" "$CONSOLE_DIR" \
           "$STATE"/{keystone,glance/images,glance/staging,glance/tasks,glance/lock,nova/instances,nova/lock,neutron/lock,rabbitmq} \
           "$STATE"/{cinder/lock,cinder/conversion} "$VOLUMES_DIR/dev" "$SWIFT_DIR"/{devices/d1,recon}

  # MariaDB: fast rather than crash-safe (this is a throwaway dev cloud).
  cat > "$ETC/mysql/my.cnf" <<EOF2
[mysqld]
datadir = $STATE/mysql
socket = $MYSQL_SOCK
pid-file = $STATE/mysql.run/mariadbd.pid
bind-address = $IP
port = $MYSQL_PORT
user = mysql
skip-name-resolve
max_connections = 1000
character-set-server = utf8mb4
collation-server = utf8mb4_general_ci
innodb_buffer_pool_size = 128M
innodb_log_file_size = 32M
innodb_flush_log_at_trx_commit = 2
innodb_doublewrite = 0
performance_schema = off
sync_binlog = 0
EOF2

  cat > "$ETC/rabbitmq/rabbitmq.conf" <<EOF2
listeners.tcp.default = $IP:$RABBIT_PORT
loopback_users = none
EOF2
  echo '[].' > "$ETC/rabbitmq/enabled_plugins"

  cat > "$ETC/keystone/keystone.conf" <<EOF2
[DEFAULT]
debug = false
[database]
connection = $(_db keystone keystone)
[token]
provider = fernet
expiration = 86400
[fernet_tokens]
key_repository = $STATE/keystone/fernet-keys/
[fernet_receipts]
key_repository = $STATE/keystone/fernet-keys/
[credential]
key_repository = $STATE/keystone/credential-keys/
# as deployments run it: without a cache every validation of a token re-reads its user, project, roles and
# catalog (about 200 ms of Keystone's CPU here); with one, a token is cached when issued (cache_on_issue)
[cache]
enabled = true
backend = dogpile.cache.pymemcache
memcache_servers = $IP:$MEMCACHED_PORT
$(_policy)
EOF2

  # ---- Glance: our own minimal paste pipeline (versions, keystone auth, v2 API) ----
  cat > "$ETC/glance/glance-api-paste.ini" <<'EOF2'
[pipeline:glance-api-keystone]
pipeline = versionnegotiation authtoken context rootapp
[composite:rootapp]
paste.composite_factory = glance.api:root_app_factory
/: apiversions
/v2: apiv2app
[app:apiversions]
paste.app_factory = glance.api.versions:create_resource
[app:apiv2app]
paste.app_factory = glance.api.v2.router:API.factory
[filter:versionnegotiation]
paste.filter_factory = glance.api.middleware.version_negotiation:VersionNegotiationFilter.factory
[filter:context]
paste.filter_factory = glance.api.middleware.context:ContextMiddleware.factory
[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
delay_auth_decision = true
EOF2
  cat > "$ETC/glance/glance-api.conf" <<EOF2
[DEFAULT]
debug = false
bind_host = $IP
bind_port = $GLANCE_PORT
workers = 1
graceful_shutdown_timeout = 5
enabled_backends = file:file
show_image_direct_url = false
[database]
connection = $(_db glance glance)
[glance_store]
default_backend = file
[file]
filesystem_store_datadir = $STATE/glance/images/
[os_glance_staging_store]
filesystem_store_datadir = $STATE/glance/staging/
[os_glance_tasks_store]
filesystem_store_datadir = $STATE/glance/tasks/
$(_authtoken glance)
[paste_deploy]
flavor = keystone
config_file = $ETC/glance/glance-api-paste.ini
[oslo_concurrency]
lock_path = $STATE/glance/lock
$(_policy)
EOF2

  cat > "$ETC/placement/placement.conf" <<EOF2
[DEFAULT]
debug = false
[api]
auth_strategy = keystone
[placement_database]
connection = $(_db placement placement)
$(_authtoken placement)
$(_policy)
EOF2

  # ---- Nova: our own minimal paste pipeline (versions + v2.1 API behind keystone) ----
  cat > "$ETC/nova/api-paste.ini" <<'EOF2'
[composite:osapi_compute]
use = call:nova.api.openstack.urlmap:urlmap_factory
/: oscomputeversions
/v2.1: oscomputeversion_v2
/v2.1/+: openstack_compute_api_v21
[composite:openstack_compute_api_v21]
use = call:nova.api.auth:pipeline_factory_v21
keystone = compute_req_id faultwrap request_log sizelimit authtoken keystonecontext osapi_compute_app_v21
[pipeline:oscomputeversions]
pipeline = faultwrap oscomputeversionapp
[pipeline:oscomputeversion_v2]
pipeline = compute_req_id faultwrap oscomputeversionapp_v2
[app:oscomputeversionapp]
paste.app_factory = nova.api.openstack.compute.versions:Versions.factory
[app:oscomputeversionapp_v2]
paste.app_factory = nova.api.openstack.compute.versions:VersionsV2.factory
[app:osapi_compute_app_v21]
paste.app_factory = nova.api.openstack.compute:APIRouterV21.factory
[filter:compute_req_id]
paste.filter_factory = nova.api.compute_req_id:ComputeReqIdMiddleware.factory
[filter:faultwrap]
paste.filter_factory = nova.api.openstack:FaultWrapper.factory
[filter:request_log]
paste.filter_factory = nova.api.openstack.requestlog:RequestLog.factory
[filter:sizelimit]
paste.filter_factory = oslo_middleware:RequestBodySizeLimiter.factory
[filter:keystonecontext]
paste.filter_factory = nova.api.auth:NovaKeystoneContext.factory
[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
[composite:metadata]
use = call:nova.api.openstack.urlmap:urlmap_factory
/: metaapp
[app:metaapp]
paste.app_factory = nova.api.metadata.handler:MetadataRequestHandler.factory
EOF2
  cat > "$ETC/nova/nova.conf" <<EOF2
[DEFAULT]
debug = false
host = $NODE_HOST
my_ip = $IP
state_path = $STATE/nova
instances_path = $STATE/nova/instances
transport_url = $TRANSPORT_URL
# real guests: libvirt with TCG (qemu), since /dev/kvm here is kvm_pvm, which hangs
# ordinary guest kernels; the fake host gets its own config below
compute_driver = libvirt.LibvirtDriver
graceful_shutdown_timeout = 5
default_log_levels = $LOG_LEVELS
enabled_apis = osapi_compute
heal_instance_info_cache_interval = 600
allow_resize_to_same_host = true
# a Launch without a zone goes to the real host, never to the fake host's zone
default_schedule_zone = nova
# guests that ran when the dev cloud went down boot again at the next up
resume_guests_state_on_host_boot = true
[api]
dhcp_domain =
[filter_scheduler]
enabled_filters = AvailabilityZoneFilter,ComputeFilter,ComputeCapabilitiesFilter,ImagePropertiesFilter,ServerGroupAntiAffinityFilter,ServerGroupAffinityFilter
[libvirt]
virt_type = qemu
cpu_mode = none
connection_uri = qemu:///system
[wsgi]
api_paste_config = $ETC/nova/api-paste.ini
[api_database]
connection = $(_db nova nova_api)
[database]
connection = $(_db nova nova)
[conductor]
workers = 1
[scheduler]
workers = 1
discover_hosts_in_cells_interval = 60
$(_authtoken nova)
$(_keystone_auth placement nova)
$(_keystone_auth neutron nova)
service_metadata_proxy = true
metadata_proxy_shared_secret = $METADATA_SECRET
[glance]
region_name = $REGION
[cinder]
os_region_name = $REGION
$(_keystone_auth service_user nova)
send_service_user_token = true
[vnc]
enabled = true
server_listen = $IP
server_proxyclient_address = $IP
novncproxy_host = $IP
novncproxy_base_url = http://$IP:$NOVNC_PORT/vnc_auto.html
[serial_console]
enabled = true
port_range = $SERIAL_PORT_RANGE
base_url = ws://$IP:$SERIALPROXY_PORT/
proxyclient_address = $IP
serialproxy_host = $IP
serialproxy_port = $SERIALPROXY_PORT
[spice]
enabled = false
[metadata]
metadata_listen = $IP
metadata_listen_port = $NOVA_METADATA_PORT
metadata_workers = 1
# no sudo here: everything runs as root, so privsep's helper runs directly
[nova_sys_admin]
helper_command = privsep-helper --config-file $ETC/nova/nova-cpu.conf
[vif_plug_linux_bridge_privileged]
helper_command = privsep-helper --config-file $ETC/nova/nova-cpu.conf
# os-brick's (volume attach: the host's initiator name, read as root)
[privsep_osbrick]
helper_command = privsep-helper --config-file $ETC/nova/nova-cpu.conf
[oslo_concurrency]
lock_path = $STATE/nova/lock
[oslo_messaging_notifications]
driver = noop
$(_policy)
EOF2
  # nova-compute gets no DB sections, as in a real deployment; with [api_database]
  # it attempts direct DB access and logs "No DB access allowed in nova-compute".
  awk '/^\[/{skip = ($0 == "[database]" || $0 == "[api_database]")} !skip' \
    "$ETC/nova/nova.conf" > "$ETC/nova/nova-cpu.conf"
  # the fake host: nova's FakeDriver subclass (pylib/devcloud_virt.py) with console
  # logs from files and a serial console stand-in; no guests, so hundreds fit
  sed -e "s/^host = .*/host = $FAKE_HOST/" \
      -e "s/^compute_driver = .*/compute_driver = devcloud_virt.DevcloudFakeDriver/" \
      -e "s|^instances_path = .*|instances_path = $STATE/nova/instances-fake|" \
      -e "/^\[DEFAULT\]/a # hundreds of instances: a full resource audit each 10 min, not each minute; builds overlap\nupdate_resources_interval = 600\nmax_concurrent_builds = 50" \
    "$ETC/nova/nova-cpu.conf" > "$ETC/nova/nova-fake.conf"

  # ---- Neutron: our own minimal paste pipeline ----
  cat > "$ETC/neutron/api-paste.ini" <<'EOF2'
[composite:neutron]
use = egg:Paste#urlmap
/: neutronversions_composite
/v2.0: neutronapi_v2_0
[composite:neutronapi_v2_0]
use = call:neutron.auth:pipeline_factory
keystone = request_id catch_errors authtoken keystonecontext extensions neutronapiapp_v2_0
[composite:neutronversions_composite]
use = call:neutron.auth:pipeline_factory
keystone = neutronversions
[filter:request_id]
paste.filter_factory = oslo_middleware:RequestId.factory
[filter:catch_errors]
paste.filter_factory = oslo_middleware:CatchErrors.factory
[filter:keystonecontext]
paste.filter_factory = neutron.auth:NeutronKeystoneContext.factory
[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
[filter:extensions]
paste.filter_factory = neutron.api.extensions:plugin_aware_extension_middleware_factory
[app:neutronversions]
paste.app_factory = neutron.pecan_wsgi.app:versions_factory
[app:neutronapiapp_v2_0]
paste.app_factory = neutron.api.v2.router:APIRouter.factory
EOF2
  cat > "$ETC/neutron/neutron.conf" <<EOF2
[DEFAULT]
debug = false
bind_host = $IP
bind_port = $NEUTRON_PORT
state_path = $STATE/neutron
api_paste_config = $ETC/neutron/api-paste.ini
auth_strategy = keystone
core_plugin = ml2
service_plugins = router
allow_overlapping_ips = true
transport_url = $TRANSPORT_URL
# 0: the API and RPC run in the parent process (saves ~300 MB)
api_workers = 0
rpc_workers = 0
rpc_state_report_workers = 0
graceful_shutdown_timeout = 5
default_log_levels = $LOG_LEVELS
host = $NODE_HOST
interface_driver = linuxbridge
notify_nova_on_port_status_changes = true
notify_nova_on_port_data_changes = true
[database]
connection = $(_db neutron neutron)
$(_authtoken neutron)
$(_keystone_auth nova neutron)
[agent]
# everything runs as root already: commands run directly, privsep without sudo
root_helper =
[oslo_concurrency]
lock_path = $STATE/neutron/lock
[oslo_messaging_notifications]
driver = noop
$(_policy)
# Zed marks linuxbridge experimental and exits without this
[experimental]
linuxbridge = true
[ml2]
type_drivers = flat,vxlan
tenant_network_types = vxlan
# linuxbridge for the real host (its agent wires the ports); devcloud
# (pylib/devcloud_mech.py) binds the fake host's ports without an agent
mechanism_drivers = linuxbridge,l2population,devcloud
extension_drivers = port_security
[ml2_type_flat]
flat_networks = physnet1
[ml2_type_vxlan]
vni_ranges = 1:10000
[securitygroup]
enable_security_group = true
EOF2

  # ---- Neutron agents (they read neutron.conf plus their own file) ----
  cat > "$ETC/neutron/linuxbridge_agent.ini" <<EOF2
[linux_bridge]
bridge_mappings = physnet1:$EXT_BRIDGE
[vxlan]
enable_vxlan = true
# one node: the tunnel endpoint is loopback and l2population keeps it unicast
local_ip = $IP
l2_population = true
[securitygroup]
enable_security_group = true
firewall_driver = iptables
EOF2
  cat > "$ETC/neutron/dhcp_agent.ini" <<EOF2
[DEFAULT]
dhcp_driver = neutron.agent.linux.dhcp.Dnsmasq
enable_isolated_metadata = false
EOF2
  cat > "$ETC/neutron/l3_agent.ini" <<EOF2
[DEFAULT]
agent_mode = legacy
EOF2
  cat > "$ETC/neutron/metadata_agent.ini" <<EOF2
[DEFAULT]
nova_metadata_host = $IP
nova_metadata_port = $NOVA_METADATA_PORT
metadata_proxy_shared_secret = $METADATA_SECRET
metadata_workers = 1
EOF2
  gen_cinder_config
  gen_swift_config
}

# ---- Cinder: api, scheduler and volume with the dev cloud's file driver (pylib/devcloud_volume.py) ----
gen_cinder_config() {
  cat > "$ETC/cinder/api-paste.ini" <<'EOF2'
[composite:osapi_volume]
use = call:cinder.api:root_app_factory
/: apiversions
/v3: openstack_volume_api_v3
[composite:openstack_volume_api_v3]
use = call:cinder.api.middleware.auth:pipeline_factory
keystone = request_id faultwrap sizelimit authtoken keystonecontext apiv3
[filter:request_id]
paste.filter_factory = oslo_middleware.request_id:RequestId.factory
[filter:faultwrap]
paste.filter_factory = cinder.api.middleware.fault:FaultWrapper.factory
[filter:sizelimit]
paste.filter_factory = oslo_middleware.sizelimit:RequestBodySizeLimiter.factory
[filter:keystonecontext]
paste.filter_factory = cinder.api.middleware.auth:CinderKeystoneContext.factory
[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
[app:apiv3]
paste.app_factory = cinder.api.v3.router:APIRouter.factory
[pipeline:apiversions]
pipeline = request_id faultwrap osvolumeversionapp
[app:osvolumeversionapp]
paste.app_factory = cinder.api.versions:Versions.factory
EOF2
  # which list filters the API accepts (`?name=` ...): Cinder's own defaults, which come with the
  # cinder-common package, not with python3-cinder
  cat > "$ETC/cinder/resource_filters.json" <<'EOF2'
{
  "volume": ["name", "status", "metadata", "bootable", "migration_status", "availability_zone",
             "group_id", "size", "created_at", "updated_at"],
  "backup": ["name", "status", "volume_id"],
  "snapshot": ["name", "status", "volume_id", "metadata", "availability_zone"],
  "group": ["name"],
  "group_snapshot": ["name", "status", "group_id"],
  "attachment": ["volume_id", "status", "instance_id", "attach_status"],
  "message": ["resource_uuid", "resource_type", "event_id", "request_id", "message_level"],
  "pool": ["name", "volume_type"],
  "volume_type": ["is_public", "extra_specs"]
}
EOF2
  cat > "$ETC/cinder/cinder.conf" <<EOF2
[DEFAULT]
debug = false
host = $NODE_HOST
my_ip = $IP
state_path = $STATE/cinder
transport_url = $TRANSPORT_URL
auth_strategy = keystone
api_paste_config = $ETC/cinder/api-paste.ini
resource_query_filters_file = $ETC/cinder/resource_filters.json
graceful_shutdown_timeout = 5
default_log_levels = $LOG_LEVELS
enabled_backends = devcloud
image_conversion_dir = $STATE/cinder/conversion
glance_catalog_info = image:glance:publicURL
[database]
connection = $(_db cinder cinder)
$(_authtoken cinder)
$(_keystone_auth nova cinder)
interface = public
$(_keystone_auth service_user cinder)
send_service_user_token = true
[devcloud]
volume_driver = devcloud_volume.DevcloudVolumeDriver
volume_backend_name = devcloud
[oslo_concurrency]
lock_path = $STATE/cinder/lock
[oslo_messaging_notifications]
driver = noop
$(_policy)
EOF2
}

# ---- Swift: a proxy with Keystone auth and one account, container and object server on one
# directory (one replica, mount_check off). swift.conf and the rings live in $SWIFT_DIR (the rings
# are built once, at up); the servers' own files here. ----
gen_swift_config() {
  cat > "$SWIFT_DIR/swift.conf" <<'EOF2'
[swift-hash]
swift_hash_path_suffix = openstack-explorer-devcloud
swift_hash_path_prefix = openstack-explorer-devcloud
[storage-policy:0]
name = Policy-0
default = yes
EOF2
  # servers log to stderr (started with -v, so into log/NAME.log); there is no /dev/log here
  local server port
  for server in account:$SWIFT_ACCOUNT_PORT container:$SWIFT_CONTAINER_PORT object:$SWIFT_OBJECT_PORT; do
    port="${server#*:}"; server="${server%%:*}"
    cat > "$ETC/swift/$server-server.conf" <<EOF2
[DEFAULT]
bind_ip = $IP
bind_port = $port
# 0: serve in the one process we started (no forked worker)
workers = 0
user = root
swift_dir = $SWIFT_DIR
devices = $SWIFT_DIR/devices
mount_check = false
log_name = swift-$server
[pipeline:main]
pipeline = $server-server
[app:$server-server]
use = egg:swift#$server
EOF2
  done
  # the one background daemon we run, the container updater (pylib/devcloud_container_updater.py): it
  # brings the containers' object counts and bytes to their account (an account HEAD shows them)
  printf '[container-updater]\ninterval = 15\nlog_level = WARNING\nrecon_cache_path = %s\n' "$SWIFT_DIR/recon" \
    >> "$ETC/swift/container-server.conf"
  local filter
  {
    cat <<EOF2
[DEFAULT]
bind_ip = $IP
bind_port = $SWIFT_PORT
# one process that serves, as the servers above (1 would fork a worker under a parent of the same size)
workers = 0
user = root
swift_dir = $SWIFT_DIR
log_name = swift-proxy
[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging listing_formats bulk tempurl formpost authtoken keystoneauth copy slo dlo versioned_writes symlink proxy-logging proxy-server
[app:proxy-server]
use = egg:swift#proxy
# Keystone projects get their account on first use
account_autocreate = true
EOF2
    # the filters with Swift's defaults: SECTION[:ENTRY POINT]
    for filter in catch_errors gatekeeper healthcheck proxy-logging:proxy_logging listing_formats bulk tempurl \
                  formpost copy slo dlo symlink; do
      printf '[filter:%s]\nuse = egg:swift#%s\n' "${filter%%:*}" "${filter#*:}"
    done
    cat <<EOF2
[filter:versioned_writes]
use = egg:swift#versioned_writes
allow_versioned_writes = true
[filter:keystoneauth]
use = egg:swift#keystoneauth
operator_roles = admin, member
reseller_admin_role = ResellerAdmin
$(_authtoken swift | sed 's/^\[keystone_authtoken\]$/[filter:authtoken]\npaste.filter_factory = keystonemiddleware.auth_token:filter_factory/')
# anonymous requests (temp URLs, form posts, public containers) reach keystoneauth and tempurl
delay_auth_decision = true
EOF2
  } > "$ETC/swift/proxy-server.conf"
}
