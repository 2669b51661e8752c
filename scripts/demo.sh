#!/usr/bin/env bash
# The main job, end to end on this machine: installs what is missing (as root), starts a test environment of its
# own (registries on loopback, dockerd), builds the CLI, then takes a VDDK kit (a generated one unless you pass
# a real VMware-vix-disklib-*.tar.gz) to a Forklift VDDK image in the TLS + auth registry, pulls it back and runs
# it the way Forklift does (non-root user, writable /opt), and checks libvixDiskLib.so. Stops everything it
# started. Usage: scripts/demo.sh [VMware-vix-disklib-X.Y.Z-BUILD.x86_64.tar.gz]
# Options through the environment as for scripts/test.sh (FORKLIFT_VDDK_TESTENV, TESTENV_*_PORT, ...);
# DEMO_SKIP_BUILD=1 reuses an existing cli/target/forklift-vddk.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
kit_arg=${1:-}
[[ -z $kit_arg ]] || kit_arg=$(readlink -f "$kit_arg")

step() { printf '\n==> %s\n' "$*"; }

source scripts/lib/private-env.sh
step "test environment (registries, dockerd, base image)"
private_env_up
work=$FORKLIFT_VDDK_TESTENV/demo
mkdir -p "$work"

step "build the CLI"
if [[ ${DEMO_SKIP_BUILD:-0} == 1 && -f cli/target/forklift-vddk.jar ]]; then
  echo "reusing cli/target/forklift-vddk.jar"
else
  mvn -B -q -DskipTests package
fi
cli() { java -jar "$ROOT/cli/target/forklift-vddk.jar" "$@"; }
cli --help

step "VDDK kit"
if [[ -n $kit_arg ]]; then
  kit=$kit_arg
else
  # A small stand-in with the real 8.0.1 layout (relative symlink chain, ELF-looking stubs, world-readable).
  k=$work/kit/vmware-vix-disklib-distrib
  mkdir -p "$k"/{bin64,include,lib64,doc/samples/diskLib}
  printf '\177ELF stub libvixDiskLib 8.0.1\n' > "$k/lib64/libvixDiskLib.so.8.0.1"
  ln -s libvixDiskLib.so.8.0.1 "$k/lib64/libvixDiskLib.so.8"
  ln -s libvixDiskLib.so.8 "$k/lib64/libvixDiskLib.so"
  printf '\177ELF stub vmware-vdiskmanager\n' > "$k/bin64/vmware-vdiskmanager"
  echo '/* VixDiskLib */' > "$k/include/vixDiskLib.h"
  printf 'INCLUDEDIR=../../../include\nLIBDIR=../../../lib64\n' > "$k/doc/samples/diskLib/Makefile"
  chmod 0755 "$k/lib64/libvixDiskLib.so.8.0.1" "$k/bin64/vmware-vdiskmanager"
  kit=$work/VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz
  tar -C "$work/kit" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -czf "$kit" vmware-vix-disklib-distrib
fi
echo "kit: $kit ($(stat -c %s "$kit") bytes)"

# The image build below is the documented podman flow (what kubectl-mtv runs); it gives way to the CLI's build
# command as later work lands.
step "build the image (documented Dockerfile on the local base) and push it to the TLS + auth registry"
ctx=$work/context
rm -rf "$ctx"; mkdir -p "$ctx"
tar -C "$ctx" -xzf "$kit"
[[ -d $ctx/vmware-vix-disklib-distrib ]] || { echo "no vmware-vix-disklib-distrib/ in $kit" >&2; exit 1; }
cat > "$ctx/Dockerfile" <<EOF
FROM $FORKLIFT_VDDK_BASE_IMAGE
USER 1001
COPY vmware-vix-disklib-distrib /vmware-vix-disklib-distrib
RUN mkdir -p /opt
ENTRYPOINT ["cp", "-r", "/vmware-vix-disklib-distrib", "/opt"]
EOF
tag=demo-$(date +%s)
image=$REGISTRY_TLS/vddk:$tag
authfile=$work/auth.json
echo '{"auths":{}}' > "$authfile"; chmod 0600 "$authfile"
podman build --network none -q -t "localhost/vddk:$tag" "$ctx"
printf '%s' "$REGISTRY_PASS" | podman login --authfile "$authfile" --cert-dir "$REGISTRY_TLS_CERT_DIR" \
  -u "$REGISTRY_USER" --password-stdin "$REGISTRY_TLS"
podman push -q --authfile "$authfile" --cert-dir "$REGISTRY_TLS_CERT_DIR" "localhost/vddk:$tag" "docker://$image"
podman rmi -f "localhost/vddk:$tag" > /dev/null
echo "pushed $image"

step "pull it back and run it as Forklift does (uid 1001, writable /opt)"
podman pull -q --authfile "$authfile" --cert-dir "$REGISTRY_TLS_CERT_DIR" "$image" > /dev/null
opt=$work/opt
mkdir -p "$opt"; chmod 0777 "$opt"
podman run --rm --user 1001 -v "$opt:/opt" "$image"
resolved=$(podman run --rm --user 1001 -v "$opt:/opt" --entrypoint sh "$image" -c \
  'test -f /opt/vmware-vix-disklib-distrib/lib64/libvixDiskLib.so && readlink -f /opt/vmware-vix-disklib-distrib/lib64/libvixDiskLib.so')
podman rmi -f "$image" > /dev/null
echo "libvixDiskLib.so resolves to $resolved"
step "done: $image"
rc=0
