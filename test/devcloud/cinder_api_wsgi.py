# uwsgi entry for Cinder's API: what cinder-api's cinder-wsgi script does, for a cloud that
# installs only python3-cinder. The config file comes through uwsgi's --pyargv.
from cinder.wsgi.wsgi import initialize_application

application = initialize_application()
