#!/usr/bin/env bash
# Curve evaluation: keyframe evaluations per second on one core over a 1,000-key mixed curve
# (constant, linear, bezier, easings), against the target of 10M/s and against the same model in
# plain Python (--quick: a tenth of the frames).
set -euo pipefail
quick="${1:-0}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/out/curves"
mkdir -p "$out"

echo "bench: building (Release)" >&2
dotnet build "$root/bench/Takt.Benchmarks/Takt.Benchmarks.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2

args=(curves --out "$out")
[[ "$quick" == 1 ]] && args+=(--quick)
takt_line="$(dotnet "$root/artifacts/bin/Takt.Benchmarks/release/Takt.Benchmarks.dll" "${args[@]}")"

py_frames=1000000
[[ "$quick" == 1 ]] && py_frames=200000
echo "bench: python peer ($py_frames frames)" >&2
read -r py_rate py_diff < <(python3 "$here/curves_python.py" "$out/curves-curve.json" "$out/curves-check.txt" "$py_frames")
takt_rate="$(sed -n 's/.* evals_per_s=\([0-9]*\).*/\1/p' <<<"$takt_line")"
ratio="$(python3 -c "print(f'{$takt_rate / $py_rate:.1f}')")"
echo "$takt_line python_evals_per_s=$py_rate ratio_python=$ratio python_max_abs_diff=$py_diff"
