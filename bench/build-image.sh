#!/usr/bin/env bash
# Benchmark: kubectl-mtv's image build sequence vs. forklift-vddk's built-in builder, same kit, same loopback registry.
#
#   (a) tar -xzf KIT + the documented Dockerfile (FROM the local busybox base) + podman build --network none + podman push
#   (b) java -jar cli/target/forklift-vddk.jar build-image --runtime builtin --push   (JVM start included)
#
# Cold = a fresh repository name (every blob uploaded; podman build --no-cache); warm = the same image again (podman's
# build cache hits and its push finds the blobs; the built-in builder finds the tag unchanged). Then the in-process
# harness (no JVM start, as inside Jenkins) against `gzip -dc KIT | sha256sum`.
#
# Needs: the test environment (scripts/testenv.sh start; source $FORKLIFT_VDDK_TESTENV/env.sh), podman, hyperfine,
# python3, and `mvn -o package -pl core,cli -DskipTests` done. Usage: bench/build-image.sh [KIT] (default: a generated
# ~72 MB elf-like 8.0.1 kit). RUNS=N sets the number of timed runs (default 7).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JAR=$ROOT/cli/target/forklift-vddk.jar
RUNS=${RUNS:-7}
: "${REGISTRY:?source the test environment's env.sh first (scripts/testenv.sh start)}"
: "${FORKLIFT_VDDK_BASE_IMAGE:?source the test environment's env.sh first}"
for tool in podman hyperfine python3 java; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done
[ -f "$JAR" ] || { echo "bench: $JAR missing; run mvn -o package -pl core,cli -DskipTests" >&2; exit 1; }
[ -d "$ROOT/core/target/test-classes" ] || { echo "bench: core test classes missing; run mvn -o package -pl core,cli -DskipTests" >&2; exit 1; }

WORK=$(mktemp -d /tmp/bench-build-image.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
if [ $# -ge 1 ]; then
    KIT=$(readlink -f "$1")
else
    KIT=$(java -cp "$ROOT/core/target/test-classes:$JAR" io.forkliftvddk.core.testkit.VddkKits \
        --size 72m --fill elf_like --out "$WORK/kit" | tail -1)
fi
BASE_REGISTRY=$REGISTRY/base/busybox:latest
echo "kit: $KIT ($(stat -c %s "$KIT") bytes), registry $REGISTRY, $RUNS runs each"

# route (a): what kubectl-mtv runs (pkg/cmd/create/vddk/vddk.go), FROM replaced by the local base (no public registry here)
cat > "$WORK/route-a.sh" <<A
#!/usr/bin/env bash
set -euo pipefail
repo=\$1; shift
ctx=\$(mktemp -d $WORK/ctx.XXXXXX)
tar -xzf "$KIT" -C "\$ctx"
printf 'FROM %s\nUSER 1001\nCOPY vmware-vix-disklib-distrib /vmware-vix-disklib-distrib\nRUN mkdir -p /opt\nENTRYPOINT ["cp", "-r", "/vmware-vix-disklib-distrib", "/opt"]\n' "$FORKLIFT_VDDK_BASE_IMAGE" > "\$ctx/Dockerfile"
podman build -q "\$@" --network none -t "$REGISTRY/\$repo:8.0.1" "\$ctx" >/dev/null
podman push -q --tls-verify=false "$REGISTRY/\$repo:8.0.1" >/dev/null
rm -rf "\$ctx"
A
cat > "$WORK/route-b.sh" <<B
#!/usr/bin/env bash
set -euo pipefail
exec java -jar "$JAR" build-image --tar "$KIT" --tag "$REGISTRY/\$1:8.0.1" --runtime builtin --push --base-image "$BASE_REGISTRY" >/dev/null 2>&1
B
chmod +x "$WORK"/route-*.sh
fresh() { echo "bench/build-image-$1-\$(od -An -tx8 -N8 /dev/urandom | tr -d ' ')"; }
WARM_A="bench/build-image-a-warm-$RANDOM$RANDOM"
WARM_B="bench/build-image-b-warm-$RANDOM$RANDOM"

hyperfine --style basic --runs "$RUNS" --warmup 1 --export-json "$WORK/cold.json" \
    --cleanup "podman images --format '{{.Repository}}:{{.Tag}}' | grep 'bench/build-image-a-' | xargs -r podman rmi -f >/dev/null 2>&1 || true" \
    -n "a cold (extract + podman build --no-cache + push)" "$WORK/route-a.sh $(fresh a) --no-cache" \
    -n "b cold (java -jar build-image --runtime builtin)" "$WORK/route-b.sh $(fresh b)"
hyperfine --style basic --runs "$RUNS" --warmup 1 --export-json "$WORK/warm.json" \
    -n "a warm (extract + podman build cached + push)" "$WORK/route-a.sh $WARM_A" \
    -n "b warm (java -jar build-image: unchanged)" "$WORK/route-b.sh $WARM_B"
podman images --format '{{.Repository}}:{{.Tag}}' | grep 'bench/build-image-a-' | xargs -r podman rmi -f >/dev/null 2>&1 || true

python3 - "$WORK/cold.json" "$WORK/warm.json" <<'PY'
import json, sys
def med(path):
    r = json.load(open(path))["results"]
    return [(x["command"], x["median"] * 1000) for x in r]
cold, warm = med(sys.argv[1]), med(sys.argv[2])
print("\nmedians (ms):")
for (n, v) in cold + warm:
    print(f"  {v:8.0f}  {n}")
print(f"\ncold: a/b = {cold[0][1] / cold[1][1]:.1f}x (target >= 5x)")
print(f"warm: a/b = {warm[0][1] / warm[1][1]:.1f}x (target >= 4x)")
PY

echo
echo "in-process (no JVM start):"
java -cp "$ROOT/core/target/test-classes:$JAR" io.forkliftvddk.core.bench.BuiltinBuildBench "$KIT" "$REGISTRY" "$BASE_REGISTRY" "$RUNS"
