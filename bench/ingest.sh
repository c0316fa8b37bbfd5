#!/usr/bin/env bash
# Ingest throughput against the work ingest cannot avoid: sha256sum of every file plus a full
# decode of every file by the vips CLI, both on both cores, over the same warm files.
set -euo pipefail
quick="${1:-0}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/out"
files=1000; side=2048
[[ "$quick" == 1 ]] && files=40
mkdir -p "$out"

need=()
command -v vips >/dev/null || need+=(libvips-tools)
[[ -x /usr/bin/time ]] || need+=(time)
if ((${#need[@]})); then
  echo "bench: installing ${need[*]}" >&2
  sudo_=""; [[ $(id -u) == 0 ]] || sudo_=sudo
  $sudo_ apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "bench: building (Release)" >&2
dotnet build "$root/bench/Takt.Benchmarks/Takt.Benchmarks.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
"$root/takt" --help >/dev/null   # builds the CLI if needed
takt_dll="$root/artifacts/bin/Takt.Cli/release/takt.dll"

layers="$out/layers-$side-$files"
echo "bench: $files generated ${side}x${side} RGBA PNG layers in $layers (kept for reuse)" >&2
dotnet "$root/artifacts/bin/Takt.Benchmarks/release/Takt.Benchmarks.dll" gen-layers "$layers" "$files" "$side"
quarter="$out/layers-$side-$files-quarter"
rm -rf "$quarter"; mkdir -p "$quarter"
find "$layers" -name '*.png' | sort | head -n $((files / 4)) | xargs -I{} ln {} "$quarter/"
bytes=$(du -sb "$layers" | cut -f1)

now() { date +%s.%N; }
warm() { find "$1" -name '*.png' -print0 | xargs -0 cat >/dev/null; }

warm "$layers"
echo "bench: floor (sha256sum + vips avg, 2 processes)" >&2
t0=$(now)
find "$layers" -name '*.png' -print0 | xargs -0 -P2 -n 16 sha256sum >/dev/null
t1=$(now)
find "$layers" -name '*.png' -print0 | xargs -0 -P2 -n 1 vips avg >/dev/null
t2=$(now)

run_takt() { # folder -> "seconds maxrss_kb"
  local ws="$out/ws-$(basename "$1")"
  rm -rf "$ws"
  dotnet "$takt_dll" init -w "$ws" >/dev/null
  warm "$1"
  /usr/bin/time -f "%e %M" -o "$out/time.txt" dotnet "$takt_dll" ingest "$1" -w "$ws" --project bench --json >"$out/report-$(basename "$1").json"
  cat "$out/time.txt"
}
echo "bench: takt ingest of $((files / 4)) files (memory check)" >&2
read -r _ rss_quarter < <(run_takt "$quarter")
echo "bench: takt ingest of $files files" >&2
read -r takt_s rss_full < <(run_takt "$layers")

awk -v n="$files" -v b="$bytes" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v tk="$takt_s" -v rq="$rss_quarter" -v rf="$rss_full" 'BEGIN {
  sha = t1 - t0; dec = t2 - t1; floor = sha + dec;
  printf "RESULT ingest files=%d mib=%.0f takt_s=%.2f takt_files_per_s=%.2f floor_s=%.2f floor_files_per_s=%.2f floor_sha256_s=%.2f floor_decode_s=%.2f ratio_floor=%.3f takt_maxrss_mib=%.0f takt_maxrss_quarter_mib=%.0f\n",
    n, b / 1048576, tk, n / tk, floor, n / floor, sha, dec, floor / tk, rf / 1024, rq / 1024 }'
