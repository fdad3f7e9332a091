# uwsgi entry for nova's compute API: what nova-common's nova-api-wsgi script
# does, for a cloud that installs only python3-nova.
from nova.api.openstack.compute.wsgi import init_application

application = init_application()
