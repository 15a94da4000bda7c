#!/usr/bin/env bash
# Fuzzes the Cedar readers (policy text, entity JSON, context JSON, and schemas when CedarSchema builds) and the
# evaluation of whatever parses, with libFuzzer, for a bounded time. Not run by CI.
#
#   benchmarks/fuzz-cedar.sh [--seconds N] [--timeout S] [--work DIR] [--sources DIR] [--no-asan]
#
# --seconds: total fuzzing time (default 120); --timeout: seconds one input may take before it counts as a hang
# (default 2); --work: build and corpus directory, kept between runs (default ${TMPDIR:-/tmp}/agentry-fuzz-cedar);
# --sources: where the engine modules are (default Sources/; point it at a snapshot while they are being edited);
# --no-asan: fuzzer instrumentation only. Builds fuzz/CedarFuzz in a mini-package of symlinks to Sources/, seeds
# the corpus with the shared Cedar corpus (.cedar, .cedarschema, .entities.json) and the benchmark workload, and
# reports crashes, hangs and out-of-memory inputs (kept under <work>/artifacts). Exit status 1 on any finding.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds=120
timeout=2
work="${TMPDIR:-/tmp}/agentry-fuzz-cedar"
sanitizers="fuzzer,address"
sources="$root/Sources"
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --timeout) timeout="$2"; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        --sources) sources="$(cd "$2" && pwd)"; shift 2 ;;
        --no-asan) sanitizers="fuzzer"; shift ;;
        *) echo "usage: $0 [--seconds N] [--timeout S] [--work DIR] [--sources DIR] [--no-asan]" >&2; exit 2 ;;
    esac
done

# 1. A mini-package: the engine modules by symlink, the fuzz target as an executable that starts libFuzzer.
mkdir -p "$work/pkg/Sources" "$work/corpus" "$work/seeds" "$work/artifacts"
for module in AgentryCore Authorization CedarSchema; do
    if [ -d "$sources/$module" ]; then ln -sfn "$sources/$module" "$work/pkg/Sources/$module"; fi
done
ln -sfn "$root/fuzz/CedarFuzz" "$work/pkg/Sources/CedarFuzz"
write_manifest() {
    local schema_target="" schema_dep="" define=""
    if [ "$1" = "with-schema" ]; then
        schema_target='.target(name: "CedarSchema", dependencies: ["AgentryCore", "Authorization"]),'
        schema_dep=', "CedarSchema"'
        define='.define("FUZZ_SCHEMA")'
    fi
    cat > "$work/pkg/Package.swift" <<MANIFEST
// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "AgentryFuzz",
    targets: [
        .target(name: "AgentryCore"),
        .target(name: "Authorization", dependencies: ["AgentryCore"]),
        $schema_target
        .executableTarget(
            name: "CedarFuzz",
            dependencies: ["Authorization"$schema_dep],
            swiftSettings: [$define]
        ),
    ]
)
MANIFEST
}
build() {
    (cd "$work/pkg" && swift build -c release -Xswiftc "-sanitize=$sanitizers" -Xswiftc -g 2>&1 | tail -n 3)
}
write_manifest with-schema
if [ ! -d "$sources/CedarSchema" ] || ! build | tee "$work/build.log" | grep -q "Build complete"; then
    echo "fuzz: CedarSchema absent or not building; fuzzing without the schema readers"
    write_manifest without-schema
    build | tee "$work/build.log" | grep -q "Build complete" || { cat "$work/build.log"; exit 1; }
fi
binary="$(cd "$work/pkg" && swift build -c release --show-bin-path)/CedarFuzz"

# 2. Seeds: the shared Cedar corpus and the benchmark workload, when present.
shared="$root/../shared"
if [ -d "$shared/corpus/cedar" ]; then
    find "$shared/corpus/cedar" -type f \( -name '*.cedar' -o -name '*.cedarschema' -o -name '*.entities.json' \) \
        -size -64k -exec cp -n {} "$work/seeds/" \; 2>/dev/null || true
fi
[ -f "$shared/bench/cedar/policies.cedar" ] && cp -n "$shared/bench/cedar/policies.cedar" "$work/seeds/" || true
echo "fuzz: $(ls "$work/seeds" | wc -l) seed files, corpus $(ls "$work/corpus" | wc -l) entries, ${seconds}s"

# 3. Run for a bounded time; an input slower than --timeout seconds is reported as a hang.
before=$(ls "$work/artifacts" | wc -l)
set +e
# Swift's runtime keeps allocations alive until exit, which LeakSanitizer would report as leaks.
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
"$binary" "$work/corpus" "$work/seeds" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 \
    -max_len=16384 -detect_leaks=0 -artifact_prefix="$work/artifacts/" -print_final_stats=1 > "$work/fuzz.log" 2>&1
status=$?
set -e
grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)' \
    "$work/fuzz.log" | awk '!seen[$0]++' || tail -n 5 "$work/fuzz.log"
after=$(ls "$work/artifacts" | wc -l)
if [ "$status" -ne 0 ] || [ "$after" -gt "$before" ]; then
    echo "fuzz: FINDINGS (libFuzzer exit $status); artifacts in $work/artifacts, log $work/fuzz.log"
    grep -E 'ERROR|SUMMARY|Fatal error|deadly signal|timeout' "$work/fuzz.log" | head -n 10
    ls -1 "$work/artifacts" | tail -n 10
    exit 1
fi
echo "fuzz: no crash, hang or OOM in ${seconds}s"
