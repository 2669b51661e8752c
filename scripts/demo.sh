#!/usr/bin/env bash
# The main job, end to end on this machine, through the product's own command line (cli/target/forklift-vddk.jar):
# installs what is missing (as root), starts a private test environment (registries on free loopback ports, its own
# dockerd), builds the CLI, then
#   kit        a realistic generated kit (the test-kit generator) or the real VMware kit given as argument
#   inspect    validates the kit, reads version and digests
#   find-vddk  the newest kit in the drop directory; its image does not exist yet (exit 0: build it)
#   build-image --runtime builtin: kit -> image in the TLS + auth registry (base image from that registry), pinned
#              digest read from -o json; run again: the warm no-op reports unchanged
#   verify-image, then podman pulls the pinned image and runs it as Forklift does (uid 1001, writable /opt):
#              libvixDiskLib.so resolves to the kit's library, byte for byte
#   build-image --runtime podman: the documented Dockerfile flow, pushed to the basic-auth registry, verified
#   find-vddk  again: the image for the newest kit exists (exit 3: nothing new)
#   cluster    a stand-in Kubernetes API (fabric8 mock with the Forklift CRDs and a ForkliftController):
#              settings get, configure-forklift --vddk-image <pinned> (dry run, then for real), create-provider
#              --dry-run -o yaml (secrets redacted), then for real with --password-stdin; --wait times out honestly,
#              since the mock has no Forklift controller to mark the Provider Ready
# Every step prints a header with the elapsed time; any failure exits non-zero; everything started is stopped on exit
# (the environment by recorded PID, the mock cluster, pulled and built images).
# Usage: scripts/demo.sh [VMware-vix-disklib-X.Y.Z-BUILD.x86_64.tar.gz]
# Environment: as scripts/test.sh (FORKLIFT_VDDK_TESTENV, TESTENV_*_PORT, ...); DEMO_SKIP_BUILD=1 reuses the built
# jar and core test classes; DEMO_KIT_SIZE (default 72m) sizes the generated kit's uncompressed content.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
kit_arg=${1:-}
if [[ -n $kit_arg ]]; then
  [[ -f $kit_arg ]] || { echo "demo.sh: $kit_arg: no such file" >&2; exit 2; }
  kit_arg=$(readlink -f "$kit_arg")
fi

demo_t0=$SECONDS
current_step=start
step() { current_step=$*; printf '\n==> [%4ss] %s\n' "$((SECONDS - demo_t0))" "$*"; }
ok() { printf '    ok: %s\n' "$*"; }
die() { printf '\ndemo.sh: FAILED: %s\n' "$*" >&2; exit 1; }
show() { # echo the command line on stderr (stdout may be captured; secrets come from stdin, never from here), run it
  printf '$ %s\n' "$*" | sed 's/^\$ cli /$ forklift-vddk /' >&2
  "$@"
}

source scripts/lib/private-env.sh
step "test environment (registries, dockerd, base image)"
private_env_up
work=$FORKLIFT_VDDK_TESTENV/demo
mkdir -p "$work"
chmod 0700 "$work"

# Stopped on every exit, before the environment itself: the mock cluster, the images this run put in podman's store.
mock_pid=
podman_images=()
demo_cleanup() {
  [[ $rc == 0 ]] || echo "demo.sh: FAILED in step: $current_step" >&2
  if [[ -n $mock_pid ]] && kill -0 "$mock_pid" 2> /dev/null; then
    kill "$mock_pid" 2> /dev/null || true
    wait "$mock_pid" 2> /dev/null || true
    echo "demo.sh: stopped the mock Kubernetes API (PID $mock_pid)" >&2
  fi
  local i
  for i in "${podman_images[@]}"; do podman rmi -f "$i" > /dev/null 2>&1 || true; done
}
trap 'demo_cleanup; _private_env_finish' EXIT

step "build the CLI and the core test classes (kit generator, mock cluster)"
cp_file=core/target/demo-test.classpath
if [[ ${DEMO_SKIP_BUILD:-0} == 1 && -f cli/target/forklift-vddk.jar && -d core/target/test-classes && -s $cp_file ]]; then
  echo "reusing cli/target/forklift-vddk.jar, core/target/test-classes and $cp_file"
