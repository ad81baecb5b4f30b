# Two commands for a fresh Debian/Ubuntu machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DEBUG ?= 1

.PHONY: run test install install-test lint api-lint migrate demo serve clean messages bench bench-audit \
	lighthouse image base-image two-servers

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The stamp files re-install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: install
	$(BIN)/kansrijk migrate --no-input

demo: migrate
	$(BIN)/kansrijk demo --if-empty

serve: install
	@$(BIN)/kansrijk demo --logins
	$(BIN)/kansrijk runserver 127.0.0.1:8000

run: demo serve

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/kansrijk makemigrations --check --dry-run
	# Each app imports only the apps before it in the journey (pyproject.toml, [tool.importlinter]).
	$(BIN)/lint-imports
	# Types over core, access and the services ([tool.mypy] in pyproject.toml).
	$(BIN)/mypy
	$(MAKE) api-lint

# The API's OpenAPI document against the rules we claim (docs/api/spectral.yaml: NL GOV API
# Design Rules, problem+json, pagination), with Spectral installed by npm outside the repository.
SPECTRAL_VERSION := 6.16.3
SPECTRAL_DIR ?= $(HOME)/.cache/kansrijk-spectral
SPECTRAL := $(SPECTRAL_DIR)/node_modules/.bin/spectral

$(SPECTRAL_DIR)/.installed-$(SPECTRAL_VERSION):
	@command -v npm >/dev/null || { echo "Spectral needs Node.js and npm: apt-get install nodejs npm"; exit 1; }
	npm install --silent --no-audit --no-fund --prefix $(SPECTRAL_DIR) @stoplight/spectral-cli@$(SPECTRAL_VERSION)
	touch $@

api-lint: install $(SPECTRAL_DIR)/.installed-$(SPECTRAL_VERSION)
	$(BIN)/kansrijk api_schema > $(SPECTRAL_DIR)/openapi.json
	$(SPECTRAL) lint --quiet --ruleset docs/api/spectral.yaml --fail-severity warn $(SPECTRAL_DIR)/openapi.json

# worksteal: a worker that runs out of tests takes half of another's queue, so two long files
# (the leak matrices, the extreme-input forms) no longer run alone at the end of the run.
test: lint
	$(BIN)/pytest -n auto --dist worksteal $(PYTEST_ARGS)

# Two gunicorn servers behind nginx (TLS, round robin) on one PostgreSQL database and one Redis,
# DEBUG off: a journey in Chromium, a lockout, `kansrijk remind` twice at once, the health checks
# (docs/two-servers.md). Needs PostgreSQL at 127.0.0.1:5432, Redis, nginx, openssl and Chromium;
# uses its own database kansrijk_two_servers. CI runs it after the PostgreSQL `make test`.
two-servers: install-test
	DEBUG=0 $(BIN)/pytest -c tests/two_servers/pytest.ini tests/two_servers $(PYTEST_ARGS)

# Scale and speed (bench/run.py): key pages at several sizes against a hello-world floor, each
# page's time split into SQL, ORM, templates and the rest, load with gunicorn + wrk on SQLite and
# PostgreSQL, 20 concurrent writers, the funder figures over many trajectories, and batch
# matching. Prints the table and writes it to docs/performance.md. Not part of test.
# Options: make bench BENCH_ARGS="--sizes 1000,10000,100000 --funder-scale 1000000"
# Against an older commit in the same run (its code in /tmp/kansrijk-bench-base, the pages in
# turn with the current code): make bench BENCH_ARGS="--baseline d153a1d"
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# The audit log at a country's scale (bench/audit_write.py): writing one entry per page view and
# the household's "who read my file", partitioned by month vs. a plain table, empty and at 10M
# rows, in a scratch PostgreSQL database it creates and drops (kansrijk_bench_audit). Takes
# minutes; writes its table into docs/performance.md. Not part of test.
# Options: make bench-audit BENCH_AUDIT_ARGS="--rows 1000000 --postgres postgres://…/kansrijk_x"
bench-audit: install
	$(BIN)/python bench/audit_write.py $(BENCH_AUDIT_ARGS)

# Lighthouse (mobile) on each role's main pages with the demo data; scores into
# docs/performance.md. Needs Node.js and Chromium; installs lighthouse outside the repository.
lighthouse: install
	$(BIN)/python bench/lighthouse.py

# Extract messages and compile the catalogues (needs GNU gettext; the compiled .mo files are
# committed, so a fresh install works without it).
messages: install
	cd src/kansrijk && ../../$(BIN)/kansrijk makemessages --all --no-location --ignore 'tests/*'
	cd src/kansrijk && ../../$(BIN)/kansrijk compilemessages

# The container image, built without any container registry (docs/deployment.md, "Containers"):
# a Debian bookworm base made here with debootstrap (python3 and the runtime libraries from
# Debian's own packages), imported into podman, then the Containerfile on top of it. The rootfs
# stays outside the repository; podman keeps its images in its own storage. Needs root (or
# sudo), podman and debootstrap. E.g. make image PODMAN="podman --storage-driver vfs".
PODMAN ?= podman
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
IMAGE_CACHE ?= $(HOME)/.cache/kansrijk-image
DEBIAN_MIRROR ?= http://deb.debian.org/debian
BASE_IMAGE ?= localhost/kansrijk-base:bookworm
BASE_PACKAGES := python3,python3-venv,$(shell grep -v '^\#' deploy/container/runtime-packages.txt | paste -sd, -)
BASE_STAMP := $(IMAGE_CACHE)/base-bookworm.imported

$(BASE_STAMP): deploy/container/runtime-packages.txt
	rm -rf $(IMAGE_CACHE)/rootfs
	mkdir -p $(IMAGE_CACHE)
	debootstrap --variant=minbase --include=$(BASE_PACKAGES) bookworm $(IMAGE_CACHE)/rootfs $(DEBIAN_MIRROR)
	# The image needs no downloaded packages or package lists.
	rm -rf $(IMAGE_CACHE)/rootfs/var/cache/apt/archives/*.deb $(IMAGE_CACHE)/rootfs/var/lib/apt/lists/*
	tar -C $(IMAGE_CACHE)/rootfs -c . | $(PODMAN) import --change 'CMD ["/bin/bash"]' - $(BASE_IMAGE)
	touch $@

base-image: $(BASE_STAMP)

# BUILD_CA: a CA bundle pip must trust to reach PyPI (a network that inspects TLS), mounted for
# the build only. PODMAN_BUILD_ARGS: e.g. --isolation=chroot where RUN cannot create cgroups.
BUILD_CA ?=
image: base-image
	$(PODMAN) build --format docker $(PODMAN_BUILD_ARGS) --build-arg BASE_IMAGE=$(BASE_IMAGE) \
	    $(if $(BUILD_CA),--volume $(BUILD_CA):/run/build-ca.crt:ro --build-arg BUILD_CA_BUNDLE=/run/build-ca.crt) \
	    -t kansrijk:$(VERSION) -f Containerfile .

clean:
	rm -rf $(VENV) staticfiles kansrijk.sqlite3 kansrijk.sqlite3-*
