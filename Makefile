# Keukentafel: build, run and test.   `make help` lists the targets.
#
#   make run    build everything and open the app on a demo store
#   make test   the one command that runs every test (CI runs exactly this)
#
# Every cargo command below selects the same packages (--workspace, which here
# includes the non-default member tests/e2e) so that Cargo resolves a single
# feature set: the e2e crate's tokio/hyper features would otherwise give tokio,
# and with it tauri, a second build. Tests are picked with nextest filtersets
# (-E) instead of -p/--exclude for the same reason.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.NOTPARALLEL:
MAKEFLAGS += --no-print-directory

export PATH := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)

CARGO      ?= cargo
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
APP_BIN    := $(abspath $(TARGET_DIR)/debug/keukentafel)
CLI_BIN    := $(abspath $(TARGET_DIR)/debug/keukentafel-cli)
DEMO_DB    := $(abspath $(TARGET_DIR)/demo/keukentafel.sqlite3)
COORD_DB   := $(abspath $(TARGET_DIR)/demo-coordinator/keukentafel.sqlite3)
# The passphrase of the demo stores (README: Running the app): type it on the start screen.
DEMO_PASSPHRASE := keukentafel demo
E2E        := keukentafel-e2e
# A 24-bit screen big enough for the 1280x760 window (xvfb-run's default is 640x480x8).
XVFB_RUN   := xvfb-run -a -s "-screen 0 1920x1080x24"
# No fail-fast, and a hung test is ended after 5 minutes (see .ci/nextest.toml).
NEXTEST    := $(CARGO) nextest run --workspace \
              --tool-config-file keukentafel:$(CURDIR)/.ci/nextest.toml -P keukentafel-ci

.PHONY: help setup ui ui-test build unit doc core-deps fuzz e2e test test-steps bench bench-smoke \
        run run-coordinator demo coordinator-demo clean-demo

help:
	@echo "make run         build and open the app on a demo store ($(DEMO_DB))"
	@echo "make test        every test: UI check/build/tests, cargo tests + doctests, core deps check, end-to-end"
	@echo "make demo        create the demo store if it does not exist"
	@echo "make run-coordinator  the app as the coordinator, after three volunteers' files ($(COORD_DB))"
	@echo "make clean-demo  delete the demo store"
	@echo "make setup       install missing system packages and tools (.ci/setup)"
	@echo "make bench       the benchmarks in release at full size (about an hour; README: Benchmarks)"
	@echo "pieces of make test: ui-test build unit doc core-deps bench-smoke fuzz e2e"

setup:
	@bash .ci/setup

# --- UI ------------------------------------------------------------------------

ui: setup
	@echo "==> ui: npm run build"
	cd ui && npm run build

# Whether ui/package.json defines a real "test" script (not npm's placeholder).
HAS_UI_TEST = node -p 'const t = require("./ui/package.json").scripts?.test; Boolean(t && !/no test specified/.test(t))'

ui-test: ui
	@echo "==> ui: npm run check"
	cd ui && npm run check
	@if [ "$$($(HAS_UI_TEST))" = true ]; then \
	    echo "==> ui: npm test"; \
	    cd ui && npm test; \
	else \
	    echo "==> ui: no test script in package.json, skipped"; \
	fi

# --- Rust ----------------------------------------------------------------------

# The app embeds ui/dist at compile time, so the UI is built first.
# `make run` uses this same build: `--bins` or `-p keukentafel-app` would
# resolve other features (dev-dependencies, the e2e crate) and rebuild tauri.
build: ui
	@echo "==> cargo build --workspace --all-targets"
	$(CARGO) build --workspace --all-targets

# Under Xvfb too, so a test that touches GTK behaves the same with or without a desktop.
unit:
	@echo "==> cargo nextest: workspace tests (all but $(E2E))"
	$(XVFB_RUN) $(NEXTEST) -E 'not package($(E2E))'

# nextest does not run doctests; cargo test does (same package selection).
doc:
	@echo "==> cargo test --doc: doctests"
	$(CARGO) test --workspace --doc

core-deps:
	@echo "==> core crates must not depend on tauri"
	@bash .ci/check-core-deps

# The export-file reader under cargo-fuzz for a bounded time (FUZZ_SECONDS, default 60).
fuzz:
	@echo "==> cargo fuzz: export reader, $${FUZZ_SECONDS:-60} s"
	bash .ci/fuzz

# --- Benchmarks ------------------------------------------------------------------

# The benchmark suite (README: Benchmarks): the checklist engine, the municipal report and
# overview on a 10,000-household store (built once into $(BENCH_DIR), which takes a while),
# the import of 200 files / 1,000,000 ops with re-import, baselines (and automerge doing the
# same job), bytes per op and peak memory, one large file's export/verify/import memory, and the release app's start-up in the
# real window at 40, 10,000 and 100,000 households. Figures are printed as ratios against
# baselines measured in the same run.
BENCH_TARGETS := --bench evaluate --bench report --bench merge --bench files
BENCH_DIR     := $(abspath $(TARGET_DIR)/bench)

