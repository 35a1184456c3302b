# hessian-spectrum: set-up, build, test, run, bench.
# Every target installs the Debian packages it needs when they are missing
# (no apt call when all are present).

SWIFT    ?= swift
BIN      := .build/release/hessian-spectrum
PACKAGES := libopenblas-dev liblapack-dev liblapacke-dev pkg-config zlib1g-dev
DATA_PACKAGES := dataset-fashion-mnist
# Only hessian-spectrum-mpi (and the tests, which run it under mpirun) need these.
MPI_PACKAGES := openmpi-bin libopenmpi-dev libscalapack-openmpi-dev libelpa-dev
# Intel MKL for `--lapack mkl`: PyPI's wheel, installed into this checkout.
MKL_DIR     := .mkl
MKL_VERSION ?= 2026.2.0

.PHONY: setup setup-data setup-mpi build build-mpi run test bench bench-default data reproduce fuzz mkl install manual docs clean python-test figures

# Install what is missing, quietly, with progress on stderr.
define apt_install
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing" >&2; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq >&2 && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >&2; \
	fi
endef

setup:
	$(call apt_install,$(PACKAGES))

setup-data:
	$(call apt_install,$(DATA_PACKAGES))

setup-mpi:
	$(call apt_install,$(MPI_PACKAGES))

# The plain binary needs no MPI to build or run.
build: setup
	@$(SWIFT) build -c release --product hessian-spectrum >&2

build-mpi: setup setup-mpi
	@$(SWIFT) build -c release --product hessian-spectrum-mpi >&2

## The main job on the built-in data: train 100-30-30-10 on 10 Gaussian
## clusters and print every Hessian eigenvalue as CSV on stdout.
run: build
	@$(BIN) train

test: setup setup-data setup-mpi
	$(call apt_install,time librsvg2-bin)
	$(SWIFT) test --disable-swift-testing
	@SWIFT=$(SWIFT) scripts/python-test.sh

## The Python package against real PyTorch (skips, saying why, without torch).
python-test:
	@SWIFT=$(SWIFT) scripts/python-test.sh

## The documentation's figures (docs/img/*.svg) from the commands in docs/plots.md.
figures: build
	$(call apt_install,librsvg2-bin)
	@scripts/figures.sh

bench: build build-mpi setup-data
	$(call apt_install,time)
	@scripts/bench-default.sh
	@scripts/bench.sh
	@scripts/bench-mpi.sh
	@scripts/bench-hvp.sh

## The default LAPACK choice against every explicit --lapack × --driver (docs/calibration.md).
bench-default: build
	@scripts/bench-default.sh

data: setup-data

## Every reader under libFuzzer for FUZZ_SECONDS (default 60) each; see scripts/fuzz.sh.
fuzz: setup
	@scripts/fuzz.sh

## Intel MKL (Intel Simplified Software License) from PyPI into .mkl/, where
## `--lapack mkl` finds it: the library and Intel's OpenMP runtime only
## (about 0.6 GB); python3's pip comes from apt when missing.
mkl:
	@for f in $(MKL_DIR)/lib/libmkl_rt.so.* $(MKL_DIR)/local/lib/libmkl_rt.so.*; do [ -e "$$f" ] && exit 0; done; \
	if ! python3 -m pip --version >/dev/null 2>&1; then \
	  echo "installing: python3-pip" >&2; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq >&2 && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends python3-pip >&2 || exit 1; \
	fi; \
	echo "installing: Intel MKL $(MKL_VERSION) from PyPI into $(MKL_DIR)/" >&2; \
	python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
	  --no-warn-script-location --ignore-installed --no-deps --prefix "$$PWD/$(MKL_DIR)" \
	  "mkl==$(MKL_VERSION)" "intel-openmp==$(MKL_VERSION)" >&2

reproduce: build setup-data
	@$(BIN) reproduce --out out/reproduce

## Install the binary, its man page (from the help, by swift-argument-parser's
## generate-manual plugin) and bash/zsh/fish completions under PREFIX.
PREFIX  ?= /usr/local
DESTDIR ?=
MANUAL  := .build/plugins/GenerateManual/outputs/hessian-spectrum/hessian-spectrum.1

manual: build
	@$(SWIFT) package generate-manual >&2

install: build manual
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/hessian-spectrum
	install -m 644 $(MANUAL) $(DESTDIR)$(PREFIX)/share/man/man1/hessian-spectrum.1
	$(BIN) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/hessian-spectrum
	$(BIN) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_hessian-spectrum
	$(BIN) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/hessian-spectrum.fish

## The library's DocC reference (swift-docc-plugin): one static site for the
## library modules in .build/docs/site/; `python3 -m http.server -d .build/docs/site`,
## then open http://localhost:8000/documentation/.
DOC_TARGETS ?= HessianCore HessianFormats HessianPlots HessianExperiments

docs:
	@mkdir -p .build/docs
	@$(SWIFT) package --allow-writing-to-directory .build/docs generate-documentation \
	  $(foreach t,$(DOC_TARGETS),--target $(t)) --enable-experimental-combined-documentation \
	  --disable-indexing --transform-for-static-hosting --output-path .build/docs/site >&2
	@echo "wrote .build/docs/site/ (open documentation/ in it)" >&2

clean:
	rm -rf .build
