#!/usr/bin/env bash
# The README's test command: installs what is missing (as root), starts a test environment of its own, runs
# `mvn -B verify` with any extra arguments (e.g. scripts/test.sh -o -pl core), and always stops the environment.
#   FORKLIFT_VDDK_TESTENV   work dir (default: a fresh /tmp/forklift-vddk-test.sh.XXXXXX, removed on success)
#   TESTENV_PLAIN_PORT / TESTENV_AUTH_PORT / TESTENV_TLS_PORT / TESTENV_DOCKER_SOCK
#                           default: three free loopback ports and a private socket, so a running shared
#                           environment (5000/5001/5443) is never touched
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/private-env.sh
private_env_up
set +e
mvn -B verify "$@"
rc=$?
set -e
