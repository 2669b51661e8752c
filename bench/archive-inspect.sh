#!/usr/bin/env bash
# Benchmark of VDDK kit inspection (issue 3): forklift-vddk inspect against `gzip -dc FILE | sha256sum` and
# `sha256sum FILE` on the same realistic kit in the same run, then peak memory on a 10 MB and a 1 GB kit.
#
#   bench/archive-inspect.sh            # ~72 MiB uncompressed kit (like VDDK 8.0.1), 10 runs each
#   SIZE=200m RUNS=5 bench/archive-inspect.sh
#
# Needs the CLI jar and core's test classes (the kit generator):
#   mvn -B -q -o package -pl core,cli -DskipTests
# Target: in-process inspection <= 1.3x `gzip -dc | sha256sum`; peak RSS the same for 10 MB and 1 GB.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE=${SIZE:-72m}
RUNS=${RUNS:-10}
JAR=cli/target/forklift-vddk.jar
TEST_CLASSES=core/target/test-classes
if [[ ! -f $JAR || ! -f $TEST_CLASSES/io/forkliftvddk/core/testkit/VddkKits.class ]]; then
    echo "build first: mvn -B -q -o package -pl core,cli -DskipTests" >&2
    exit 2
fi
CP="$TEST_CLASSES:$JAR"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/archive-inspect.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

kit() { # SIZE DIR [extra generator options]
    java -cp "$CP" io.forkliftvddk.core.testkit.VddkKits --version 8.0.1-21562716 --size "$1" --out "$2" "${@:3}"
}

echo "== machine: $(nproc) CPUs, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
KIT=$(kit "$SIZE" "$WORK/kit")
echo "== kit: $KIT"
echo "   compressed $(stat -c %s "$KIT") bytes, uncompressed $(gzip -dc "$KIT" | wc -c) bytes"

echo "== in-process inspection (3 warm-up runs, then $RUNS)"
INPROC=$(java -cp "$CP" io.forkliftvddk.core.archive.InspectBench "$KIT" "$RUNS")
echo "   $INPROC"
median_ms=$(sed -E 's/.*median_ms=([0-9]+).*/\1/' <<<"$INPROC")

echo "== whole commands (hyperfine if present)"
if command -v hyperfine >/dev/null; then
    hyperfine --style basic --warmup 2 --runs "$RUNS" --export-json "$WORK/h.json" \
        -n sha256sum "sha256sum '$KIT'" \
        -n 'gzip -dc | sha256sum' "gzip -dc '$KIT' | sha256sum" \
        -n 'forklift-vddk inspect (JVM start included)' "java -jar '$JAR' inspect '$KIT' >/dev/null 2>&1"
    gz_ms=$(python3 -c "import json;r=json.load(open('$WORK/h.json'))['results'];print(round(r[1]['median']*1000))")
else
    best=999999
    for _ in $(seq "$RUNS"); do
        s=$(date +%s%N); gzip -dc "$KIT" | sha256sum >/dev/null; e=$(date +%s%N)
        t=$(((e - s) / 1000000)); ((t < best)) && best=$t
    done
    gz_ms=$best
    echo "   gzip -dc | sha256sum: best of $RUNS = ${gz_ms} ms (hyperfine not installed)"
fi
echo "== ratio: in-process inspect median ${median_ms} ms / gzip -dc | sha256sum median ${gz_ms} ms = $(python3 -c "print(round($median_ms/$gz_ms, 2))") (target <= 1.3)"

echo "== peak memory (maximum resident set size of the whole CLI)"
SMALL=$(kit 10m "$WORK/small")
BIG=$(kit 1g "$WORK/big" --level 1)
for f in "$SMALL" "$BIG"; do
    size=$(stat -c %s "$f")
    rss=$( (/usr/bin/time -v java -jar "$JAR" inspect "$f" >/dev/null) 2>&1 | awk -F': ' '/Maximum resident/{print $2}')
    echo "   $(basename "$(dirname "$f")") kit: $size bytes compressed -> max RSS ${rss} KiB"
done
