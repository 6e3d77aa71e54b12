#!/usr/bin/env bash
# Writes .env for docker compose from .env.example: every empty KEY= gets a fresh random value
# (64 hex characters, URL-safe). An existing .env is kept (delete it to start over).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if [[ -e .env ]]; then
  echo "make-env.sh: .env exists; not touching it (remove it for new secrets)" >&2
  exit 1
fi
umask 077
while IFS= read -r line; do
  if [[ $line =~ ^([A-Z][A-Z0-9_]*)=$ ]]; then
    echo "${BASH_REMATCH[1]}=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"
  else
    echo "$line"
  fi
done <.env.example >.env
echo "make-env.sh: wrote .env (readable by you only)"
