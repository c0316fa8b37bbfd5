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

# Cluster throughput: runs queued with `takt run --detach` on a PostgreSQL workspace, then two
# `takt silo` processes started; runs/s from the moment both are up until every run succeeded.
runs=40
[[ "$quick" == 1 ]] && runs=4
admin="$(bash "$root/scripts/start-postgres.sh" | tail -n 1)"
db="takt_bench_engine_$$"
conn="${admin/Database=postgres/Database=$db}"
psql_admin() { PGPASSWORD=takt psql -h 127.0.0.1 -U takt -d postgres -tAq -c "$1"; }
psql_db() { PGPASSWORD=takt psql -h 127.0.0.1 -U takt -d "$db" -tAq -c "$1"; }
ws="$out/engine-cluster-ws"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  psql_admin "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT
media="$out/engine-cluster-media"
rm -rf "$ws" "$media" && mkdir -p "$media"
psql_admin "CREATE DATABASE $db" >/dev/null
takt() { "$root/takt" "$@"; }
takt init -w "$ws" --postgres "$conn" >/dev/null
takt db migrate -w "$ws" >/dev/null
printf 'INT. STUDIO - NIGHT\n\nA bench.\n' > "$media/bench.fountain"
takt ingest "$media" -w "$ws" --tenant bench --project bench >/dev/null
cat > "$out/engine-seven.json" <<'JSON'
{"name": "seven", "nodes": {
  "a": {"type": "takt.number", "params": {"value": 1}},
  "b": {"type": "takt.text", "params": {"text": "x"}},
  "c": {"type": "takt.curve", "params": {"keys": [{"frame": 0, "value": 0, "interpolation": "linear"}, {"frame": 100, "value": 1}]}},
  "d": {"type": "takt.curve-sample", "params": {"frame": 1}, "inputs": {"curve": "c.curve"}},
  "e": {"type": "takt.wait", "params": {"seconds": 0}},
  "f": {"type": "takt.noop"},
  "g": {"type": "takt.noop", "inputs": {"json": "f.json"}}
}}
JSON
echo "bench: queueing $runs runs of a 7-node workflow" >&2
for i in $(seq 1 "$runs"); do
  # a, b, d and e differ per run (real work); c, f and g are the same in every run, so later runs reuse them from the cache.
  takt run "$out/engine-seven.json" -w "$ws" --tenant bench --detach --set "a.value=$i" --set "b.text=run $i" --set "d.frame=$i" --set "e.seconds=0.00$i" >/dev/null
done
echo "bench: starting two silos" >&2
for n in 0 1; do
  takt silo -w "$ws" --port $((21111 + n)) --gateway-port $((31000 + n)) --cluster-id "bench$$" > "$out/engine-silo-$n.log" 2>&1 &
  pids+=($!)
done
for n in 0 1; do
  until grep -q "Silo up" "$out/engine-silo-$n.log"; do sleep 0.1; done
done
start=$(date +%s.%N)
until [[ "$(psql_db "SELECT count(*) FROM runs WHERE \"Status\" IN ('succeeded','failed','cancelled','paused')")" -ge "$runs" ]]; do sleep 0.2; done
end=$(date +%s.%N)
done_ok="$(psql_db "SELECT count(*) FROM runs WHERE \"Status\" = 'succeeded'")"
per_silo="$(for n in 0 1; do grep -c "Driving run" "$out/engine-silo-$n.log" || true; done | paste -sd/)"
python3 - "$start" "$end" "$runs" "$done_ok" "$per_silo" <<'PY'
import sys
start, end, runs, ok, per_silo = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
wall = end - start
print(f"RESULT engine cluster_silos=2 cluster_runs={runs} cluster_succeeded={ok} cluster_runs_per_silo={per_silo} cluster_wall_s={wall:.2f} cluster_runs_per_s={runs / wall:.2f} cluster_nodes_per_s={7 * runs / wall:.1f}")
PY
