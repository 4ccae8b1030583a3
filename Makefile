# PromoDesk — the two commands that matter: `make run` and `make test`.
# Both install whatever is missing first (scripts/setup.sh is idempotent and quick when done).

SHELL := /bin/bash
CARGO ?= cargo
export CARGO_TERM_COLOR ?= never

.PHONY: run test setup ui ui-test app lint rust-test e2e bindings dev clean report-pages bench bench-import bench-stats bench-edit bench-export bench-busy bench-codes bench-team fuzz package

## Build everything and open the app on the default database (demo offered on first start).
run: setup ui
	$(CARGO) build -p promodesk-app
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "no display: opening under Xvfb (screenshot with: DISPLAY=:$${XVFB_DISPLAY:-99} import -window root shot.png)"; \
	  xvfb-run -n $${XVFB_DISPLAY:-99} -s "-screen 0 1280x800x24" ./target/debug/promodesk-app; \
	else ./target/debug/promodesk-app; fi

## Set up, then every check: formatting, lints, Rust tests, UI tests, WebDriver tests.
test: setup ui lint rust-test ui-test e2e
	@echo "make test: all suites passed"

setup:
	@./scripts/setup.sh

ui: setup
	cd ui && npm run build

lint: ui
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	cd ui && npm run check

rust-test: ui
	$(CARGO) build --workspace --bins
	$(CARGO) test --workspace --no-fail-fast
	CARGO="$(CARGO)" ./scripts/test-team-store.sh

ui-test: setup
	cd ui && npm test

e2e: ui
	$(CARGO) build -p promodesk-app -p promodesk-cli
	./scripts/e2e.sh

## Page images of the demo's report in both languages (target/report-pages/), to look at.
report-pages: setup
	./scripts/report-pages.sh

## Every benchmark and one table of ratios against baselines measured in the same run.
bench: setup ui
	./scripts/bench.sh

## The team database (PostgreSQL, durable, local socket): import and dashboard figures beside the file's.
bench-team: setup
	./scripts/bench-team.sh

## Import 1,000,000 WeChat bill rows against the sqlite3 shell's .import; prints the ratio.
bench-import: setup
	./scripts/bench-import.sh

## Median of every dashboard query over 1,000,000 trades against the sqlite3 shell; target < 50 ms.
bench-stats: setup
	./scripts/bench-stats.sh

## Median of each store, mapping, campaign and coupon edit at 1,000,000 trades vs none; target < 50 ms.
bench-edit: setup
	./scripts/bench-edit.sh

## Reads from a second process while a 1,000,000-row import runs, against the same reads idle;
## how long a write waited for the import.
bench-busy: setup
	./scripts/bench-busy.sh

## The XLSX report of 1,000,000 trades against rust_xlsxwriter writing them bare; and the PDF.
bench-export: setup
	./scripts/bench-export.sh

## 1,000,000 coupon codes generated into a pool (and a second pool beside it) vs drawn in memory.
bench-codes: setup
	./scripts/bench-codes.sh

## Fuzz the bill readers (WeChat, Alipay, ZIP, generic CSV/XLSX) for 10+ minutes; no panic allowed.
fuzz: setup
	PROMODESK_FUZZ_CASES=$${PROMODESK_FUZZ_CASES:-30000} cargo test --release -p promodesk-core import::tests::fuzz -- --test-threads=2

## Build the .deb and smoke-test it (unpacked, started under Xvfb).
package: setup
	./scripts/package.sh

## Regenerate ui/src/lib/bindings.ts from the Rust types.
bindings: ui
	UPDATE_BINDINGS=1 $(CARGO) test -p promodesk-app --lib bindings

## Hot-reload development: Vite dev server + the app pointed at it.
dev: setup
	cd ui && npx vite --port 5173 & \
	TAURI_CONFIG='{"build":{"devUrl":"http://localhost:5173"}}' \
	  $(CARGO) run -p promodesk-app --no-default-features; kill %1

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules
