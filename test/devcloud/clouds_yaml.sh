#!/bin/bash
# clouds_yaml.sh - prints the dev cloud's clouds.yaml (dev-only passwords).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cloud() { # NAME USER PASSWORD PROJECT
  cat <<EOF2
  $1:
    auth:
      auth_url: $KEYSTONE_URL
      username: $2
      password: $3
      project_name: $4
      user_domain_name: Default
      project_domain_name: Default
    region_name: $REGION
    interface: public
    identity_api_version: 3
EOF2
}
echo "clouds:"
cloud devcloud demo "$DEMO_PASS" demo
cloud devcloud-admin admin "$ADMIN_PASS" admin
