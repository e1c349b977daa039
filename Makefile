# `make ci`: run the publishing workflow's build steps locally, in a fresh clone of HEAD
# (see scripts/ci_local.py and the README's "Publishing" section).
PYTHON ?= $(if $(wildcard .venv/bin/python),.venv/bin/python,python3)

.PHONY: ci
ci:
	$(PYTHON) scripts/ci_local.py $(CI_ARGS)
