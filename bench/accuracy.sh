#!/usr/bin/env bash
# Score the development set (../shared/data/gold/dev.jsonl) with casus and with the shared scorer.
# Usage: bash bench/accuracy.sh [GOLD.jsonl]
set -euo pipefail
cd "$(dirname "$0")/.."
gold="${1:-../shared/data/gold/dev.jsonl}"
if [ ! -f "$gold" ]; then
  echo "no development set at $gold: skipped"; exit 0
fi
pred="$(mktemp /tmp/casus-pred.XXXXXX.jsonl)"
trap 'rm -f "$pred"' EXIT
.venv/bin/casus code "$gold" -o "$pred"
echo "development set ($gold), scored by ../shared/tools/score.py:"
if [ -f ../shared/tools/score.py ]; then
  python3 ../shared/tools/score.py "$gold" "$pred" --by-type
else
  .venv/bin/casus eval "$gold" --pred "$pred" --by-type
fi