else
  # -DskipTests still compiles the tests; the dependency plugin (pinned: Maven's default 2.8 predates
  # includeScope handling we need) writes each module's test classpath next to its classes.
  mvn -B -q -DskipTests package org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/demo-test.classpath
fi
[[ -s $cp_file ]] || die "no core test classpath in $cp_file"
core_cp="$ROOT/core/target/test-classes:$ROOT/core/target/classes:$(cat "$cp_file")"
cli() { java -jar "$ROOT/cli/target/forklift-vddk.jar" "$@"; }
echo "forklift-vddk below is: java -jar cli/target/forklift-vddk.jar"
show cli --version

step "VDDK kit"
kits=$work/kits
mkdir -p "$kits"
if [[ -n $kit_arg ]]; then
  # the drop directory find-vddk watches holds the real kit (linked, or copied across file systems)
  ln -f "$kit_arg" "$kits/" 2> /dev/null || cp "$kit_arg" "$kits/"
  kit=$kits/$(basename "$kit_arg")
else
  # A realistic 8.0.3 kit (VMware's layout and names, relative symlink chains, ELF stubs) next to an older 8.0.1.
  java -cp "$core_cp" io.forkliftvddk.core.testkit.VddkKits --version 8.0.1 --size 256k --out "$kits" > /dev/null
  kit=$(java -cp "$core_cp" io.forkliftvddk.core.testkit.VddkKits --version 8.0.3 --size "${DEMO_KIT_SIZE:-72m}" --out "$kits")
fi
# the checksum VMware publishes on its download page, saved next to the kit as organisations do
(cd "$kits" && sha256sum "$(basename "$kit")" > "$(basename "$kit").sha256")
ls -l "$kits"

step "inspect the kit"
show cli inspect "$kit"
report=$(cli inspect -o json "$kit")
kit_sha=$(jq -r .sha256 <<< "$report")
library=$(jq -r .library <<< "$report")
[[ $(jq -r .valid <<< "$report") == true ]] || die "inspect: kit not valid"
[[ $kit_sha == "$(cut -d' ' -f1 < "$kit.sha256")" ]] || die "inspect: sha256 differs from sha256sum"
ok "valid kit $(jq -r .version <<< "$report"), sha256 equal to sha256sum's, library $library"

# The registries: TLS + basic auth (CA given with --ca-cert) for the built-in builder, basic auth over plain http for
# podman. Passwords always go through standard input.
repo=$REGISTRY_TLS/demo/vddk
podman_repo=$REGISTRY_AUTH/demo/vddk-podman
authfile=$work/auth.json
printf '%s' "$REGISTRY_PASS" | podman login --authfile "$authfile" --cert-dir "$REGISTRY_TLS_CERT_DIR" \
  -u "$REGISTRY_USER" --password-stdin "$REGISTRY_TLS" > /dev/null

step "find-vddk: newest kit in the drop directory, image not built yet (exit 0: build it)"
code=0
found=$(show cli find-vddk --source "$kits" --image-repository "$repo" --ca-cert "$REGISTRY_TLS_CA" \
  --registry-username "$REGISTRY_USER" --registry-password-stdin -o json <<< "$REGISTRY_PASS") || code=$?
echo "$found"
[[ $code == 0 ]] || die "find-vddk exited $code before the build (expected 0)"
[[ $(jq -r .name <<< "$found") == "$(basename "$kit")" ]] || die "find-vddk did not pick $(basename "$kit")"
[[ $(jq -r .sha256 <<< "$found") == "$kit_sha" ]] || die "find-vddk did not read the published checksum"
image=$(jq -r .image <<< "$found")
ok "exit 0, newest kit $(jq -r .version <<< "$found"), build $image"

step "build-image --runtime builtin: push to the TLS + auth registry (cold)"
t=$SECONDS
built=$(show cli build-image --runtime builtin --tar "$kit" --expect-sha256 "$kit_sha" --tag "$image" --push \
  --base-image "$REGISTRY_TLS/base/busybox:latest" --ca-cert "$REGISTRY_TLS_CA" \
  --registry-username "$REGISTRY_USER" --registry-password-stdin -o json <<< "$REGISTRY_PASS")
