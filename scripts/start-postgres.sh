#!/usr/bin/env bash
# Starts a local PostgreSQL for the tests (no Docker here) and prints its connection string last.
# Idempotent: safe to run again when the server is already up. Needs root (apt-get, the postgres user).
set -euo pipefail

VERSION=15
CLUSTER=main
CONNECTION="Host=127.0.0.1;Port=5432;Username=takt;Password=takt;Database=postgres"

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  # Only refresh the package lists when apt cannot find the package without it.
  if ! apt-get install -y -q postgresql >&2; then
    apt-get update -q >&2
    apt-get install -y -q postgresql >&2
  fi
fi

if [ ! -d "/etc/postgresql/$VERSION/$CLUSTER" ]; then
  pg_createcluster "$VERSION" "$CLUSTER" >&2
fi

# The tests connect over TCP to 127.0.0.1 only. Written directly: pg_conftool's quoting of
# dotted values differs between versions, and an unquoted address stops the server from starting.
CONF="/etc/postgresql/$VERSION/$CLUSTER/postgresql.conf"
if ! grep -Eq "^listen_addresses = '(127\.0\.0\.1|localhost)'" "$CONF"; then
  sed -i -E "s/^#?listen_addresses = .*/listen_addresses = '127.0.0.1'/" "$CONF"
  if pg_ctlcluster "$VERSION" "$CLUSTER" status >/dev/null 2>&1; then
    pg_ctlcluster "$VERSION" "$CLUSTER" restart >&2
  fi
fi

if ! pg_ctlcluster "$VERSION" "$CLUSTER" status >/dev/null 2>&1; then
  pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi

for _ in $(seq 1 30); do
  if pg_isready -q -h 127.0.0.1 -p 5432; then
    break
  fi
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432 >&2

# A superuser because each test class creates and drops its own database.
cd /tmp
if [ "$(runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'takt'")" != "1" ]; then
  runuser -u postgres -- psql -q -c "CREATE ROLE takt WITH LOGIN SUPERUSER CREATEDB PASSWORD 'takt'" >&2
fi

echo "$CONNECTION"
