#!/usr/bin/env bash
# Real container test environment for forklift-vddk on a Debian 12 machine without systemd
# (see docs in DEVELOPERS.md). Modes:
#   install   as root: apt-get install only the Debian packages that are missing
#   missing   print the missing packages (exit 1 if any), installs nothing
#   start     containers.conf, htpasswd, CA + server cert, three docker-registry instances (plain, basic auth,
#             TLS + auth) on 127.0.0.1, busybox base image in podman (and dockerd), dockerd on its own socket,
#             base image pushed to every registry, $WORKDIR/env.sh; idempotent
#   stop      kill exactly the processes this work dir recorded (by PID + start time), never by name
#   status    what runs, what answers
#   env       print the `export ...` lines (eval "$(scripts/testenv.sh env)")
# Settings (environment):
#   FORKLIFT_VDDK_TESTENV  work dir (default /tmp/forklift-vddk-testenv)
#   TESTENV_PLAIN_PORT / TESTENV_AUTH_PORT / TESTENV_TLS_PORT   (5000 / 5001 / 5443)
#   TESTENV_DOCKER_SOCK    dockerd unix socket path (default /run/forklift-vddk-docker.sock)
#   TESTENV_DOCKER_EXEC_ROOT  dockerd exec root (default: socket path without .sock + "-exec"; keep it short,
#                          containerd's socket lives under it and unix socket paths are limited to 107 bytes)
#   WITH_DOCKERD=0         do not start dockerd
#   TESTENV_TIMEOUT        seconds to wait for each component (default 60)
set -euo pipefail

