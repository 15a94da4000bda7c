#!/usr/bin/env bash
# Cedar authorisation benchmark: Agentry's engine beside cedarpy (the reference engine) on the same inputs.
#
#   benchmarks/cedar.sh [--dir DIR] [--iterations N] [--cedarpy-iterations N] [--bin PATH] [--out FILE]
#
# Builds agentry-bench in release mode (unless --bin names a built one), runs `agentry-bench cedar` and
# scripts/cedar/bench_cedarpy.py on the workload in ../shared/bench/cedar (106 policies, 1,008 entities, 3,000
# requests with reference decisions), checks every decision of both against expected.jsonl, and prints p50/p99/p99.9
# and throughput side by side with the ratios, then the same as one JSON object (also written to --out).
# Skips (exit 0) when the workload directory is absent. Not run by CI.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/../shared/bench/cedar"
iterations=5
cedarpy_iterations=1
bin=""
out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --dir) dir="$2"; shift 2 ;;
        --iterations) iterations="$2"; shift 2 ;;
        --cedarpy-iterations) cedarpy_iterations="$2"; shift 2 ;;
        --bin) bin="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        *) echo "usage: $0 [--dir DIR] [--iterations N] [--cedarpy-iterations N] [--bin PATH] [--out FILE]" >&2
           exit 2 ;;
    esac
done

if [ ! -f "$dir/policies.cedar" ] || [ ! -f "$dir/expected.jsonl" ]; then
    echo "cedar bench: skipped, no workload at $dir (expected ../shared/bench/cedar beside the package)"
    exit 0
fi

# 1. Build (release) unless a binary was given.
if [ -z "$bin" ]; then
    (cd "$root" && swift build -c release --product agentry-bench >/dev/null)
    bin="$(cd "$root" && swift build -c release --show-bin-path)/agentry-bench"
fi

# 2. Agentry, then cedarpy, one after the other on the same machine.
agentry_json="$("$bin" cedar --dir "$dir" --iterations "$iterations" --json)" || {
    echo "cedar bench: agentry disagreed with expected.jsonl"; echo "$agentry_json"; exit 1; }
python="$root/.venv/bin/python"
cedarpy_json="null"
if [ -x "$python" ]; then
    cedarpy_json="$("$python" "$root/scripts/cedar/bench_cedarpy.py" --dir "$dir" \
        --iterations "$cedarpy_iterations" --json)" || { echo "cedar bench: cedarpy run failed"; exit 1; }
else
    echo "cedar bench: no $python (run scripts/setup.sh); cedarpy column skipped"
fi

# 3. Side by side, with ratios (cedarpy / agentry: how many times faster Agentry is).
report="$(AGENTRY="$agentry_json" CEDARPY="$cedarpy_json" python3 "$root/scripts/cedar/bench_compare.py")"
echo "$report" | sed '$d'
echo "$report" | tail -n 1
if [ -n "$out" ]; then echo "$report" | tail -n 1 > "$out"; fi
