#!/bin/sh
# A command reviewer: checks INVENTORY.md against the workspace and approves or rejects.
set -eu
cat > /dev/null
if [ ! -f INVENTORY.md ]; then
  echo '{"action": "REJECTED", "summary": "INVENTORY.md is missing: add it."}' > "$LOGIST_RESPONSE_FILE"
  exit 0
fi
missing=""
for path in $(find . -type f ! -path './.git' ! -path './.git/*' ! -name INVENTORY.md | sed 's|^\./||'); do
  grep -q -- "^- $path: " INVENTORY.md || missing="$missing $path"
done
if [ -n "$missing" ]; then
  printf '{"action": "REJECTED", "summary": "INVENTORY.md does not list:%s"}\n' "$missing" > "$LOGIST_RESPONSE_FILE"
else
  echo "supervisor: every file is listed"
  echo '{"action": "APPROVED", "summary": "INVENTORY.md lists every file of the workspace with its line count."}' \
    > "$LOGIST_RESPONSE_FILE"
fi