echo "$built"
pinned=$(jq -r .pinned <<< "$built")
[[ $pinned == "$repo@sha256:"* ]] || die "no pinned reference in the build result"
[[ $(jq -r .unchanged <<< "$built") == false ]] || die "cold build reported unchanged"
[[ $(jq -r .verification.passed <<< "$built") == true ]] || die "cold build not verified"
ok "pushed $pinned in $((SECONDS - t)) s (with JVM start)"

step "build-image again: the warm no-op (nothing uploaded, unchanged)"
t=$SECONDS
again=$(printf '%s' "$REGISTRY_PASS" | cli build-image --runtime builtin --tar "$kit" --tag "$image" --push \
  --base-image "$REGISTRY_TLS/base/busybox:latest" --ca-cert "$REGISTRY_TLS_CA" \
  --registry-username "$REGISTRY_USER" --registry-password-stdin -o json)
jq -c '{pinned, unchanged, previousDigest, builder}' <<< "$again"
[[ $(jq -r .unchanged <<< "$again") == true ]] || die "second build was not a no-op"
[[ $(jq -r .pinned <<< "$again") == "$pinned" ]] || die "second build gave another digest"
ok "unchanged, same digest, in $((SECONDS - t)) s (with JVM start)"

step "verify-image: the pushed image against Forklift's contract"
printf '%s' "$REGISTRY_PASS" | show cli verify-image "$pinned" --ca-cert "$REGISTRY_TLS_CA" \
  --registry-username "$REGISTRY_USER" --registry-password-stdin

step "pull and run it as Forklift does (uid 1001, writable /opt), check libvixDiskLib.so"
podman_images+=("$pinned")
podman pull -q --authfile "$authfile" --cert-dir "$REGISTRY_TLS_CERT_DIR" "$pinned" > /dev/null
opt=$work/opt
mkdir -p "$opt"
chmod 0777 "$opt"
show podman run --rm --user 1001 -v "$opt:/opt" "$pinned"
resolved=$(podman run --rm --user 1001 -v "$opt:/opt" --entrypoint sh "$pinned" -c \
  'l=/opt/vmware-vix-disklib-distrib/lib64/libvixDiskLib.so; test -f "$l" && readlink -f "$l" && sha256sum "$l"')
echo "$resolved"
want=$(tar -xzOf "$kit" "$library" | sha256sum | cut -d' ' -f1)
got=$(sed -n 2p <<< "$resolved" | cut -d' ' -f1)
[[ $(sed -n 1p <<< "$resolved") == "/opt/${library#./}" ]] || die "libvixDiskLib.so does not resolve to /opt/$library"
[[ $got == "$want" ]] || die "the library in /opt differs from the kit's ($got != $want)"
ok "libvixDiskLib.so -> /opt/${library#./}, sha256 equal to the kit's"

