# shellcheck shell=bash
# Sourced by scripts/test.sh and scripts/demo.sh (bash, set -euo pipefail, cwd = repository root).
# private_env_up: installs what is missing (as root), starts a test environment of its own (a fresh work dir,
# three free loopback ports, its own dockerd socket, unless the caller set FORKLIFT_VDDK_TESTENV / TESTENV_*),
# sources its env.sh and arranges for it to be stopped on exit. The script's exit code is $rc (set it).
# A running shared environment on 5000/5001/5443 is never touched.

rc=1
_private_env_t0=$SECONDS
_private_env_own_workdir=0
_private_env_name=${0##*/}

_private_env_port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
_private_env_free_port() { # a free port above $1 that is none of the others given
  local p=$1; shift
  while :; do
    p=$((p + 1))
    if _private_env_port_free "$p" && [[ " $* " != *" $p "* ]]; then echo "$p"; return; fi
  done
}

_private_env_finish() {
  local stop_rc=0
  scripts/testenv.sh stop || stop_rc=$?
  if [[ $rc == 0 && $_private_env_own_workdir == 1 && $stop_rc == 0 ]]; then
    rm -rf "$FORKLIFT_VDDK_TESTENV"
  elif [[ $rc != 0 || $stop_rc != 0 ]]; then
    echo "$_private_env_name: test environment logs kept in $FORKLIFT_VDDK_TESTENV/logs" >&2
  fi
  echo "$_private_env_name: exit $rc after $((SECONDS - _private_env_t0)) s" >&2
  exit "$rc"
}

private_env_up() {
  local missing
  if ! missing=$(scripts/testenv.sh missing); then
    if [[ $(id -u) != 0 ]]; then
      echo "$_private_env_name: missing packages: ${missing//$'\n'/ }; run as root (or 'sudo scripts/testenv.sh install' first)" >&2
      exit 1
    fi
    scripts/testenv.sh install
  fi
  local base=$((20000 + RANDOM % 20000))
  export TESTENV_PLAIN_PORT=${TESTENV_PLAIN_PORT:-$(_private_env_free_port "$base")}
  export TESTENV_AUTH_PORT=${TESTENV_AUTH_PORT:-$(_private_env_free_port "$TESTENV_PLAIN_PORT" "$TESTENV_PLAIN_PORT")}
  export TESTENV_TLS_PORT=${TESTENV_TLS_PORT:-$(_private_env_free_port "$TESTENV_AUTH_PORT" "$TESTENV_PLAIN_PORT" "$TESTENV_AUTH_PORT")}
  export TESTENV_DOCKER_SOCK=${TESTENV_DOCKER_SOCK:-/run/forklift-vddk-$$.sock}
  if [[ -z ${FORKLIFT_VDDK_TESTENV:-} ]]; then
    FORKLIFT_VDDK_TESTENV=$(mktemp -d "/tmp/forklift-vddk-$_private_env_name.XXXXXX")
    _private_env_own_workdir=1
  fi
  export FORKLIFT_VDDK_TESTENV
  trap _private_env_finish EXIT
  trap 'rc=130; exit 130' INT TERM
  scripts/testenv.sh start
  # shellcheck disable=SC1091
  source "$FORKLIFT_VDDK_TESTENV/env.sh"
}
