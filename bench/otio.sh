#!/usr/bin/env bash
# OTIO interchange: parse + write a 10,000-clip timeline (4 tracks, transitions, markers, Takt metadata) with
# Takt's native reader/writer, against Debian's python3 stdlib json load + dump of the same file as the peer
# (a floor for any JSON round trip; OTIO's own Python library is not installable here). Target: < 1 s.
# --quick: 3 timed iterations instead of 10 (same 10,000 clips).
set -euo pipefail
quick="${1:-0}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/out"
mkdir -p "$out"
clips=10000
iterations=10
[[ "$quick" == 1 ]] && iterations=3

echo "bench: building (Release)" >&2
dotnet build "$root/bench/OtioBench/OtioBench.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
harness=(dotnet "$root/artifacts/bin/OtioBench/release/OtioBench.dll")
file="$out/otio-bench.otio"
"${harness[@]}" generate "$file" "$clips" >&2

takt_line="$("${harness[@]}" run "$file" "$iterations")"
echo "bench: takt $takt_line" >&2
takt_s="$(sed -n 's/.*takt_s=\([0-9.]*\).*/\1/p' <<<"$takt_line")"

python_json_s="$(/usr/bin/python3 - "$file" "$iterations" <<'PY'
import json, sys, time
path, iterations = sys.argv[1], int(sys.argv[2])
best = float("inf")
for i in range(iterations + 1):
    start = time.perf_counter()
    with open(path, "rb") as f:
        data = json.load(f)
    text = json.dumps(data, indent=4).encode("utf-8")
    elapsed = time.perf_counter() - start
    if i > 0:
        best = min(best, elapsed)
print(f"{best:.4f}")
PY
)"
ratio="$(awk -v a="$takt_s" -v b="$python_json_s" 'BEGIN { printf "%.2f", b / a }')"   # Takt's speed ÷ the peer's: above 1, Takt is faster
echo "RESULT otio takt_s=$takt_s python_json_s=$python_json_s ratio_python_json=$ratio clips=$clips target_s=1"
