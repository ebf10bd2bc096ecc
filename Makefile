# The two commands a fresh machine needs are `make demo` and `make test`
# (README.md). Everything they need comes from the Go module proxy.

GO ?= go

.PHONY: demo test build bench fmt

build:
	$(GO) build -o bin/stancemap ./cmd/stancemap

demo:
	$(GO) run ./cmd/stancemap demo

test:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) test -race ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
