#!/usr/bin/env bash
# Differential soak: random seeds through the Cedar case generator until time is up, each batch answered by
# cedarpy and by Agentry (`agentry-bench cedar diff`). Every new kind of disagreement in a batch is written to
# Tests/CedarDifferentialTests/Fixtures/ as soak-seed<S>-set<N>-req<K>.json (minimise it before keeping it).
#
#   benchmarks/cedar-differential-soak.sh [--seconds N] [--seed S] [--sets N] [--bin PATH]
#
# --seconds: how long to run (default 300); --seed: first seed (default random; later batches use S+1, S+2, …);
# --sets: policy sets per batch (default 200, 8 requests each); --bin: a built agentry-bench (default: build
# release). Exit status 1 when any disagreement was found. Not run by CI.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds=300
seed=""
sets=200
bin=""
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --sets) sets="$2"; shift 2 ;;
        --bin) bin="$2"; shift 2 ;;
        *) echo "usage: $0 [--seconds N] [--seed S] [--sets N] [--bin PATH]" >&2; exit 2 ;;
    esac
done
python="$root/.venv/bin/python"
if [ ! -x "$python" ]; then
    echo "soak: skipped, no $python (run scripts/setup.sh)"
    exit 0
fi
if [ -z "$bin" ]; then
    (cd "$root" && swift build -c release --product agentry-bench >/dev/null)
    bin="$(cd "$root" && swift build -c release --show-bin-path)/agentry-bench"
fi
[ -n "$seed" ] || seed=$(( (RANDOM << 15 | RANDOM) + 2000 ))
fixtures="$root/Tests/CedarDifferentialTests/Fixtures"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

deadline=$(( $(date +%s) + seconds ))
batches=0; requests=0; disagreements=0
while [ "$(date +%s)" -lt "$deadline" ]; do
    "$python" "$root/scripts/cedar/differential.py" --seed "$seed" --sets "$sets" --out "$work/cases.jsonl"
    set +e
    "$bin" cedar diff --cases "$work/cases.jsonl" --fixtures "$fixtures" > "$work/diff.txt"
    set -e
    summary="$(tail -n 1 "$work/diff.txt")"
    batch_requests=$(echo "$summary" | sed -E 's/.*"requests": ([0-9]+).*/\1/')
    batch_disagree=$(echo "$summary" | sed -E 's/.*"disagree": ([0-9]+).*/\1/')
    if ! [[ "$batch_requests" =~ ^[0-9]+$ ]]; then
        echo "soak: seed $seed: agentry-bench failed (crash?)"; cat "$work/diff.txt" | tail -n 5
        cp "$work/cases.jsonl" "$root/cedar-soak-crash-seed$seed.jsonl"; exit 1
    fi
    batches=$((batches + 1)); requests=$((requests + batch_requests))
    disagreements=$((disagreements + batch_disagree))
    echo "seed $seed: $batch_requests requests, $batch_disagree disagreements"
    grep -E '^(disagreement|saved)' "$work/diff.txt" | head -n 5 || true
    seed=$((seed + 1))
done
echo "{\"seconds\": $seconds, \"batches\": $batches, \"requests\": $requests, \"disagreements\": $disagreements}"
[ "$disagreements" -eq 0 ]
