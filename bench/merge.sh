#!/usr/bin/env bash
# Model merge throughput: Takt's streaming merger against a torch CPU script doing the same per-tensor
# float32 math (bench/merge_torch.py, Debian python3-torch), and against cat of the inputs to
# /dev/null (the read floor), over generated SDXL-UNet-shaped F16 safetensors files (2.57B parameters,
# 5.1 GB each; --quick: widths / 6.4, 63M parameters, 126 MB each). Two merges: weighted sum of A and
# B (0.5/0.5) and add-difference A + 0.5·(B − C).
# Page cache: every contestant runs warm. Before each timed run its inputs are read once with cat,
# so no contestant pays for the disk and none benefits from another's reads. Caches are never dropped.
# Wall time and peak RSS come from /usr/bin/time around each whole process (startup included, torch's
# import too); *_inner_s is each program's own clock around the merge. Both writers fsync the output.
# Takt's merge also takes SHA-256 of every input and of the output (provenance, work torch does not
# do; it hashes the inputs beside the merge); takt_input_hash_s times the input hashing alone in a separate run.
# *_peak_rss_mib (/usr/bin/time) counts resident pages of memory-mapped inputs (reclaimable page
# cache) as well as heap; *_peak_anon_mib samples RssAnon every 50 ms: the memory the merge itself needs.
set -euo pipefail
quick="${1:-0}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
size=full
[[ "$quick" == 1 ]] && size=quick
data="$here/out/merge/$size"
py=/usr/bin/python3   # Debian's interpreter, where python3-torch installs (not a pyenv/venv python)
mkdir -p "$data"

need=()
"$py" -c 'import numpy' 2>/dev/null || need+=(python3-numpy)
"$py" -c 'import torch' 2>/dev/null || need+=(python3-torch)
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
bench_dll="$root/artifacts/bin/Takt.Benchmarks/release/Takt.Benchmarks.dll"

echo "bench: $size SDXL-UNet-shaped F16 inputs in $data (generated once, reused by manifest)" >&2
params=$(dotnet "$bench_dll" gen-merge "$data" "$size")
a="$data/model-a.safetensors" b="$data/model-b.safetensors" c="$data/model-c.safetensors"

