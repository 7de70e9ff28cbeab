#!/usr/bin/env bash
# Runs one named step of `make test` / `make bench`; on failure says which step failed.
# Usage: scripts/step.sh "step name" command [args...]
set -uo pipefail
name="$1"; shift
printf '\n==> step: %s\n' "$name"
if "$@"; then
  printf '==> ok: %s\n' "$name"
else
  status=$?
  printf '\nFAILED: step "%s" (exit %s): %s\n' "$name" "$status" "$*" >&2
  exit "$status"
fi
