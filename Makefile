# Agentry: `make demo` runs the DocAssist scenario; `make test` runs the whole test suite.
SWIFT ?= swift
CONTRACTS ?= ../shared/corpus/contracts

.PHONY: setup build demo test serve clean

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release

demo: build
	.build/release/agentry demo --config examples/docassist/agentry.json --contracts $(CONTRACTS) --report demo-report.json

serve: build
	.build/release/agentry serve --config examples/docassist/agentry.json

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build examples/docassist/data demo-report.json
