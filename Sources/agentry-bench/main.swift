print("agentry-bench: no benchmarks yet")
