#!/bin/sh
# Entrypoint of the local PostgreSQL image (make-base-images.sh): the subset of the public postgres
# image's behaviour the compose file relies on. On the first start with an empty $PGDATA it creates
# the cluster with the superuser POSTGRES_USER (default postgres) and password POSTGRES_PASSWORD
# (required), and the database POSTGRES_DB (default: the user's name); password (SCRAM) logins from
# any address, trust on the local socket. Then it runs PostgreSQL, listening on all interfaces of
# the container, as the postgres user.
set -eu

if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set to initialise the database}"
  user="${POSTGRES_USER:-postgres}"
  db="${POSTGRES_DB:-$user}"
  pwfile="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  initdb -D "$PGDATA" --username="$user" --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [ "$db" != postgres ]; then
    ident="$(printf '%s' "$db" | sed 's/"/""/g')"
    owner="$(printf '%s' "$user" | sed 's/"/""/g')"
    echo "CREATE DATABASE \"$ident\" OWNER \"$owner\";" | postgres --single -D "$PGDATA" postgres >/dev/null
  fi
  echo "postgres-entrypoint: initialised $PGDATA (user $user, database $db)"
fi

if [ "${1:-}" = postgres ]; then
  shift
  exec postgres -D "$PGDATA" -c listen_addresses='*' "$@"
fi
exec "$@"
