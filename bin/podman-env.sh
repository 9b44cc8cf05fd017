# Sourced by bin/image.sh and bin/image-test.sh: podman as it runs on these machines.
IMAGE="${IMAGE:-localhost/maxww:dev}"
BASE_IMAGE="${BASE_IMAGE:-localhost/bookworm-base}"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$PWD/deploy/podman/containers.conf}"
if ! command -v podman >/dev/null || [ ! -x /usr/sbin/runc ]; then
  echo "== installing podman and runc"
  apt-get install -y -qq podman runc >/dev/null
fi
