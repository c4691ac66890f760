#!/bin/sh
# Entrypoint of the locally built PostgreSQL image (build-images.sh), with the postgres image's
# contract: POSTGRES_USER (default postgres), POSTGRES_PASSWORD, POSTGRES_DB (default the user).
# Initialises $PGDATA on first start with a server on the unix socket only, then execs the
# server listening on every interface of the container.
set -eu
user="${POSTGRES_USER:-postgres}"
db="${POSTGRES_DB:-$user}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s\n' "${POSTGRES_PASSWORD:-}" >"$pwfile"
  auth=scram-sha-256
  [ -n "${POSTGRES_PASSWORD:-}" ] || auth=trust
  initdb --username="$user" --pwfile="$pwfile" --auth-local=trust --auth-host="$auth" --locale=C --encoding=UTF8 --no-sync -D "$PGDATA" >/dev/null
  rm -f "$pwfile"
  echo "host all all all $auth" >>"$PGDATA/pg_hba.conf"
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -k /var/run/postgresql" -w start >/dev/null
  if [ "$db" != postgres ]; then
    psql -v ON_ERROR_STOP=1 -h /var/run/postgresql -U "$user" -d postgres -q -c "CREATE DATABASE \"$db\"" >/dev/null
  fi
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
fi
[ "${1:-}" = postgres ] && shift
exec postgres -D "$PGDATA" -c listen_addresses='*' -k /var/run/postgresql "$@"
