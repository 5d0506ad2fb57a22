# danvan: build, demo, tests. Every target installs what it needs first.
SWIFT ?= swift
CONFIG ?= debug

.PHONY: all deps build release demo test test-unit test-system clean

all: build

deps:
	@Scripts/install-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIG)

release: deps
	$(SWIFT) build -c release

# Start danvand on a fresh state directory, load the sample province, print figures, stop.
demo: build
	@Scripts/demo.sh $(CONFIG)

# All tests: unit and integration tests (swift test), then the system tests under a
# real systemd when this machine allows it (root and namespaces; skipped with a reason otherwise).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	@bash Tests/system/run.sh

clean:
	rm -rf .build
