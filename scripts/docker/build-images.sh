#!/usr/bin/env bash
# Build the images of the testcontainers runtime from this machine's Debian packages (no registry
# is needed): `docker import` of a root file system holding the binaries, the libraries `ldd`
# lists and busybox-static for a shell. Prints the image overrides as `export …` lines on stdout
# (progress goes to stderr), so `eval "$(scripts/docker/build-images.sh)"` sets them:
#
#   ALERTCRAFT_PROMETHEUS_IMAGE    alertcraft-local/prometheus:<version>    (/bin/prometheus, /bin/promtool)
#   ALERTCRAFT_ALERTMANAGER_IMAGE  alertcraft-local/alertmanager:<version>  (entrypoint /bin/alertmanager)
#   ALERTCRAFT_POSTGRES_IMAGE      alertcraft-local/postgres:<version>      (the postgres image's env contract)
#
# An image already built from the same files and config (its content label) is reused, so with a
# kept data root (ALERTCRAFT_DOCKER_DIR) a rebuild is quick.
# Needs docker (DOCKER_HOST), prometheus, prometheus-alertmanager, postgresql-15, busybox-static.
set -euo pipefail
shopt -s inherit_errexit
log() { echo "build-images: $*" >&2; }
t0=$(date +%s%N)

busybox=$(command -v busybox) || { log "busybox not found: apt-get install -y busybox-static"; exit 2; }
file -L "$busybox" 2>/dev/null | grep -q 'statically linked' || ldd "$busybox" 2>&1 | grep -q 'not a dynamic' ||
  { log "$busybox is not static: apt-get install -y busybox-static"; exit 2; }
