# The two commands a fresh machine needs are `make demo` and `make test`
# (README.md). `make deps` installs what they need beyond the Go module
# proxy: echarts from the npm registry (inlined in the HTML report) and,
# where the machine allows (root with apt-get), Debian's chromium and
# libreoffice-calc-nogui, which the browser and spreadsheet tests use.
# Tests that need them skip, saying so, when they are absent.

GO ?= go
TAGS ?= bindata

.PHONY: demo test build bench deps assets debs fuzz

build: assets
	$(GO) build -tags '$(TAGS)' -o bin/stancemap ./cmd/stancemap

demo: build
	bin/stancemap demo
	bin/stancemap demo --sample unga

test: deps
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet -tags '$(TAGS)' ./...
	GOARCH=386 $(GO) vet -tags '$(TAGS)' ./... # 32-bit int: constants and sizes that only fit 64 bits
	$(GO) test -race -tags '$(TAGS)' ./...

bench: assets
	$(GO) test -tags '$(TAGS)' -run '^$$' -bench . -benchmem ./...

deps: assets debs

# echarts from the npm registry, copied where go:embed finds it.
assets:
	@sh scripts/build-assets.sh

# Debian packages for the browser and spreadsheet checks.
debs:
	@sh scripts/install-debs.sh

# Every fuzz target for FUZZTIME each (default 10000x executions).
fuzz:
	@sh scripts/fuzz.sh
