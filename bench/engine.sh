#!/usr/bin/env bash
# Engine overhead: a 10,000-node DAG of no-op nodes with run state in memory and persisted in
# SQLite (with lineage), and a 7-node workflow end to end against InvokeAI's logged ~13 ms of
# per-run orchestration (--quick: 2,000 nodes, fewer runs).
set -euo pipefail
quick="${1:-0}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/out"
mkdir -p "$out"

echo "bench: building (Release)" >&2
dotnet build "$root/bench/Takt.Benchmarks/Takt.Benchmarks.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2

args=(engine --out "$out/engine")
[[ "$quick" == 1 ]] && args+=(--quick)
dotnet "$root/artifacts/bin/Takt.Benchmarks/release/Takt.Benchmarks.dll" "${args[@]}"
