#!/usr/bin/env bash
# Dataset export to kohya buckets (resolution 1024, buckets 256–2048 in steps of 64; RGB flattened
# over white, 8-bit PNG): Takt's `dataset build` against two peers doing the same resize/crop/encode
# over the same generated archive (1,000 RGBA layers, half "4K", half "2K", several aspects;
# --quick: 40):
#   pillow  bench/dataset_pillow.py, Debian python3-pil, one process per core: premultiplied Lanczos
#           resize to cover the bucket, centre crop, flatten over white, PNG compress_level 6, caption.
#   vips    the vips CLI (Debian libvips-tools) per file under xargs -P <cores>: `vips flatten` over
#           white to a .v in tmpfs, then `vips thumbnail … --crop centre` (Lanczos3, cover and centre
#           crop) to PNG (compression 6), and a caption. Flattening first gives the same pixels as a
#           premultiplied resize then flatten (both are linear; 48 dB apart after rounding) and costs
#           a third less CPU than thumbnail-then-flatten, whose premultiply sends the resize to float.
# Every file's bucket is chosen once, untimed, with kohya's own algorithm (dataset_pillow.py plan)
# and given to both peers; Takt chooses its own, and the check compares every output's size with it.
# Takt works from its workspace (the sources ingested once, untimed, from the generator's takt.json:
# CC0 works whose consent allows generative training). The measured build runs on a fresh copy of
# the ingested workspace, so its derivation cache is empty; takt_rebuild_s is a second build in that
# workspace of the same recipe under another name (an identical recipe would just reuse the version):
# every derivation is cached, only the layout is written. Every contestant runs warm: its inputs (the
# source PNGs, or the whole workspace for Takt) are read once before it starts. Wall time, peak RSS
# and percent CPU (%P: (user+sys)/wall, 200 = both cores busy) come from /usr/bin/time around each
# whole run, process start included; *_cpu_s is user+sys seconds, less sensitive than wall time to
# other load on a shared machine. *_maxrss_mib is the largest single process (for the peers, one
# worker or one vips command).
set -euo pipefail
quick="${1:-0}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
files=1000
[[ "$quick" == 1 ]] && files=40
cores=$(nproc)
py=/usr/bin/python3   # Debian's interpreter, where python3-pil installs (not a pyenv/venv python)
out="$here/out/dataset-export"
src="$here/out/dataset-$files"
mkdir -p "$out"

