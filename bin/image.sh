#!/usr/bin/env bash
# make image: build localhost/maxww:dev from the Containerfile with podman.
# No registry is reachable on the project's machines, so the Debian base image is
# made with debootstrap once; elsewhere `docker build -t maxww .` needs none of this.
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/podman-env.sh

if ! podman image exists "$BASE_IMAGE"; then
  echo "== making $BASE_IMAGE with debootstrap"
  command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null
  root="$(mktemp -d /var/tmp/maxww-base.XXXXXX)"
  debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
  tar -C "$root" -c . | podman import --quiet - "$BASE_IMAGE" >/dev/null
  rm -rf "$root"
fi

ca=/etc/ssl/certs/ca-certificates.crt  # a proxy's CA, for pip during the build only
[ -f "$ca" ] || ca=""
echo "== building $IMAGE"
start=$(date +%s)
podman build --quiet --format docker --network host \
  --build-arg BASE="$BASE_IMAGE" \
  ${ca:+-v "$ca:/run/host-ca.crt:ro" --build-arg PIP_CERT=/run/host-ca.crt} \
  -t "$IMAGE" -f Containerfile . >/dev/null
echo "== built $IMAGE in $(( $(date +%s) - start )) s, $(podman image inspect --format '{{.Size}}' "$IMAGE" | numfmt --to=si)B"
