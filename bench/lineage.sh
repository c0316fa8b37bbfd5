#!/usr/bin/env bash
# Lineage attribution and impact: the Takt index against recursive CTEs on SQLite and on
# PostgreSQL over the same synthetic production-shaped graph (10M edges; --quick: a fiftieth).
set -euo pipefail
quick="${1:-0}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/out"
mkdir -p "$out"

echo "bench: starting PostgreSQL" >&2
TAKT_BENCH_POSTGRES="$(bash "$root/scripts/start-postgres.sh" | tail -n 1)"
export TAKT_BENCH_POSTGRES

echo "bench: building (Release)" >&2
dotnet build "$root/bench/Takt.Benchmarks/Takt.Benchmarks.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2

args=(lineage)
if [[ "$quick" == 1 ]]; then
  args+=(--quick --out "$out/lineage-quick")
else
  args+=(--out "$out/lineage")
fi
dotnet "$root/artifacts/bin/Takt.Benchmarks/release/Takt.Benchmarks.dll" "${args[@]}"
