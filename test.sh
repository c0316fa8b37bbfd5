#!/usr/bin/env bash
# Runs every Takt test against real parts: SQLite and PostgreSQL, libvips, ffmpeg, the file
# system. Installs and starts what the tests need first; safe to re-run.
# Set TAKT_TEST_POSTGRES to use your own server; TAKT_REQUIRE_POSTGRES=1 makes a skip a failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
as_root() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }

scripts/install-prerequisites.sh
if [[ -z "${TAKT_TEST_POSTGRES:-}" ]]; then
  TAKT_TEST_POSTGRES="$(as_root scripts/start-postgres.sh | tail -n 1)"
  export TAKT_TEST_POSTGRES
fi

dotnet build Takt.slnx --nologo -v quiet -clp:ErrorsOnly

log="$(mktemp)"
set +e
dotnet test --solution Takt.slnx --no-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line over every test project, for people and CI alike.
awk '/^[[:space:]]+total:/ {t=$2} /^[[:space:]]+failed:/ {f=$2} /^[[:space:]]+succeeded:/ {s=$2} /^[[:space:]]+skipped:/ {k=$2}
     END { if (t == "") { print "Tests: no summary found"; exit } printf "Tests: %d passed, %d failed, %d skipped\n", s, f, k }' "$log"
rm -f "$log"
exit "$status"