bench: ui
	@echo "==> cargo bench (release, full size)"
	mkdir -p "$(BENCH_DIR)"
	KT_BENCH_DIR="$(BENCH_DIR)" $(CARGO) bench --workspace $(BENCH_TARGETS)
	@echo "==> the release app's start-up in the real window"
	$(CARGO) build --release --workspace --bin keukentafel
	KT_BENCH_DIR="$(BENCH_DIR)" KEUKENTAFEL_E2E_PROFILE=release $(XVFB_RUN) $(CARGO) bench --workspace --bench startup

# The same suite at a tiny size in the dev build, so CI sees that every benchmark still runs
# and prints its figures (which are not asserted: a debug build's times mean nothing). The
# start-up runs the debug app that `build` made.
bench-smoke:
	@echo "==> cargo bench: the suite at a tiny size (dev build; figures printed, not asserted)"
	rm -rf "$(BENCH_DIR)-smoke" && mkdir -p "$(BENCH_DIR)-smoke"
	KT_BENCH_DIR="$(BENCH_DIR)-smoke" KT_BENCH_HOUSEHOLDS=20 KT_BENCH_VISITS=2 BENCH_FILES=4 BENCH_OPS=2000 BENCH_HOUSEHOLDS=50 \
	    $(CARGO) bench --workspace --profile dev $(BENCH_TARGETS)
	KT_BENCH_DIR="$(BENCH_DIR)-smoke" KT_STARTUP_SIZES=40,500 KT_STARTUP_RUNS=1 \
	    $(XVFB_RUN) $(CARGO) bench --workspace --profile dev --bench startup

# Serial: each test starts its own tauri-driver + WebKitWebDriver + app; two at
# once on 2 cores only makes timing flaky. One retry absorbs a slow first
# WebKit start (nextest reports such a test as FLAKY, so it stays visible).
e2e:
	@echo "==> cargo nextest: end-to-end tests under Xvfb"
	$(XVFB_RUN) $(NEXTEST) -E 'package($(E2E))' --test-threads 1 --retries 1

# --- The one command -----------------------------------------------------------

test:
	@start=$$(date +%s); \
	if $(MAKE) test-steps; then \
	    echo "make test: all suites passed in $$(( $$(date +%s) - start )) s"; \
	else \
	    echo "make test: FAILED (first error above) after $$(( $$(date +%s) - start )) s"; \
	    exit 1; \
	fi

# In this order (.NOTPARALLEL keeps it so even under make -j).
test-steps: setup ui-test build unit doc core-deps bench-smoke fuzz e2e

# --- Running the app -----------------------------------------------------------

# A demo store left by a version without encryption is encrypted with the demo passphrase
# (any command that opens it does that).
demo: build
	@export KEUKENTAFEL_PASSPHRASE="$(DEMO_PASSPHRASE)"; \
	if [ -f "$(DEMO_DB)" ]; then \
	    if [ "$$(head -c 15 "$(DEMO_DB)")" = "SQLite format 3" ]; then \
	        echo "encrypting the demo store $(DEMO_DB) with the demo passphrase"; \
	        "$(CLI_BIN)" status --db "$(DEMO_DB)" >/dev/null; \
	    fi; \
	    echo "demo store exists: $(DEMO_DB) (make clean-demo to start over)"; \
	else \
	    mkdir -p "$(dir $(DEMO_DB))"; \
	    echo "creating demo store $(DEMO_DB)"; \
	    "$(CLI_BIN)" demo --db "$(DEMO_DB)" --households 40 --seed 2026 --today "$$(date +%F)" \
	        || { rm -f "$(DEMO_DB)"*; exit 1; }; \
	fi; \
	echo "demo passphrase: $(DEMO_PASSPHRASE)"

coordinator-demo: build
	@export KEUKENTAFEL_PASSPHRASE="$(DEMO_PASSPHRASE)"; \
	if [ -f "$(COORD_DB)" ]; then \
	    if [ "$$(head -c 15 "$(COORD_DB)")" = "SQLite format 3" ]; then \
	        echo "encrypting the coordinator demo store $(COORD_DB) with the demo passphrase"; \
	        "$(CLI_BIN)" status --db "$(COORD_DB)" >/dev/null; \
	    fi; \
	    echo "coordinator demo store exists: $(COORD_DB) (make clean-demo to start over)"; \
	else \
	    bash .ci/coordinator-demo "$(CLI_BIN)" "$(COORD_DB)"; \
	fi; \
	echo "demo passphrase: $(DEMO_PASSPHRASE)"

clean-demo:
	rm -f "$(DEMO_DB)" "$(DEMO_DB)-wal" "$(DEMO_DB)-shm"
	rm -rf "$(dir $(COORD_DB))"

# Opens the app on the store $(1), in a window (or under Xvfb when there is no display).
define launch
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	    launcher=(); \
	else \
	    echo "run: no DISPLAY or WAYLAND_DISPLAY; running the app under xvfb-run (no visible window)"; \
	    launcher=($(XVFB_RUN)); \
	fi; \
	echo "run: KEUKENTAFEL_DB=$(1) $(APP_BIN)  (passphrase: $(DEMO_PASSPHRASE))"; \
	KEUKENTAFEL_DB="$(1)" "$${launcher[@]}" "$(APP_BIN)"
endef

run: setup build demo
	$(call launch,$(DEMO_DB))

run-coordinator: setup build coordinator-demo
	$(call launch,$(COORD_DB))
