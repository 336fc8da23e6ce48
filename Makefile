# minted-connect: every entry point. `make demo` and `make test` set up a fresh machine by themselves.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
PORT ?= 8787

.PHONY: setup pkg docs api-report sandbox-bin sandbox demo test release soak fuzz cli-test consumers bench profile clean

## setup: install the toolchain pieces and npm dependencies (idempotent; fast when done)
setup:
	@scripts/setup.sh

## pkg: build the wasm and assemble the npm package in pkg/
pkg: setup
	@node scripts/build-pkg.mjs

## docs: the API reference of the shipped declarations (TypeDoc) in target/api-docs/; fails on an undocumented export
docs: pkg
	@node scripts/docs.mjs

## api-report: write docs/api/*.api.md, the report of the public declarations (make test fails when it is stale)
api-report: pkg
	@node scripts/api-report.mjs --update

sandbox-bin:
	@cargo build -q -p minted-sandbox

## sandbox: run the local Partner API sandbox on 127.0.0.1:$(PORT) (see README for flags)
sandbox: sandbox-bin
	@target/debug/minted-sandbox --port $(PORT) --state target/sandbox-state.json

## demo: build, start the sandbox, run the Node demo, serve the admin panel; Ctrl-C stops everything
demo: docs sandbox-bin
	@node scripts/demo.mjs

## test: every check and test suite (what CI runs)
test:
	@scripts/test.sh

## release: make release VERSION=0.2.0: one version in Cargo.toml, the command's package and the changelog, then
## everything `make test` runs, then the three tarballs and SHA256SUMS in target/release/VERSION/
release:
	@node scripts/release.mjs $(VERSION)

## consumers: install the packed tarball into each consumer project (bundlers, runtimes, Workers, full-stack
## frameworks) and run it; `make consumers ONLY="vite next"` for some, `ONLY=--frameworks` for the frameworks
consumers: pkg
	@node tests/consumers/run.mjs $(ONLY)

## soak: 1000 orders under random faults, then the ledger check (the test suite runs 200)
soak: pkg sandbox-bin
	@scripts/setup.sh tests/js
	@cd tests/js && SOAK_RUNS=$${SOAK_RUNS:-1000} node --test --test-reporter=spec soak.test.mjs

## fuzz: the property tests with many cases, and many random inputs through the compiled module
fuzz: pkg
	@scripts/setup.sh tests/js
	@PROPTEST_CASES=$${PROPTEST_CASES:-100000} cargo test --release -p minted-connect --test fuzz -- --nocapture
	@cd tests/js && WASM_FUZZ_RUNS=$${WASM_FUZZ_RUNS:-50000} node --test wasm-fuzz.test.mjs

## cli-test: the minted command's tests (npm pack of pkg/, pkg/sandbox/ and cli/, installed, run against the sandbox)
cli-test: pkg sandbox-bin
	@node --test --test-concurrency=1 --test-reporter=spec tests/cli/

## bench: decode, validation, whole-call (also beside digest-fetch + zod), memory and load figures beside zod and valibot;
## writes tools/bench/results.json
bench: pkg sandbox-bin
	@scripts/setup.sh tools/bench
	@node --expose-gc tools/bench/run.mjs

## profile: where a call's client CPU goes (getCustomer under the V8 profiler, the module with its function names);
## PROFILE_ROUTE=peer profiles digest-fetch + res.json() + zod instead
profile: pkg sandbox-bin
	@scripts/setup.sh tools/bench
	@node tools/bench/profile.mjs

clean:
	cargo clean
	rm -rf pkg tests/js/node_modules tools/node_modules cli/node_modules tools/bench/node_modules tests/registry/node_modules
