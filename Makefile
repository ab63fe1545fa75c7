# Logist: `make demo` runs the hello-world example job, `make test` runs every test,
# `make bench` times workspace creation against `git clone`, `make install PREFIX=…` installs it.
SWIFT ?= swift
DEMO_JOBS := .scratch/demo-jobs
BIN = $(shell $(SWIFT) build --show-bin-path)/logist

PREFIX ?= /usr/local
CONFIG ?= release

.PHONY: deps build demo test bench embed lint format install install-files

deps:
	@bash .ci/install-deps

build: deps
	$(SWIFT) build

demo: build
	@rm -rf $(DEMO_JOBS)
	$(BIN) --jobs-dir $(DEMO_JOBS) job create hello-world --from Jobs/hello-world
	$(BIN) --jobs-dir $(DEMO_JOBS) job run hello-world
	$(BIN) --jobs-dir $(DEMO_JOBS) job status hello-world
	$(BIN) --jobs-dir $(DEMO_JOBS) job history hello-world
	$(BIN) --jobs-dir $(DEMO_JOBS) job diff hello-world --stat

test:
	@bash .ci/install-deps --with-python --with-rig
	python3 .ci/embed-resources.py --check
	python3 .ci/validate-schemas.py
	$(SWIFT) build
	SWIFT=$(SWIFT) bash .ci/swift-test

# Release build of logist and logist-bench, then the bench (about 1.5 minutes; BENCH_RUNS=5 for more runs).
bench: deps
	$(SWIFT) build -c release --product logist
	$(SWIFT) build -c release --product logist-bench
	$(shell $(SWIFT) build -c release --show-bin-path)/logist-bench

# Installs logist into $(PREFIX): the binary (a release build; CONFIG=debug reuses the debug one),
# the man page and the bash, zsh and fish completions, all generated from the command table.
install: deps
	$(SWIFT) build -c $(CONFIG) --product logist
	$(MAKE) install-files BUILT="$$($(SWIFT) build -c $(CONFIG) --show-bin-path)/logist"

# The files of `make install`, from the binary BUILT (the tests install the debug binary this way).
install-files:
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 "$(BUILT)" $(DESTDIR)$(PREFIX)/bin/logist
	$(DESTDIR)$(PREFIX)/bin/logist help --man > $(DESTDIR)$(PREFIX)/share/man/man1/logist.1
	$(DESTDIR)$(PREFIX)/bin/logist completion bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/logist
	$(DESTDIR)$(PREFIX)/bin/logist completion zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_logist
	$(DESTDIR)$(PREFIX)/bin/logist completion fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/logist.fish

# Regenerates the compiled-in copies of Roles/ and Schemas/.
embed:
	python3 .ci/embed-resources.py

lint:
	$(SWIFT) format lint --configuration .ci/swift-format.json --recursive --strict Sources Tests Package.swift

format:
	$(SWIFT) format --configuration .ci/swift-format.json --in-place --recursive Sources Tests Package.swift
