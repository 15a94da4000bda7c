#!/usr/bin/env python3
"""Times cedarpy (the reference Cedar engine) on a benchmark directory, one decision at a time.

Same inputs and the same method as `agentry-bench cedar`: policies and entities parsed once into handles, one
warm-up pass, then every `is_authorized` call timed on its own with a monotonic clock; every decision is checked
against expected.jsonl (decision, reasons, number of errors).

Usage: bench_cedarpy.py --dir DIR [--iterations N] [--warmup N] [--json]
"""

import argparse
import json
import math
import os
import time

import cedarpy


def load(directory):
    def read(name):
        with open(os.path.join(directory, name), encoding="utf-8") as handle:
            return handle.read()

    requests = [json.loads(line) for line in read("requests.jsonl").splitlines() if line.strip()]
    expected = [json.loads(line) for line in read("expected.jsonl").splitlines() if line.strip()]
    if len(requests) != len(expected):
        raise SystemExit("requests.jsonl and expected.jsonl differ in length")
    policy_text = read("policies.cedar")
    started = time.perf_counter_ns()
    policies = cedarpy.PolicySet.from_str(policy_text)
    entities = cedarpy.Entities.from_json_str(read("entities.json"))
    parse_ms = (time.perf_counter_ns() - started) / 1e6
    return policy_text, policies, entities, requests, expected, parse_ms


def agrees(result, expected):
    return (result.decision.value == expected["decision"]
            and sorted(result.diagnostics.reasons) == sorted(expected["reasons"])
            and len(result.diagnostics.errors) == expected["errors"])


def timed_pass(policies, entities, requests):
    timings = []
    clock = time.perf_counter_ns
    for request in requests:
        start = clock()
        cedarpy.is_authorized(request, policies, entities)
        timings.append(clock() - start)
    return timings


def stats(timings):
    ordered = sorted(timings)

    def percentile(fraction):
        # Nearest rank, as agentry-bench computes it.
        rank = max(1, min(len(ordered), math.ceil(fraction * len(ordered))))
        return ordered[rank - 1] / 1000

    total = sum(ordered)
    return {
        "decisions": len(ordered), "p50_us": round(percentile(0.50), 2), "p99_us": round(percentile(0.99), 2),
        "p999_us": round(percentile(0.999), 2), "mean_us": round(total / len(ordered) / 1000, 2),
        "throughput_per_s": round(len(ordered) / (total / 1e9)),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--iterations", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    policy_text, policies, entities, requests, expected, parse_ms = load(args.dir)
    disagree = sum(not agrees(cedarpy.is_authorized(request, policies, entities), want)
                   for request, want in zip(requests, expected))
    for _ in range(args.warmup):
        timed_pass(policies, entities, requests)
    timings = []
    for _ in range(max(1, args.iterations)):
        timings += timed_pass(policies, entities, requests)

    report = {
        "engine": "cedarpy " + getattr(cedarpy, "__version__", "4.12.2"), "policies": len(policies),
        "entities": len(entities), "requests": len(requests), "agree": len(requests) - disagree,
        "disagree": disagree, "parse_ms": round(parse_ms, 2), "decide": stats(timings),
    }
    if args.json:
        print(json.dumps(report))
    else:
        figures = report["decide"]
        print("cedarpy: %d policies, %d entities, %d requests (parsed in %.1f ms)"
              % (report["policies"], report["entities"], report["requests"], parse_ms))
        print("agreement with expected.jsonl: %d/%d" % (report["agree"], report["requests"]))
        print("is_authorized: p50 %.2f µs  p99 %.2f µs  p99.9 %.2f µs  mean %.2f µs  %d decisions/s (%d timed)"
              % (figures["p50_us"], figures["p99_us"], figures["p999_us"], figures["mean_us"],
                 figures["throughput_per_s"], figures["decisions"]))
    raise SystemExit(0 if disagree == 0 else 1)


if __name__ == "__main__":
    main()
