#!/usr/bin/env bash
# The README's test command: installs what is missing (as root), starts a private test environment, runs
# `mvn -B verify` with any extra arguments, and always stops the environment again.
#   FORKLIFT_VDDK_TESTENV   work dir to use (default: a fresh /tmp/forklift-vddk-test.XXXXXX, removed on success)
#   TESTENV_PLAIN_PORT / TESTENV_AUTH_PORT / TESTENV_TLS_PORT / TESTENV_DOCKER_SOCK
#                           default: three free loopback ports and a private socket, so a running shared
#                           environment (5000/5001/5443) is never touched
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$SECONDS

if ! missing=$(scripts/testenv.sh missing); then
  if [[ $(id -u) != 0 ]]; then
    echo "test.sh: missing packages: $(echo $missing); run as root (or 'sudo scripts/testenv.sh install' first)" >&2
    exit 1
  fi
  scripts/testenv.sh install
fi

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { # a free port above $1 that is not in $2...
  local p=$1; shift
  while :; do
    p=$((p + 1))
    if port_free "$p" && [[ " $* " != *" $p "* ]]; then echo "$p"; return; fi
  done
}
base=$((20000 + RANDOM % 20000))
export TESTENV_PLAIN_PORT=${TESTENV_PLAIN_PORT:-$(free_port "$base")}
export TESTENV_AUTH_PORT=${TESTENV_AUTH_PORT:-$(free_port "$TESTENV_PLAIN_PORT" "$TESTENV_PLAIN_PORT")}
export TESTENV_TLS_PORT=${TESTENV_TLS_PORT:-$(free_port "$TESTENV_AUTH_PORT" "$TESTENV_PLAIN_PORT" "$TESTENV_AUTH_PORT")}
export TESTENV_DOCKER_SOCK=${TESTENV_DOCKER_SOCK:-/run/forklift-vddk-test-$$.sock}
own_workdir=0
if [[ -z ${FORKLIFT_VDDK_TESTENV:-} ]]; then
  FORKLIFT_VDDK_TESTENV=$(mktemp -d /tmp/forklift-vddk-test.XXXXXX)
  own_workdir=1
fi
export FORKLIFT_VDDK_TESTENV

rc=1
finish() {
  local stop_rc=0
  scripts/testenv.sh stop || stop_rc=$?
  if [[ $rc == 0 && $own_workdir == 1 && $stop_rc == 0 ]]; then
    rm -rf "$FORKLIFT_VDDK_TESTENV"
  else
    echo "test.sh: test environment logs kept in $FORKLIFT_VDDK_TESTENV/logs" >&2
  fi
  echo "test.sh: exit $rc after $((SECONDS - t0)) s" >&2
  exit "$rc"
}
trap finish EXIT
trap 'rc=130; exit 130' INT TERM

scripts/testenv.sh start
# shellcheck disable=SC1091
source "$FORKLIFT_VDDK_TESTENV/env.sh"
set +e
mvn -B verify "$@"
rc=$?
set -e