am=$(command -v alertmanager || command -v prometheus-alertmanager) || { log "no alertmanager: apt-get install -y prometheus-alertmanager"; exit 2; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$pgbin" ] || { log "no PostgreSQL server binaries: apt-get install -y postgresql"; exit 2; }
pgroot=$(dirname "$pgbin"); pgmajor=$(basename "$pgroot")

work=$(mktemp -d /tmp/alertcraft-images-XXXXXX)
trap 'rm -rf "$work"' EXIT

# A root file system with busybox applets in /bin, /etc/passwd and /tmp.
new_root() {
  local root="$work/$1"
  mkdir -p "$root"/{bin,etc,tmp,lib64,usr/lib,usr/bin}
  chmod 1777 "$root/tmp"
  cp -p "$busybox" "$root/bin/busybox"
  for applet in $("$busybox" --list); do [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  echo "$root"
}

# Copy a binary (or shared object) and every library ldd lists, at the same paths.
copy_with_libs() {
  local root=$1; shift
  for f in "$@"; do
    mkdir -p "$root$(dirname "$f")"
    cp -pL "$f" "$root$f"
    ldd "$f" 2>/dev/null | awk '/=> \// { print $3 } /^\s*\/[^ ]+ \(/ { print $1 }' | while read -r lib; do
      [ -e "$root$lib" ] && continue
      mkdir -p "$root$(dirname "$lib")"
      cp -pL "$lib" "$root$lib"
    done
  done
}

# import ROOT NAME VERSION CHANGE…: tag alertcraft-local/NAME:VERSION unless it exists with this content.
import_root() {
  local root=$1 name=$2 version=$3; shift 3
  local tag="alertcraft-local/$name:$version"
  local sum
  # Small files by content, large ones (binaries, copied with their mtimes) by size and mtime.
  sum=$(cd "$root" && {
    find . -type f -size -64k -print0 | sort -z | xargs -0 sha256sum
    find . -type f -size +63k -printf '%P %s %T@ %m\n' | sort
    find . ! -type f -printf '%y %P %l\n' | sort
    printf '%s\n' "$@"
  } | sha256sum | cut -c1-16)
  if [ "$(docker image inspect --format '{{index .Config.Labels "dev.alertcraft.content"}}' "$tag" 2>/dev/null)" = "$sum" ]; then
    log "$tag up to date"
  else
    local changes=(--change "LABEL dev.alertcraft.content=$sum" --change "LABEL dev.alertcraft.image=$name")
    for c in "$@"; do changes+=(--change "$c"); done
    tar -C "$root" --numeric-owner -c . | docker import "${changes[@]}" - "$tag" >/dev/null
    log "$tag built ($(du -sh "$root" | cut -f1))"
  fi
  echo "$tag"
}

version_of() { "$1" --version 2>&1 | head -1 | grep -oE '[0-9]+\.[0-9]+(\.[0-9]+)?' | head -1; }

# Prometheus: /bin/prometheus and /bin/promtool like prom/prometheus, data in /prometheus.
root=$(new_root prometheus)
copy_with_libs "$root" "$(command -v prometheus)" "$(command -v promtool)"
mv "$root/usr/bin/prometheus" "$root/usr/bin/promtool" "$root/bin/"
mkdir -p "$root/prometheus" "$root/etc/prometheus"
prom=$(import_root "$root" prometheus "$(version_of prometheus)" \
  'ENTRYPOINT ["/bin/prometheus"]' 'CMD ["--config.file=/etc/prometheus/prometheus.yml","--storage.tsdb.path=/prometheus"]' \
  'WORKDIR /prometheus' 'EXPOSE 9090' 'ENV PATH=/bin:/usr/bin')

# Alertmanager: /bin/alertmanager and /bin/amtool like prom/alertmanager, data in /alertmanager.
root=$(new_root alertmanager)
copy_with_libs "$root" "$am" "$(command -v amtool)"
mv "$root$am" "$root/bin/alertmanager"; mv "$root/usr/bin/amtool" "$root/bin/amtool"
mkdir -p "$root/alertmanager" "$root/etc/alertmanager" "$root/usr/share/prometheus"
# Debian's build reads its default notification templates from here.
cp -a /usr/share/prometheus/alertmanager "$root/usr/share/prometheus/"
amv=$(import_root "$root" alertmanager "$(version_of "$am")" \
  'ENTRYPOINT ["/bin/alertmanager"]' 'CMD ["--config.file=/etc/alertmanager/alertmanager.yml","--storage.path=/alertmanager"]' \
  'WORKDIR /alertmanager' 'EXPOSE 9093' 'ENV PATH=/bin:/usr/bin')

# PostgreSQL: the server binaries, libraries, share files and time zones; the entrypoint honours
# POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB as the postgres image does.
root=$(new_root postgres)
copy_with_libs "$root" "$pgbin"/{postgres,initdb,pg_ctl,pg_isready,psql}
# The server's modules without the LLVM JIT (jit is off: it would pull in libLLVM).
mkdir -p "$root$pgroot/lib"
for so in "$pgroot"/lib/*.so; do case "$so" in */llvmjit*) continue ;; esac; copy_with_libs "$root" "$so"; done
mkdir -p "$root/usr/share/postgresql"
cp -a "/usr/share/postgresql/$pgmajor" "$root/usr/share/postgresql/"
mkdir -p "$root/usr/share/zoneinfo" && cp -a /usr/share/zoneinfo/{UTC,Etc} "$root/usr/share/zoneinfo/"
echo 'postgres:x:999:999:postgres:/var/lib/postgresql:/bin/sh' >>"$root/etc/passwd"
echo 'postgres:x:999:' >>"$root/etc/group"
mkdir -p "$root/var/lib/postgresql/data" "$root/var/run/postgresql" "$root/usr/local/bin"
cp "$(dirname "$0")/postgres-entrypoint.sh" "$root/usr/local/bin/docker-entrypoint.sh"
chmod 755 "$root/usr/local/bin/docker-entrypoint.sh"
chown -R 999:999 "$root/var/lib/postgresql" "$root/var/run/postgresql"
pg=$(import_root "$root" postgres "$(version_of "$pgbin/postgres")" \
  'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' 'CMD ["postgres","-c","jit=off"]' 'USER postgres' \
  "ENV PATH=/bin:/usr/bin:$pgbin" 'ENV PGDATA=/var/lib/postgresql/data' 'ENV TZ=UTC' 'EXPOSE 5432')

log "done in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
echo "export ALERTCRAFT_PROMETHEUS_IMAGE=$prom"
echo "export ALERTCRAFT_ALERTMANAGER_IMAGE=$amv"
echo "export ALERTCRAFT_POSTGRES_IMAGE=$pg"
