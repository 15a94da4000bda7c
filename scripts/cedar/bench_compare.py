#!/usr/bin/env python3
"""Prints the Agentry and cedarpy benchmark reports side by side (env AGENTRY, CEDARPY: their JSON).

The last line of output is one JSON object with both reports, the ratios and the pass/fail of the p99 target.
"""

import datetime
import json
import os
import platform

P99_TARGET_US = 50.0


def main():
    agentry = json.loads(os.environ["AGENTRY"])
    cedarpy = json.loads(os.environ.get("CEDARPY") or "null")
    ours = agentry["decide"]
    rows = [("p50 (µs)", "p50_us"), ("p99 (µs)", "p99_us"), ("p99.9 (µs)", "p999_us"), ("mean (µs)", "mean_us"),
            ("decisions/s", "throughput_per_s")]
    print("Cedar authorisation, %d policies, %d entities, %d requests, %s"
          % (agentry["policies"], agentry["entities"], agentry["requests"], platform.node() or "this machine"))
    print("%-14s %14s %14s %10s" % ("", "agentry", "cedarpy", "ratio"))
    ratios = {}
    for label, key in rows:
        theirs = cedarpy["decide"][key] if cedarpy else None
        if theirs is None:
            print("%-14s %14s %14s %10s" % (label, ours[key], "-", "-"))
            continue
        ratio = (ours[key] / theirs) if key == "throughput_per_s" else (theirs / ours[key] if ours[key] else 0)
        ratios[key] = round(ratio, 2)
        print("%-14s %14s %14s %9.1fx" % (label, ours[key], theirs, ratio))
    print("agreement with expected.jsonl: agentry %d/%d, cedarpy %s"
          % (agentry["agree"], agentry["requests"],
             "%d/%d" % (cedarpy["agree"], cedarpy["requests"]) if cedarpy else "-"))
    print("agentry with request building: p50 %.2f µs, p99 %.2f µs"
          % (agentry["request_and_decide"]["p50_us"], agentry["request_and_decide"]["p99_us"]))
    meets = ours["p99_us"] < P99_TARGET_US
    print("p99 target < %.0f µs: %s" % (P99_TARGET_US, "met" if meets else "NOT met"))
    print(json.dumps({
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": "%s, %d cores" % (platform.machine(), os.cpu_count() or 0),
        "agentry": agentry, "cedarpy": cedarpy, "ratios_speedup": ratios,
        "p99_target_us": P99_TARGET_US, "p99_target_met": meets,
    }))


if __name__ == "__main__":
    main()
