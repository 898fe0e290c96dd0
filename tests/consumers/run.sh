#!/usr/bin/env bash
# Checks Sorot's exports with the programs that consume them: Python slicing,
# spaCy (spacy.blank("id"), Doc.char_span) and Hugging Face datasets.
#
#   tests/consumers/run.sh
#
# The first run makes a virtualenv under the cargo target directory
# (target/consumers-venv) and installs tests/consumers/requirements.txt from
# PyPI; later runs reuse it. The Rust golden test then writes every export
# format of the golden corpus to a temporary directory, and check.py reads
# them. Exits non-zero if any check fails.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${CARGO_TARGET_DIR:-$root/target}/consumers-venv"
requirements="$root/tests/consumers/requirements.txt"

if ! cmp -s "$requirements" "$venv/requirements.txt"; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$venv/requirements.txt"
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
(cd "$root" && SOROT_EXPORT_DIR="$out" cargo test --quiet --test formats_golden exports_match_the_golden_files)

# The check reads local files only: keep Hugging Face off the network.
HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 HF_HOME="$out/hf-home" "$venv/bin/python" "$root/tests/consumers/check.py" "$out"