step "build-image --runtime podman: the documented Dockerfile, pushed to the basic-auth registry"
podman_tag=$podman_repo:${image##*:}
podman_images+=("$podman_tag" "$REGISTRY_AUTH/base/busybox:latest")
t=$SECONDS
pbuilt=$(printf '%s' "$REGISTRY_PASS" | show cli build-image --runtime podman --tar "$kit" --tag "$podman_tag" --push \
  --push-insecure-skip-tls --base-image "$REGISTRY_AUTH/base/busybox:latest" \
  --registry-username "$REGISTRY_USER" --registry-password-stdin -o json)
jq -c '{pinned, unchanged, builder, verification: .verification.passed}' <<< "$pbuilt"
ppinned=$(jq -r .pinned <<< "$pbuilt")
[[ $ppinned == "$podman_repo@sha256:"* ]] || die "no pinned reference in the podman build result"
[[ $(jq -r .builder <<< "$pbuilt") == podman ]] || die "not built with podman"
ok "pushed $ppinned in $((SECONDS - t)) s"
printf '%s' "$REGISTRY_PASS" | show cli verify-image "$ppinned" --push-insecure-skip-tls \
  --registry-username "$REGISTRY_USER" --registry-password-stdin

step "find-vddk again: the image for the newest kit exists (exit 3: nothing new)"
code=0
show cli find-vddk --source "$kits" --image-repository "$repo" --ca-cert "$REGISTRY_TLS_CA" \
  --registry-username "$REGISTRY_USER" --registry-password-stdin <<< "$REGISTRY_PASS" || code=$?
[[ $code == 3 ]] || die "find-vddk exited $code after the build (expected 3)"
ok "exit 3"

step "cluster: start a stand-in Kubernetes API (fabric8 mock, Forklift CRDs, ForkliftController in openshift-mtv)"
kubeconfig=$work/kubeconfig
java -cp "$core_cp" io.forkliftvddk.core.forklift.MockCluster "$kubeconfig" > "$work/mock.out" 2> "$work/mock.log" &
mock_pid=$!
for ((i = 0; i < 600; i++)); do
  [[ -s $work/mock.out ]] && break
  kill -0 "$mock_pid" 2> /dev/null || { cat "$work/mock.log" >&2; die "the mock Kubernetes API exited during start-up"; }
  sleep 0.1
done
[[ -s $work/mock.out ]] || die "the mock Kubernetes API did not start within 60 s (log $work/mock.log)"
echo "mock API server $(sed -n 's/^ *server: //p' "$kubeconfig") (PID $mock_pid), kubeconfig $kubeconfig"
export KUBECONFIG=$kubeconfig

step "settings get: the VDDK-related settings before"
show cli settings get --setting vddk_image --setting controller_vddk_job_active_deadline_sec
[[ $(cli settings get vddk_image) == "(not set)" ]] || die "vddk_image already set on a fresh mock"

step "configure-forklift --vddk-image <pinned>: dry run (the JSON Patch), then for real"
show cli configure-forklift --vddk-image "$pinned" --dry-run
show cli configure-forklift --vddk-image "$pinned"
[[ $(cli settings get vddk_image) == "$pinned" ]] || die "vddk_image is not $pinned after configure-forklift"
ok "vddk_image = $pinned"

step "create-provider --dry-run -o yaml: the Secret and Provider it would create (secrets redacted)"
vc_ca=$work/vcenter-ca.pem
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/vcenter-ca.key" -out "$vc_ca" -days 1 \
  -subj /CN=vcenter.demo.example > /dev/null 2>&1
vc_pass=demo-vcenter-password-$RANDOM
provider_args=(vsphere-demo --namespace demo --url https://vcenter.demo.example/sdk
  --username administrator@vsphere.local --password-stdin --cacert "$vc_ca"
  --vddk-init-image "$pinned" --use-vddk-aio-optimization --preset medium)
yaml=$(show cli create-provider "${provider_args[@]}" --dry-run -o yaml <<< "$vc_pass")
echo "$yaml"
grep -q 'kind: "Provider"' <<< "$yaml" || die "no Provider in the dry run"
! grep -q "$vc_pass" <<< "$yaml" || die "the dry run printed the password"
grep -q "$(printf '<redacted>' | base64)" <<< "$yaml" || die "the dry run does not show the redaction"
ok "password and CA redacted"

step "create-provider for real (password on standard input)"
show cli create-provider "${provider_args[@]}" <<< "$vc_pass"
pjson=$(cli create-provider "${provider_args[@]}" -o json <<< "$vc_pass")
[[ $(jq -r '.effectiveSettings.vddkInitImage' <<< "$pjson") == "$pinned" ]] || die "vddkInitImage not read back as $pinned"
[[ $(jq -r '.outcome' <<< "$pjson") =~ ^(unchanged|UNCHANGED)$ ]] || die "second create-provider changed something: $(jq -c .outcome <<< "$pjson")"
ok "Provider demo/vsphere-demo holds vddkInitImage $pinned (read back); a second run leaves it unchanged"

step "create-provider --wait: nothing marks a mock Provider Ready, so the wait must time out and fail"
code=0
show cli create-provider "${provider_args[@]}" --wait --timeout 5s <<< "$vc_pass" || code=$?
[[ $code == 1 ]] || die "create-provider --wait exited $code (expected 1: not Ready within 5s)"
ok "exit 1 after the timeout, with what it saw"

step "done in $((SECONDS - demo_t0)) s: $pinned (builtin), $ppinned (podman)"
rc=0