warm() { cat "$@" >/dev/null; }
now() { date +%s.%N; }
anon_kb() { # pid -> RssAnon of the process and its descendants, in kB
  local total=0 p kids
  for p in "$1" $(cat /proc/"$1"/task/*/children 2>/dev/null); do
    [[ "$p" == "$1" ]] || { kids=$(anon_kb "$p"); total=$((total + ${kids:-0})); continue; }
    kids=$(awk '/^RssAnon:/ { print $2 }' /proc/"$p"/status 2>/dev/null) || true   # empty once it has exited
    total=$((total + ${kids:-0}))
  done
  echo "$total"
}
timed() { # output-file command... -> "wall_s maxrss_kb max_anon_kb" on stdout; the command's stdout goes to the output file
  # maxrss (/usr/bin/time) counts resident pages of memory-mapped inputs, which are page cache the
  # kernel can drop; max_anon_kb samples RssAnon (heap, buffers) every 50 ms: the memory a merge needs.
  local into="$1" rc=0 pid peak=0 now_kb; shift
  /usr/bin/time -f "%e %M" -o "$data/time.txt" "$@" >"$into" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    now_kb=$(anon_kb "$pid"); ((now_kb > peak)) && peak=$now_kb
    sleep 0.05
  done
  wait "$pid" || rc=$?
  ((rc == 0)) && echo "$(tail -n 1 "$data/time.txt") $peak"
  return "$rc"
}

bench_one() { # method inputs...
  local method="$1"; shift
  local inputs=("$@") bytes
  bytes=$(cat "${inputs[@]}" | wc -c)
  local takt_out="$data/out-takt-$method.safetensors" torch_out="$data/out-torch-$method.safetensors"
  rm -f "$takt_out" "$torch_out"

  echo "bench: $method: cat floor" >&2
  warm "${inputs[@]}"
  local t0 t1; t0=$(now); cat "${inputs[@]}" >/dev/null; t1=$(now)
  local cat_s; cat_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')

  echo "bench: $method: torch ($("$py" -c 'import torch; print(torch.__version__)'), $(nproc) threads)" >&2
  warm "${inputs[@]}"
  local torch_s torch_rss torch_inner torch_anon
  read -r torch_s torch_rss torch_anon < <(timed "$data/torch.txt" "$py" "$here/merge_torch.py" "$method" "$torch_out" "${inputs[@]}")
  read -r torch_inner _ <"$data/torch.txt"

  echo "bench: $method: takt" >&2
  warm "${inputs[@]}"
  local takt_s=NA takt_rss=NA takt_anon=NA takt_inner=NA takt_hash=NA status=0
  local out
  if out=$(timed "$data/takt.txt" dotnet "$bench_dll" merge "$method" "$takt_out" "${inputs[@]}"); then
    read -r takt_s takt_rss takt_anon <<<"$out"
    read -r takt_inner _ <"$data/takt.txt"
    warm "${inputs[@]}"
    takt_hash=$(dotnet "$bench_dll" merge hash "${inputs[@]}")
  else
    status=$?
    echo "bench: $method: NO TAKT FIGURE: the Takt merger (Takt.Engine.Models.Merging) is missing from this build or failed (exit $status); torch and cat figures only" >&2
  fi

  local check_ok=NA
  if [[ "$takt_s" != NA ]]; then
    local tensors max_abs max_ulp bad worst
    if read -r tensors max_abs max_ulp bad worst < <("$py" "$here/merge_torch.py" check "$takt_out" "$torch_out"); then check_ok=1; else check_ok=0; fi
    echo "CHECK merge method=$method takt_vs_torch tensors=$tensors max_abs_diff=$max_abs max_f16_ulps=$max_ulp tensors_over_1ulp=$bad worst=$worst ok=$check_ok"
  else
    echo "CHECK merge method=$method takt_vs_torch skipped=no_takt_merger"
  fi
  rm -f "$takt_out" "$torch_out"

  awk -v m="$method" -v p="$params" -v by="$bytes" -v tk="$takt_s" -v tr="$takt_rss" -v ti="$takt_inner" -v th="$takt_hash" -v ta="$takt_anon" -v ra="$torch_anon" \
      -v ts="$torch_s" -v rr="$torch_rss" -v si="$torch_inner" -v cs="$cat_s" -v ok="$check_ok" 'BEGIN {
    line = sprintf("RESULT merge method=%s params=%.0f bytes=%.0f", m, p, by);
    if (tk == "NA") line = line " takt_s=NA takt_params_per_s=NA takt_peak_rss_mib=NA takt_peak_anon_mib=NA takt_inner_s=NA takt_input_hash_s=NA";
    else line = line sprintf(" takt_s=%.2f takt_params_per_s=%.0f takt_peak_rss_mib=%.0f takt_peak_anon_mib=%.0f takt_inner_s=%.2f takt_input_hash_s=%.2f", tk, p / tk, tr / 1024, ta / 1024, ti, th);
    line = line sprintf(" torch_s=%.2f torch_params_per_s=%.0f torch_peak_rss_mib=%.0f torch_peak_anon_mib=%.0f torch_inner_s=%.2f cat_s=%.2f cat_params_per_s=%.0f", ts, p / ts, rr / 1024, ra / 1024, si, cs, p / cs);
    if (tk == "NA") line = line " ratio_torch=NA ratio_cat=NA check_ok=NA takt=missing";
    else line = line sprintf(" ratio_torch=%.3f ratio_cat=%.3f check_ok=%s", ts / tk, cs / tk, ok);
    print line }'
}

bench_one weighted-sum "$a" "$b"
bench_one add-difference "$a" "$b" "$c"
