#!/bin/sh
# A command agent: runs in the job's workspace, gets the prompt on stdin (and in $LOGIST_PROMPT_FILE),
# does the work, and writes its agent response to $LOGIST_RESPONSE_FILE.
set -eu
prompt=$(cat)
echo "worker: phase $LOGIST_PHASE of job $LOGIST_JOB_ID, prompt of $(printf '%s' "$prompt" | wc -l) lines"
{
  echo "# Inventory"
  echo
  find . -type f ! -path './.git' ! -path './.git/*' ! -name INVENTORY.md | sed 's|^\./||' | LC_ALL=C sort |
    while IFS= read -r path; do
      echo "- $path: $(wc -l < "$path" | tr -d ' ') lines"
    done
} > INVENTORY.md
count=$(grep -c '^- ' INVENTORY.md)
echo "worker: wrote INVENTORY.md with $count files"
printf '{"action": "COMPLETED", "summary": "Wrote INVENTORY.md listing %s files with their line counts.", "evidenceFiles": ["INVENTORY.md"], "usage": {"actions": 1}}\n' \
  "$count" > "$LOGIST_RESPONSE_FILE"
