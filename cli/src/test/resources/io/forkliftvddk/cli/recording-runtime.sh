#!/usr/bin/env bash
# A container runtime that records every call, then runs the real one with the same arguments and input.
# For each call it writes, under $FORKLIFT_VDDK_RECORD_DIR, <n>.argv (one argument a line), <n>.env (the environment)
# and <n>.stdin (what the caller wrote to standard input), so a test can prove where a password went.
set -u
dir="${FORKLIFT_VDDK_RECORD_DIR:?FORKLIFT_VDDK_RECORD_DIR is not set}"
real="${FORKLIFT_VDDK_REAL_RUNTIME:?FORKLIFT_VDDK_REAL_RUNTIME is not set}"
n="$(date +%s%N)-$$"
printf '%s\n' "$@" > "$dir/$n.argv"
env > "$dir/$n.env"
cat > "$dir/$n.stdin"
exec "$real" "$@" < "$dir/$n.stdin"
