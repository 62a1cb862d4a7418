# The commands a newcomer types are the ones CI runs (.ci/run calls `make test`).
# Every target installs what it needs first (.ci/setup is idempotent and quick when
# everything is present).

SHELL := /bin/bash
# wasm-opt comes from npm's binaryen (Debian's is broken for our output); cargo bins too.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
PORT ?= 8080

.PHONY: serve test dist build setup setup-test native-test node-test browser-test e2e-test engines-test size-test lint fuzz bench clean

## serve: build the release bundle and serve it on http://127.0.0.1:8080/
serve: dist
	node .ci/serve.mjs dist $(PORT)

## test: formatting, lints, native tests, browser tests (3 engines), end-to-end tests, size budget
test: setup-test lint native-test node-test browser-test e2e-test engines-test size-test
	@echo "make test: all passed"

setup:
	@.ci/setup build

setup-test:
	@.ci/setup test

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings
	# The other two modules' feature sets (see build): the built-in data's and the editor's.
	cargo clippy --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --features editor -- -D warnings
	# The spreadsheet reader (xlsx/, its own crate): natively with its tests, and as built.
	cargo fmt --check --manifest-path xlsx/Cargo.toml
	cargo clippy --manifest-path xlsx/Cargo.toml --all-targets -- -D warnings
	cargo clippy --manifest-path xlsx/Cargo.toml --lib --target wasm32-unknown-unknown -- -D warnings

native-test:
	cargo test
	cargo test --manifest-path xlsx/Cargo.toml

## node-test: the editor's pure modules (paste reading, ids, store, saves) under node:test;
## after build, so the tests that use the real editor and spreadsheet modules run, not skip
node-test: build
	node --test tests/node/

browser-test:
	wasm-pack test --headless --chrome
	wasm-pack test --headless --firefox

e2e-test: dist
	node tests/e2e/run.mjs

## engines-test: the reader flows in Chromium, Firefox ESR and WebKit (tests/engines)
engines-test: dist
	node tests/engines/run.mjs

## size-test: everything one embed downloads, gzip -9, must stay within the budget
size-test: dist
	node tests/size.mjs

## build: the release wasm modules and their JS glue: pkg-editor/ (the editor page),
## pkg-xlsx/ (the editor's spreadsheet reader, crate xlsx/, built in xlsx/target/),
## pkg-json/ (editors' data-src), pkg/ (built-in data). pkg/ last: `make bench` profiles
## cargo's binary in target/, which is the last one built.
build: setup
	wasm-pack build --release --target web --no-typescript --no-pack --out-dir pkg-editor -- --features editor
	wasm-pack build xlsx --release --target web --no-typescript --no-pack --out-dir ../pkg-xlsx
	wasm-pack build --release --target web --no-typescript --no-pack --out-dir pkg-json
	wasm-pack build --release --target web --no-typescript --no-pack --out-dir pkg -- --no-default-features

## dist: the self-contained static bundle in dist/ (relative URLs only)
dist: build
	.ci/dist.sh

## fuzz: property-based fuzzing of parser, validator, hit-testing and formatting (fixed budget)
fuzz: setup
	PROPTEST_CASES=$${PROPTEST_CASES:-20000} cargo test --release --test fuzz -- --include-ignored --nocapture

## bench: size, speed and memory against Chart.js in one run, on a desktop and as a phone reader
## (mobile network and CPU, two origins); writes bench/results.{json,md}, or bench/out/ from a dirty tree
bench: setup-test dist
	@command -v twiggy >/dev/null || cargo install --locked twiggy
	node bench/run.mjs

clean:
	rm -rf pkg pkg-json pkg-editor pkg-xlsx dist target/wasm32-unknown-unknown xlsx/target/wasm32-unknown-unknown