need=()
"$py" -c 'import PIL' 2>/dev/null || need+=(python3-pil)
"$py" -c 'import numpy' 2>/dev/null || need+=(python3-numpy)
command -v vips >/dev/null || need+=(libvips-tools)
[[ -x /usr/bin/time ]] || need+=(time)
if ((${#need[@]})); then
  echo "bench: installing ${need[*]} (Debian packages)" >&2
  run() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }
  export DEBIAN_FRONTEND=noninteractive
  if ! run apt-get install -y -qq "${need[@]}" >/dev/null; then
    run apt-get update -qq && run apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi

echo "bench: building (Release)" >&2
dotnet build "$root/bench/Takt.Benchmarks/Takt.Benchmarks.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
"$root/takt" --help >/dev/null   # builds the CLI if needed
takt_dll="$root/artifacts/bin/Takt.Cli/release/takt.dll"
bench_dll="$root/artifacts/bin/Takt.Benchmarks/release/Takt.Benchmarks.dll"

echo "bench: $files generated RGBA layers (mixed 4K/2K) and their takt.json in $src (kept for reuse)" >&2
dotnet "$bench_dll" gen-dataset "$src" "$files"
have=$(find "$src" -maxdepth 1 -name '*.png' | wc -l)
((have == files)) || { echo "bench: expected $files PNG files in $src, found $have" >&2; exit 1; }

plan="$out/plan-$files.tsv"
"$py" "$here/dataset_pillow.py" plan "$src" "$plan" 1024
mpix=$(awk -F'\t' '{ s += $2 * $3 } END { printf "%.1f", s / 1e6 }' "$plan")

now() { date +%s.%N; }
warm() { find "$@" -type f -print0 | xargs -0 cat >/dev/null; }
timed() { # into-file command... -> "wall_s maxrss_kb cpu_pct cpu_s" on stdout; the command's stdout goes to the file
  local into="$1"; shift
  /usr/bin/time -f "%e %M %P %U %S" -o "$out/time.txt" "$@" >"$into" || return $?
  tail -n 1 "$out/time.txt" | tr -d '%' | awk '{ printf "%s %s %s %.2f\n", $1, $2, $3, $4 + $5 }'
}

# --- Pillow ---------------------------------------------------------------------------------------
pillow_out="$out/pillow"
rm -rf "$pillow_out"; mkdir -p "$pillow_out"
echo "bench: pillow $("$py" -c 'import PIL; print(PIL.__version__)'), $cores processes" >&2
warm "$src"
read -r pillow_s pillow_rss pillow_cpu pillow_cpu_s < <(timed "$out/pillow.txt" "$py" "$here/dataset_pillow.py" export "$plan" "$pillow_out" "$cores")

# --- vips CLI -------------------------------------------------------------------------------------
vips_out="$out/vips"
scratch="$out/vips-scratch"; [[ -d /dev/shm && -w /dev/shm ]] && scratch="/dev/shm/takt-bench-vips-$$"
rm -rf "$vips_out" "$scratch"; mkdir -p "$vips_out" "$scratch"
trap 'rm -rf "$scratch"' EXIT
# One line per file: source, bucket width, bucket height, stem.
awk -F'\t' '{ n = $1; sub(/.*\//, "", n); sub(/\.png$/, "", n); print $1, $4, $5, n }' "$plan" >"$out/vips-jobs.txt"
cat >"$out/vips-one.sh" <<'EOF'
#!/bin/sh
# vips-one.sh SCRATCH OUT SOURCE WIDTH HEIGHT STEM
set -e
vips flatten "$3" "$1/$6.v" --background "255 255 255"
vips thumbnail "$1/$6.v" "$2/$6.png[compression=6]" "$4" --height "$5" --crop centre --size both
rm -f "$1/$6.v"
printf 'bench, character, %s\n' "$6" >"$2/$6.txt"
EOF
chmod +x "$out/vips-one.sh"
echo "bench: vips CLI $(vips --version), xargs -P $cores" >&2
warm "$src"
read -r vips_s vips_rss vips_cpu vips_cpu_s < <(timed "$out/vips.txt" xargs -P "$cores" -n 4 -a "$out/vips-jobs.txt" "$out/vips-one.sh" "$scratch" "$vips_out")

# --- Takt -----------------------------------------------------------------------------------------
takt_s=NA takt_rss=NA takt_cpu=NA takt_cpu_s=NA takt_rebuild_s=NA takt_dir="" samples=NA excluded=NA derived=NA rebuild_reused=NA
build_help=$(dotnet "$takt_dll" dataset build --help 2>&1 || true)   # an unknown command prints the root help, exit 0
if [[ "$build_help" != *"dataset build"* ]]; then
  echo "bench: NO TAKT FIGURE: this build of takt has no 'dataset build' command; pillow and vips figures only" >&2
else
  ingested="$out/ws-ingested-$files"
  key="$(cat "$root"/artifacts/bin/Takt.Cli/release/*.dll | sha256sum | cut -c1-16) $(sha256sum "$src/takt.json" | cut -c1-16)"
  if [[ "$(cat "$ingested/.bench-key" 2>/dev/null)" != "$key" ]]; then
    echo "bench: ingesting $files files into $ingested (once, untimed)" >&2
    rm -rf "$ingested"
    dotnet "$takt_dll" init -w "$ingested" >/dev/null
    dotnet "$takt_dll" ingest "$src" -w "$ingested" --json >"$out/ingest.json" \
      || { echo "bench: takt ingest reported problems (exit $?); see $out/ingest.json" >&2; exit 1; }
    echo "$key" >"$ingested/.bench-key"
  fi
  cat >"$out/recipe.json" <<EOF
{"name":"bench","tenant":"bench-studio","purpose":"generative-training","target":{"format":"kohya","resolution":1024,"colour":"rgb"}}
EOF
  ws="$out/ws-run"
  rm -rf "$ws"; cp -a "$ingested" "$ws"
  echo "bench: takt dataset build (fresh workspace copy, empty derivation cache)" >&2
  warm "$ws"
  if read -r takt_s takt_rss takt_cpu takt_cpu_s < <(timed "$out/takt.json" dotnet "$takt_dll" dataset build "$out/recipe.json" -w "$ws" --json) && [[ -n "$takt_s" ]]; then
    read -r takt_dir samples excluded derived _ < <("$py" "$here/dataset_pillow.py" takt-summary "$out/takt.json" path samples excluded derived reused) || true
    if [[ -n "$takt_dir" && "$takt_dir" != /* ]]; then   # relative: to the working directory, else to the workspace
      if [[ -d "$takt_dir" ]]; then takt_dir="$(cd "$takt_dir" && pwd)"; else takt_dir="$ws/$takt_dir"; fi
    fi
    # The same recipe again would reuse the identical version; under another name it is a new version
    # whose every derivation is already cached (same derivation keys), so only layout work remains.
    echo "bench: takt dataset build again under another name (rebuild, cached derivations)" >&2
    sed 's/"name":"bench"/"name":"bench-rebuild"/' "$out/recipe.json" >"$out/recipe-rebuild.json"
    warm "$ws"
    read -r takt_rebuild_s _ _ _ < <(timed "$out/takt-rebuild.json" dotnet "$takt_dll" dataset build "$out/recipe-rebuild.json" -w "$ws" --json) || takt_rebuild_s=NA
    [[ "$takt_rebuild_s" == NA ]] || read -r _ _ _ _ rebuild_reused < <("$py" "$here/dataset_pillow.py" takt-summary "$out/takt-rebuild.json" path samples excluded derived reused) || true
  else
    echo "bench: NO TAKT FIGURE: takt dataset build failed; see $out/takt.json" >&2
    takt_s=NA takt_rss=NA takt_cpu=NA takt_cpu_s=NA
  fi
fi

# --- Check ----------------------------------------------------------------------------------------
echo "bench: checking bucket sizes (and PSNR against Pillow on 20 files)" >&2
check_line=$("$py" "$here/dataset_pillow.py" check "$plan" "$pillow_out" "$vips_out" ${takt_dir:+"$takt_dir"}) || true
echo "CHECK dataset-export $check_line"
check=$(sed -n 's/.*check=\([a-z]*\).*/\1/p' <<<"$check_line"); check=${check:-fail}
buckets=$(sed -n 's/.*buckets=\([0-9]*\).*/\1/p' <<<"$check_line")
psnr=$(sed -n 's/.*psnr_takt_pillow_db=\([0-9.NA]*\).*/\1/p' <<<"$check_line"); psnr=${psnr:-NA}
psnr_vips=$(sed -n 's/.*psnr_vips_pillow_db=\([0-9.NA]*\).*/\1/p' <<<"$check_line"); psnr_vips=${psnr_vips:-NA}
[[ "$takt_s" == NA ]] && check="$check(peers_only)"

awk -v n="$files" -v mp="$mpix" -v b="${buckets:-NA}" -v tk="$takt_s" -v tr="$takt_rebuild_s" -v trss="$takt_rss" -v tc="$takt_cpu" -v tcs="$takt_cpu_s" \
    -v ps="$pillow_s" -v prss="$pillow_rss" -v pc="$pillow_cpu" -v pcs="$pillow_cpu_s" -v vs="$vips_s" -v vrss="$vips_rss" -v vc="$vips_cpu" -v vcs="$vips_cpu_s" \
    -v sm="$samples" -v ex="$excluded" -v dv="$derived" -v ru="${rebuild_reused:-NA}" -v q="$psnr" -v qv="$psnr_vips" -v ok="$check" -v cores="$cores" 'BEGIN {
  line = sprintf("RESULT dataset-export files=%d mpix=%.0f buckets=%s cores=%d", n, mp, b, cores);
  if (tk == "NA") line = line " takt_s=NA takt_files_per_s=NA takt_rebuild_s=NA takt_cpu_pct=NA takt_cpu_s=NA takt_maxrss_mib=NA takt_samples=NA takt_excluded=NA takt_derived=NA takt_rebuild_reused=NA";
  else line = line sprintf(" takt_s=%.2f takt_files_per_s=%.2f takt_rebuild_s=%s takt_cpu_pct=%d takt_cpu_s=%.1f takt_maxrss_mib=%.0f takt_samples=%s takt_excluded=%s takt_derived=%s takt_rebuild_reused=%s",
    tk, n / tk, tr == "NA" ? "NA" : sprintf("%.2f", tr), tc, tcs, trss / 1024, sm, ex, dv, ru);
  line = line sprintf(" pillow_s=%.2f pillow_files_per_s=%.2f pillow_cpu_pct=%d pillow_cpu_s=%.1f pillow_maxrss_mib=%.0f vips_s=%.2f vips_files_per_s=%.2f vips_cpu_pct=%d vips_cpu_s=%.1f vips_maxrss_mib=%.0f",
    ps, n / ps, pc, pcs, prss / 1024, vs, n / vs, vc, vcs, vrss / 1024);
  if (tk == "NA") line = line " ratio_pillow=NA ratio_vips=NA";
  else line = line sprintf(" ratio_pillow=%.3f ratio_vips=%.3f", ps / tk, vs / tk);
  line = line sprintf(" psnr_takt_pillow_db=%s psnr_vips_pillow_db=%s check=%s", q, qv, ok);
  if (tk == "NA") line = line " takt=missing";
  print line }'
