#!/usr/bin/env python3
"""Generates Cedar cases and answers them with the reference engine (PyPI cedarpy).

Writes JSON Lines, one policy set per line:
  {"name", "policies", "entities" (JSON text), "requests": [{"principal", "action", "resource",
   "context" (JSON text), "expected": {"outcome", "reasons", "errors"}}]}
`outcome` is "allow", "deny", or where the reference engine rejects an input: "policies_error",
"entities_error" or "request_error". `reasons` and `errors` are sorted policy ids.

Usage: differential.py --seed S [--sets N] [--requests K] [--out FILE]
"""

import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import cedarpy  # noqa: E402

from cedar_gen import Generator  # noqa: E402

ERROR_POLICY = re.compile(r"^error while evaluating policy `(.*?)`: ", re.S)


def outcome_only(outcome):
    return {"outcome": outcome, "reasons": [], "errors": []}


def answer(result):
    """Maps a cedarpy AuthzResult to the expected-answer shape."""
    diagnostics = result.diagnostics
    if result.decision == cedarpy.Decision.NoDecision:
        return outcome_only("request_error")
    errors = []
    for message in diagnostics.errors:
        match = ERROR_POLICY.match(message)
        errors.append(match.group(1) if match else "?" + message)
    return {
        "outcome": "allow" if result.decision == cedarpy.Decision.Allow else "deny",
        "reasons": sorted(diagnostics.reasons),
        "errors": sorted(set(errors)),
    }


def solve(case):
    """Fills in `expected` for every request of a case."""
    try:
        policies = cedarpy.PolicySet.from_str(case["policies"])
    except Exception:  # the binding raises ValueError; anything else is a rejection too
        policies = None
    if policies is None:
        for request in case["requests"]:
            request["expected"] = outcome_only("policies_error")
        return case
    try:
        entities = cedarpy.Entities.from_json_str(case["entities"])
    except Exception:
        entities = None
    if entities is None:
        for request in case["requests"]:
            request["expected"] = outcome_only("entities_error")
        return case
    for request in case["requests"]:
        query = {key: request[key] for key in ("principal", "action", "resource", "context")}
        try:
            result = cedarpy.is_authorized(query, policies, entities)
            request["expected"] = answer(result)
        except Exception:
            request["expected"] = outcome_only("request_error")
    return case


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--sets", type=int, default=500, help="policy sets (default 500)")
    parser.add_argument("--requests", type=int, default=8, help="requests per policy set (default 8)")
    parser.add_argument("--out", help="output file (default stdout)")
    args = parser.parse_args()

    generator = Generator(args.seed)
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    for index in range(args.sets):
        case = generator.policy_set_case("seed%d-set%d" % (args.seed, index), args.requests)
        out.write(json.dumps(solve(case), ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
