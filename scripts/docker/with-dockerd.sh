#!/usr/bin/env bash
# Run CMD… against a Docker daemon of its own: dockerd with data/exec roots under a temp dir, its
# own unix socket, published ports on 127.0.0.1 only, no systemd. Builds the images the
# testcontainers runtime needs (build-images.sh), exports DOCKER_HOST and the image overrides,
# runs the command, and stops the daemon by pid and removes the temp dir however the command ends.
#
#   scripts/docker/with-dockerd.sh npx vitest run harness/test/runtime/testcontainers.test.ts
#
# Needs root and Debian's docker.io. ALERTCRAFT_DOCKER_DIR overrides the temp dir.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -gt 0 ] || { echo "usage: $0 CMD [ARG…]" >&2; exit 2; }
command -v dockerd >/dev/null || { echo "dockerd not found: apt-get install -y docker.io" >&2; exit 2; }

dir="${ALERTCRAFT_DOCKER_DIR:-$(mktemp -d /tmp/alertcraft-dockerd-XXXXXX)}"
mkdir -p "$dir"
sock="$dir/docker.sock"
pid=""
stop_daemon() {
  local rc=$?
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  # The daemon's containerd shims may outlive it by a moment; their mounts hold the roots.
  for m in $(awk -v d="$dir" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r); do umount -l "$m" 2>/dev/null || true; done
  [ -n "${ALERTCRAFT_DOCKER_DIR:-}" ] || rm -rf "$dir" 2>/dev/null || true
  exit "$rc"
}
trap stop_daemon EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# overlay2 where the kernel and the temp dir's file system allow it, else vfs.
driver="${ALERTCRAFT_DOCKER_STORAGE_DRIVER:-overlay2}"
start_daemon() {
  dockerd --host "unix://$sock" --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/dockerd.pid" \
    --ip 127.0.0.1 --storage-driver "$1" --iptables=false --ip-masq=false --userland-proxy=true \
    --log-level warn >"$dir/dockerd.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    if DOCKER_HOST="unix://$sock" docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then return 0; fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.25
  done
  return 1
}
if ! start_daemon "$driver"; then
  kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  echo "dockerd with $driver did not start, trying vfs:" >&2; tail -5 "$dir/dockerd.log" >&2
  rm -rf "$dir/data" "$dir/exec"
  start_daemon vfs || { echo "dockerd did not start:" >&2; tail -30 "$dir/dockerd.log" >&2; exit 1; }
fi
export DOCKER_HOST="unix://$sock"
export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
export TESTCONTAINERS_RYUK_DISABLED=true
echo "with-dockerd: dockerd $(docker version --format '{{.Server.Version}}') pid $pid at $DOCKER_HOST ($(docker info --format '{{.Driver}}'))"

t0=$(date +%s)
eval "$("$here/build-images.sh")"
echo "with-dockerd: images built in $(( $(date +%s) - t0 ))s"

# The command's status is ours, unless it left containers, networks or volumes of a run behind.
set +e
"$@"
rc=$?
set -e
label=dev.alertcraft.run
left=$( { docker ps -aq --filter "label=$label"; docker network ls -q --filter "label=$label"; docker volume ls -q --filter "label=$label"; } | wc -l)
if [ "$left" -gt 0 ]; then
  echo "with-dockerd: left behind, labelled $label:" >&2
  docker ps -a --filter "label=$label" >&2; docker network ls --filter "label=$label" >&2; docker volume ls --filter "label=$label" >&2
  [ "$rc" -ne 0 ] || rc=1
else
  echo "with-dockerd: nothing labelled $label left (containers, networks, volumes)"
fi
exit "$rc"