WORKDIR=${FORKLIFT_VDDK_TESTENV:-/tmp/forklift-vddk-testenv}
PLAIN_PORT=${TESTENV_PLAIN_PORT:-5000}
AUTH_PORT=${TESTENV_AUTH_PORT:-5001}
TLS_PORT=${TESTENV_TLS_PORT:-5443}
DOCKER_SOCK=${TESTENV_DOCKER_SOCK:-/run/forklift-vddk-docker.sock}
DOCKER_SOCK=${DOCKER_SOCK#unix://}
DOCKER_EXEC_ROOT=${TESTENV_DOCKER_EXEC_ROOT:-${DOCKER_SOCK%.sock}-exec}
WITH_DOCKERD=${WITH_DOCKERD:-1}
TIMEOUT=${TESTENV_TIMEOUT:-60}
TEST_USER=testuser
TEST_PASS=testpass
BASE_IMAGE=localhost/busybox-base:latest
BASE_REPO=base/busybox:latest

PACKAGES=(podman buildah skopeo runc fuse-overlayfs conmon containernetworking-plugins uidmap docker-registry
  apache2-utils busybox-static docker.io curl jq openssl nginx hyperfine)

log() { printf 'testenv: %s\n' "$*" >&2; }
die() { printf 'testenv: ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# --- install -------------------------------------------------------------------------------------------------

missing_packages() {
  local p out=()
  for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then out+=("$p"); fi
  done
  # The build tools may come from elsewhere (sdkman, a JDK tarball): only their absence asks for Debian's.
  command -v java > /dev/null || out+=(openjdk-17-jdk-headless)
  command -v mvn > /dev/null || out+=(maven)
  ((${#out[@]} == 0)) || printf '%s\n' "${out[@]}"
}

cmd_missing() {
  local m
  m=$(missing_packages)
  if [[ -n $m ]]; then echo "$m"; return 1; fi
  return 0
}

cmd_install() {
  local missing
  mapfile -t missing < <(missing_packages)
  if ((${#missing[@]} == 0)); then log "install: all packages present (${#PACKAGES[@]} checked)"; return 0; fi
  [[ $(id -u) == 0 ]] || die "install needs root; missing packages: ${missing[*]} (run: sudo $0 install)"
  log "install: missing ${missing[*]}"
  # No systemd here, and package scripts must not start services (nginx on :80, dockerd with its defaults):
  # a temporary policy-rc.d denies every start, and is removed again if we created it.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 0755 /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  export DEBIAN_FRONTEND=noninteractive
  local t0=$SECONDS
  apt-get update -qq || die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" || die "apt-get install failed: ${missing[*]}"
  log "install: installed ${#missing[@]} packages in $((SECONDS - t0)) s"
}

# --- process bookkeeping -------------------------------------------------------------------------------------

# A recorded process is "PID STARTTIME" (field 22 of /proc/PID/stat), so a recycled PID is never mistaken for ours.
proc_starttime() { awk '{sub(/^.*\) /, ""); print $20}' "/proc/$1/stat" 2>/dev/null; }

pid_file() { echo "$WORKDIR/pids/$1.pid"; }

recorded_pid() { # prints the PID if the recorded process still runs, else nothing
  local f pid st
  f=$(pid_file "$1")
  [[ -f $f ]] || return 0
  read -r pid st < "$f" || return 0
  [[ -n ${pid:-} && -d /proc/$pid ]] || return 0
  [[ $(proc_starttime "$pid") == "$st" ]] || return 0
  echo "$pid"
}

# spawn NAME LOGFILE CMD...: starts CMD detached in its own session and records its PID (the wrapper shell execs
# into CMD, so $$ is CMD's PID). fd 9 (our lock) is closed so a daemon never holds the lock.
spawn() {
  local name=$1 logf=$2; shift 2
  local f
  f=$(pid_file "$name")
  rm -f "$f.tmp" "$f"
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
  setsid bash -c 'echo $$ > "$0"; exec "$@"' "$f.tmp" "$@" < /dev/null >> "$logf" 2>&1 9>&- &
  local i
  for ((i = 0; i < 100; i++)); do [[ -s $f.tmp ]] && break; sleep 0.05; done
  [[ -s $f.tmp ]] || die "$name: could not start (see $logf)"
  local pid
  pid=$(cat "$f.tmp")
  echo "$pid $(proc_starttime "$pid")" > "$f"
  rm -f "$f.tmp"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for DESCRIPTION LOGFILE PIDNAME CHECK-COMMAND...
wait_for() {
  local what=$1 logf=$2 name=$3; shift 3
  local deadline=$((SECONDS + TIMEOUT))
  while ! "$@" > /dev/null 2>&1; do
    if [[ -z $(recorded_pid "$name") ]]; then
      tail -n 20 "$logf" >&2 || true
      die "$what exited during start-up (log: $logf)"
    fi
    ((SECONDS < deadline)) || { tail -n 20 "$logf" >&2 || true; die "$what not ready after ${TIMEOUT}s (log: $logf)"; }
    sleep 0.1
  done
}

# --- configuration -------------------------------------------------------------------------------------------

write_containers_conf() {
  # runc (crun refuses the hybrid cgroup layout), cgroupfs + file events (no systemd), ulimits the VM can grant
  # without CAP_SYS_RESOURCE, no container networking (no CNI bridge).
  cat > "$WORKDIR/containers.conf" <<'EOF'
[containers]
netns = "none"
default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
}

write_credentials() {
  if [[ ! -s $WORKDIR/htpasswd ]]; then
    htpasswd -Bbn "$TEST_USER" "$TEST_PASS" > "$WORKDIR/htpasswd.tmp" && mv "$WORKDIR/htpasswd.tmp" "$WORKDIR/htpasswd"
    log "wrote bcrypt htpasswd for $TEST_USER"
  fi
  # An auth file for the script's own pushes (test credentials only; kept 0600 anyway).
  local b64
  b64=$(printf '%s:%s' "$TEST_USER" "$TEST_PASS" | base64 -w0)
  (umask 077; cat > "$WORKDIR/auth.json" <<EOF
{"auths":{"127.0.0.1:$AUTH_PORT":{"auth":"$b64"},"127.0.0.1:$TLS_PORT":{"auth":"$b64"},"localhost:$TLS_PORT":{"auth":"$b64"}}}
EOF
  )
}

write_tls() {
  local d=$WORKDIR/tls
  mkdir -p "$d/certdir"
  if [[ ! -s $d/server.pem || ! -s $d/ca.pem ]]; then
    # A real CA that signs the server certificate, so clients can trust the CA file (REGISTRY_TLS_CA).
    openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=forklift-vddk test CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -keyout "$d/ca.key" -out "$d/ca.pem" 2> "$d/openssl.log"
    openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout "$d/server.key" -out "$d/server.csr" \
      2>> "$d/openssl.log"
    printf '%s\n' "subjectAltName=DNS:localhost,IP:127.0.0.1" "basicConstraints=CA:FALSE" \
      "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth" > "$d/server.ext"
    openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial -days 365 \
      -extfile "$d/server.ext" -out "$d/server.pem" 2>> "$d/openssl.log"
    chmod 0600 "$d/ca.key" "$d/server.key"
    log "created test CA $d/ca.pem and server certificate (SAN localhost, 127.0.0.1)"
  fi
  cp "$d/ca.pem" "$d/certdir/ca.crt" # podman/skopeo --cert-dir layout
}

write_registry_conf() { # NAME PORT TLS(0/1) AUTH(0/1)
  local name=$1 port=$2 tls=$3 auth=$4 d=$WORKDIR/registry-$1
  mkdir -p "$d/data"
  {
    echo "version: 0.1"
    echo "log: {level: warn, accesslog: {disabled: true}}"
    echo "storage: {filesystem: {rootdirectory: $d/data}, delete: {enabled: true}}"
    echo "http:"
    echo "  addr: 127.0.0.1:$port"
    echo "  secret: forklift-vddk-test-not-secret"
    echo "  debug: {addr: ''}"
    if [[ $tls == 1 ]]; then
      echo "  tls: {certificate: $WORKDIR/tls/server.pem, key: $WORKDIR/tls/server.key}"
    fi
    if [[ $auth == 1 ]]; then
      echo "auth: {htpasswd: {realm: forklift-vddk-test, path: $WORKDIR/htpasswd}}"
    fi
  } > "$d/config.yml"
}

# --- readiness checks ----------------------------------------------------------------------------------------

registry_answers() { # NAME PORT -> the /v2/ endpoint gives the expected status
  local name=$1 port=$2 code
  case $name in
    plain) code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/v2/") && [[ $code == 200 ]] ;;
    auth) code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/v2/") && [[ $code == 401 ]] &&
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -u "$TEST_USER:$TEST_PASS" "http://127.0.0.1:$port/v2/") &&
      [[ $code == 200 ]] ;;
    tls) code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 --cacert "$WORKDIR/tls/ca.pem" \
      -u "$TEST_USER:$TEST_PASS" "https://127.0.0.1:$port/v2/") && [[ $code == 200 ]] ;;
  esac
}

docker_answers() { curl -s --max-time 2 --unix-socket "$DOCKER_SOCK" http://docker/_ping | grep -q OK; }

# --- start ---------------------------------------------------------------------------------------------------

start_registry() { # NAME PORT TLS AUTH
  local name=$1 port=$2 tls=$3 auth=$4 pid logf=$WORKDIR/logs/registry-$1.log
  pid=$(recorded_pid "registry-$name")
  if [[ -n $pid ]]; then
    registry_answers "$name" "$port" || die "registry-$name (PID $pid) runs but 127.0.0.1:$port does not answer; \
run '$0 stop' with FORKLIFT_VDDK_TESTENV=$WORKDIR and start again"
    log "registry-$name already running (PID $pid, 127.0.0.1:$port)"
    return 0
  fi
  port_in_use "$port" && die "port 127.0.0.1:$port is in use by another process (not recorded in $WORKDIR); \
stop it or choose other ports (TESTENV_PLAIN_PORT/TESTENV_AUTH_PORT/TESTENV_TLS_PORT)"
  write_registry_conf "$name" "$port" "$tls" "$auth"
  spawn "registry-$name" "$logf" docker-registry serve "$WORKDIR/registry-$name/config.yml"
  wait_for "registry-$name" "$logf" "registry-$name" registry_answers "$name" "$port"
  log "started registry-$name on 127.0.0.1:$port (PID $(recorded_pid "registry-$name"), log $logf)"
}

build_base_rootfs_tar() {
  local tarf=$WORKDIR/busybox-rootfs.tar
  [[ -s $tarf ]] && return 0
  local r=$WORKDIR/busybox-rootfs
  rm -rf "$r"
  mkdir -p "$r"/{bin,etc,tmp,opt,root,var,home}
  [[ -x /bin/busybox ]] || die "/bin/busybox missing: run '$0 install' (package busybox-static)"
  cp /bin/busybox "$r/bin/busybox"
  local a
  for a in sh ash cp mv mkdir rmdir ls cat echo id test '[' true false sleep rm ln readlink find stat chmod chown \
    wc head tail sha256sum md5sum tar gzip env grep sed awk touch du df sort uniq xargs basename dirname printf \
    whoami uname date; do
    ln -s busybox "$r/bin/$a"
  done
  chmod 1777 "$r/tmp"
  chmod 0755 "$r/opt"
  echo 'root:x:0:0:root:/root:/bin/sh' > "$r/etc/passwd"
  echo 'root:x:0:' > "$r/etc/group"
  # Reproducible: same bytes on every machine.
  tar -C "$r" --sort=name --mtime=@0 --numeric-owner --owner=0 --group=0 -cf "$tarf.tmp" .
  mv "$tarf.tmp" "$tarf"
}

import_base_podman() {
  if podman image exists "$BASE_IMAGE" 2>/dev/null; then
    log "podman: $BASE_IMAGE present"
    return 0
  fi
  podman import --quiet --change 'CMD ["/bin/sh"]' "$WORKDIR/busybox-rootfs.tar" "$BASE_IMAGE" \
    >> "$WORKDIR/logs/podman.log" 2>&1 || die "podman import failed (log $WORKDIR/logs/podman.log)"
  log "podman: imported $BASE_IMAGE"
}

docker_cli() { docker -H "unix://$DOCKER_SOCK" "$@"; }

start_dockerd() {
  local pid logf=$WORKDIR/logs/dockerd.log
  pid=$(recorded_pid dockerd)
  if [[ -n $pid ]]; then
    docker_answers || die "dockerd (PID $pid) runs but $DOCKER_SOCK does not answer (log $logf)"
    log "dockerd already running (PID $pid, unix://$DOCKER_SOCK)"
  else
    command -v dockerd > /dev/null || die "dockerd missing: run '$0 install' (package docker.io), or WITH_DOCKERD=0"
    if [[ -S $DOCKER_SOCK ]] && docker_answers; then
      die "another dockerd answers on $DOCKER_SOCK (not recorded in $WORKDIR); choose TESTENV_DOCKER_SOCK"
    fi
    mkdir -p "$WORKDIR/docker" "$(dirname "$DOCKER_SOCK")"
    echo "$DOCKER_EXEC_ROOT" > "$WORKDIR/docker-exec-root" # stop removes it again
    echo '{}' > "$WORKDIR/daemon.json" # keeps /etc/docker/daemon.json out of the test environment
    spawn dockerd "$logf" dockerd --config-file "$WORKDIR/daemon.json" --bridge=none --iptables=false \
      --ip6tables=false --data-root "$WORKDIR/docker" --exec-root "$DOCKER_EXEC_ROOT" \
      --pidfile "$WORKDIR/dockerd.pid" --host "unix://$DOCKER_SOCK"
    wait_for dockerd "$logf" dockerd docker_answers
    log "started dockerd on unix://$DOCKER_SOCK (PID $(recorded_pid dockerd), log $logf)"
  fi
  if docker_cli image inspect "$BASE_IMAGE" > /dev/null 2>&1; then
    log "dockerd: $BASE_IMAGE present"
  else
    docker_cli import --change 'CMD ["/bin/sh"]' "$WORKDIR/busybox-rootfs.tar" "$BASE_IMAGE" \
      >> "$WORKDIR/logs/docker.log" 2>&1 || die "docker import failed (log $WORKDIR/logs/docker.log)"
    log "dockerd: imported $BASE_IMAGE"
  fi
}

push_base() { # NAME PORT
  local name=$1 port=$2 dest=127.0.0.1:$2/$BASE_REPO code
  local curl_args=(-s -o /dev/null -w '%{http_code}' --max-time 5
    -H 'Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json')
  local scheme=http
  [[ $name != plain ]] && curl_args+=(-u "$TEST_USER:$TEST_PASS")
  [[ $name == tls ]] && { curl_args+=(--cacert "$WORKDIR/tls/ca.pem"); scheme=https; }
  code=$(curl "${curl_args[@]}" -I "$scheme://127.0.0.1:$port/v2/base/busybox/manifests/latest" || true)
  if [[ $code == 200 ]]; then log "registry-$name: $BASE_REPO present"; return 0; fi
  local push_args=(--quiet --authfile "$WORKDIR/auth.json")
  case $name in
    plain | auth) push_args+=(--tls-verify=false) ;;
    tls) push_args+=(--cert-dir "$WORKDIR/tls/certdir") ;;
  esac
  podman push "${push_args[@]}" "$BASE_IMAGE" "docker://$dest" >> "$WORKDIR/logs/podman.log" 2>&1 ||
    die "podman push $BASE_IMAGE to $dest failed (log $WORKDIR/logs/podman.log)"
  log "registry-$name: pushed $dest"
}

write_env() {
  local f=$WORKDIR/env.sh docker_host=
  [[ $WITH_DOCKERD != 0 ]] && docker_host=unix://$DOCKER_SOCK
  cat > "$f.tmp" <<EOF
# forklift-vddk test environment (written by scripts/testenv.sh start); source it before mvn verify.
export FORKLIFT_VDDK_TESTENV=$WORKDIR
export CONTAINERS_CONF=$WORKDIR/containers.conf
export REGISTRY=127.0.0.1:$PLAIN_PORT
export REGISTRY_AUTH=127.0.0.1:$AUTH_PORT
export REGISTRY_TLS=127.0.0.1:$TLS_PORT
export REGISTRY_USER=$TEST_USER
export REGISTRY_PASS=$TEST_PASS
export REGISTRY_TLS_CA=$WORKDIR/tls/ca.pem
export REGISTRY_TLS_CERT_DIR=$WORKDIR/tls/certdir
export DOCKER_HOST_CI=$docker_host
export FORKLIFT_VDDK_BASE_IMAGE=$BASE_IMAGE
EOF
  mv "$f.tmp" "$f"
}

check_tools() {
  local c missing=()
  for c in podman docker-registry htpasswd openssl curl setsid; do command -v "$c" > /dev/null || missing+=("$c"); done
  if [[ $WITH_DOCKERD != 0 ]]; then command -v docker > /dev/null || missing+=(docker); fi
  ((${#missing[@]} == 0)) || die "missing commands: ${missing[*]}; run '$0 install' as root first"
}

cmd_start() {
  check_tools
  [[ $(id -u) == 0 ]] || die "start needs root (podman storage, dockerd)"
  mkdir -p "$WORKDIR"/{pids,logs}
  chmod 0755 "$WORKDIR"
  exec 9> "$WORKDIR/.lock"
  flock -w "$TIMEOUT" 9 || die "another testenv.sh holds $WORKDIR/.lock"
  local t0=$SECONDS
  export CONTAINERS_CONF=$WORKDIR/containers.conf
  write_containers_conf
  write_credentials
  write_tls
  start_registry plain "$PLAIN_PORT" 0 0
  start_registry auth "$AUTH_PORT" 0 1
  start_registry tls "$TLS_PORT" 1 1
  build_base_rootfs_tar
  import_base_podman
  if [[ $WITH_DOCKERD != 0 ]]; then start_dockerd; else log "dockerd: not started (WITH_DOCKERD=0)"; fi
  push_base plain "$PLAIN_PORT"
  push_base auth "$AUTH_PORT"
  push_base tls "$TLS_PORT"
  write_env
  log "ready in $((SECONDS - t0)) s; use: source $WORKDIR/env.sh"
  cmd_status
}

# --- stop ----------------------------------------------------------------------------------------------------

descendants() { # PID -> all descendant PIDs (by parent link, not by name)
  local c
  # shellcheck disable=SC2013 # PIDs, one word each
  for c in $(cat /proc/"$1"/task/*/children 2> /dev/null); do
    echo "$c"
    descendants "$c"
  done
}

stop_one() {
  local name=$1 pid kids i
  pid=$(recorded_pid "$name")
  if [[ -z $pid ]]; then
    [[ -f $(pid_file "$name") ]] && log "$name: not running"
    rm -f "$(pid_file "$name")"
    return 0
  fi
  # dockerd starts containerd (and shims); remember them in case dockerd does not stop them itself.
  kids=$(descendants "$pid" | tr '\n' ' ')
  local kid_ids=() k
  for k in $kids; do kid_ids+=("$k:$(proc_starttime "$k")"); done
  kill -TERM "$pid" 2> /dev/null || true
  for ((i = 0; i < 200; i++)); do [[ -d /proc/$pid ]] || break; sleep 0.1; done
  if [[ -d /proc/$pid ]]; then
    log "$name (PID $pid) did not stop in 20 s; sending KILL"
    kill -KILL "$pid" 2> /dev/null || true
  fi
  for k in "${kid_ids[@]}"; do
    local kp=${k%%:*} ks=${k#*:}
    if [[ -d /proc/$kp && $(proc_starttime "$kp") == "$ks" ]]; then
      kill -TERM "$kp" 2> /dev/null || true
      sleep 0.5
      if [[ -d /proc/$kp ]]; then kill -KILL "$kp" 2> /dev/null || true; fi
    fi
  done
  rm -f "$(pid_file "$name")"
  log "stopped $name (PID $pid)"
}

# dockerd leaves its exec root (state dirs, sockets) in /run; remove the one this work dir recorded, unless
# dockerd still runs or anything is mounted below it.
remove_exec_root() {
  local f=$WORKDIR/docker-exec-root dir
  [[ -f $f ]] || return 0
  dir=$(cat "$f")
  [[ -n $(recorded_pid dockerd) || -z $dir || $dir == / ]] && return 0
  if awk -v d="$dir/" 'index($2 "/", d) == 1 { found = 1 } END { exit !found }' /proc/mounts; then
    log "dockerd exec root $dir still has mounts; left in place"
    return 0
  fi
  rm -rf "$dir"
  rm -f "$f"
}

cmd_stop() {
  [[ -d $WORKDIR/pids ]] || { log "nothing recorded in $WORKDIR"; return 0; }
  exec 9> "$WORKDIR/.lock"
  flock -w "$TIMEOUT" 9 || die "another testenv.sh holds $WORKDIR/.lock"
  # In parallel: each takes a second or two to shut down gracefully.
  stop_one registry-plain &
  stop_one registry-auth &
  stop_one registry-tls &
  stop_one dockerd
  wait
  remove_exec_root
  rm -f "$WORKDIR/env.sh"
}

# --- status / env --------------------------------------------------------------------------------------------

cmd_status() {
  local rc=0 pid name port
  echo "work dir: $WORKDIR"
  for name in plain auth tls; do
    case $name in plain) port=$PLAIN_PORT ;; auth) port=$AUTH_PORT ;; tls) port=$TLS_PORT ;; esac
    pid=$(recorded_pid "registry-$name")
    if [[ -n $pid ]] && registry_answers "$name" "$port"; then
      echo "registry-$name  127.0.0.1:$port  running (PID $pid), answers"
    elif [[ -n $pid ]]; then
      echo "registry-$name  127.0.0.1:$port  running (PID $pid), NOT answering"; rc=1
    else
      echo "registry-$name  127.0.0.1:$port  stopped"; rc=1
    fi
  done
  if [[ $WITH_DOCKERD != 0 ]]; then
    pid=$(recorded_pid dockerd)
    if [[ -n $pid ]] && docker_answers; then
      echo "dockerd         unix://$DOCKER_SOCK  running (PID $pid), answers"
    elif [[ -n $pid ]]; then
      echo "dockerd         unix://$DOCKER_SOCK  running (PID $pid), NOT answering"; rc=1
    else
      echo "dockerd         unix://$DOCKER_SOCK  stopped"; rc=1
    fi
  else
    echo "dockerd         not used (WITH_DOCKERD=0)"
  fi
  if [[ -f $WORKDIR/env.sh ]]; then echo "env file: $WORKDIR/env.sh"; else echo "env file: missing"; rc=1; fi
  return $rc
}

cmd_env() {
  [[ -f $WORKDIR/env.sh ]] || die "$WORKDIR/env.sh missing: run 'scripts/testenv.sh start' first"
  grep '^export ' "$WORKDIR/env.sh"
}

case ${1:-} in
  install) cmd_install ;;
  missing) cmd_missing ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *) usage ;;
esac
