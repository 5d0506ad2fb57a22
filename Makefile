# danvan: build, demo, tests. Every target installs what it needs first.
SWIFT ?= swift
CONFIG ?= debug

.PHONY: all deps build release demo test test-unit test-system test-ship clean

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
	# Serially: many integration tests block a thread on real sockets, and with 2 cores the
	# cooperative pool would starve the async tests (watchdog timing) run beside them.
	$(SWIFT) test --skip-build --no-parallel
	@bash Tests/system/run.sh
	$(MAKE) test-ship

# danvan-ship (Ship/, a separate package: postgres-nio and BoringSSL stay out of the daemon's
# build): its unit tests, then its tests against a real PostgreSQL (started as the postgres user
# under a temporary directory by Ship/Scripts/pg-cluster.sh) and the real danvand of the build above.
test-ship: deps
	$(SWIFT) build --product danvand
	$(SWIFT) build --package-path Ship --build-tests
	$(SWIFT) test --package-path Ship --skip-build --no-parallel

clean:
	rm -rf .build

# Install danvand and danvanctl (release build), the systemd units, the sysusers.d entry and the
# default /etc/danvan/danvand.conf (never overwriting yours), like a Debian package; then
# `systemctl enable --now danvand.socket`. PREFIX (default /usr/local) and DESTDIR (staging)
# as usual; see deploy/install.sh.
PREFIX ?= /usr/local
DESTDIR ?=
.PHONY: install uninstall
install: release
	@PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" deploy/install.sh "$$($(SWIFT) build -c release --show-bin-path)"

# Remove what `make install` installed; keeps /etc/danvan and the log (deploy/uninstall.sh --purge deletes them).
uninstall:
	@PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" deploy/uninstall.sh

# Only the system tests: the notify/activation protocol without systemd, then danvand under a
# real systemd booted as PID 1 in namespaces (root; skipped with the reason otherwise).
test-system: deps
	$(SWIFT) build
	@bash Tests/system/run.sh

# Benchmarks (Benchmarks/, a separate package: the targets above never build it). See BENCHMARKS.md.
.PHONY: bench bench-peers bench-stages bench-micro profile
BENCH_ARGS ?=

# danvand and its peers (Redis, PostgreSQL, SQLite, the raw disk) in one interleaved run, then
# cold start, queries, memory and growth to 1M events, asOf queries at past points (near the start,
# the middle, the end); prints one Markdown table (~10 minutes).
# `make bench BENCH_ARGS=--with-10m` adds 10M events (long; ~1.5 GB of log);
# `BENCH_ARGS=--update-doc BENCHMARKS.md` writes the table into BENCHMARKS.md.
bench: deps
	@Benchmarks/install-deps.sh
	$(SWIFT) build -c release --product danvand
	cd Benchmarks && $(SWIFT) build -c release --product danvan-bench
	python3 Benchmarks/run-bench.py --danvand .build/release/danvand --bench Benchmarks/.build/release/danvan-bench $(BENCH_ARGS)

# The peers alone, with the same load shapes (no danvand).
bench-peers:
	@Benchmarks/install-deps.sh
	python3 Benchmarks/peers/run_peers.py

# The CPU of each step of a 512-event append, in process (decode, parse, admit, encode, apply, free).
bench-stages:
	cd Benchmarks && $(SWIFT) build -c release --product danvan-stages
	Benchmarks/.build/release/danvan-stages

# ordo-one micro-benchmarks of the hot paths (framing + CRC, JSON, codec, admission, projection).
bench-micro:
	cd Benchmarks && $(SWIFT) package --disable-sandbox benchmark --target DanvanMicro

# callgrind instruction profiles of danvand: replay, appends with 1 and 16 clients, summary queries.
profile: deps
	@Benchmarks/install-deps.sh
	$(SWIFT) build -c release --product danvand
	cd Benchmarks && $(SWIFT) build -c release --product danvan-bench
	Benchmarks/profile.sh

# The unit and integration tests under AddressSanitizer / ThreadSanitizer, each in its own
# scratch path (.build-asan, .build-tsan) so the everyday .build is untouched. The
# integration tests start the sanitized danvand of the same build (DANVAN_DAEMON_BINARY),
# so the daemon runs under the sanitizer too; every report (test runner, danvand, danvanctl)
# lands in <scratch>/sanitizer-reports/ and is listed at the end. SAN_FILTER narrows the run
# (a --filter regex). See Scripts/test-sanitized.sh.
SAN_FILTER ?=
.PHONY: test-asan test-tsan
test-asan: deps
	SWIFT=$(SWIFT) Scripts/test-sanitized.sh address '$(SAN_FILTER)'

test-tsan: deps
	SWIFT=$(SWIFT) Scripts/test-sanitized.sh thread '$(SAN_FILTER)'

# libFuzzer targets (Fuzz/, a separate package): build with ASan + fuzzer into Fuzz/.build-fuzz,
# run each target for FUZZ_SECONDS from its seeds (Fuzz/Corpus/<target>/). A crash fails and
# leaves the reproducer in Fuzz/.build-fuzz/artifacts/<target>/. See Scripts/fuzz.sh.
# `make ci-fuzz` is the bounded run .ci/run does after `make test` (30 s per target).
FUZZ_SECONDS ?= 60
.PHONY: fuzz ci-fuzz
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) Scripts/fuzz.sh

ci-fuzz:
	SWIFT=$(SWIFT) Scripts/ci-fuzz.sh
