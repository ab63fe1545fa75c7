#!/bin/sh
# A command reviewer, also under bwrap: approves when SANDBOX.md shows the job's files out of reach.
set -eu
cat > /dev/null
if [ ! -f SANDBOX.md ]; then
  echo '{"action": "REJECTED", "summary": "SANDBOX.md is missing: add it."}' > "$LOGIST_RESPONSE_FILE"
elif grep -q -e 'ledger.jsonl: done' -e 'job.json: done' SANDBOX.md; then
  echo '{"action": "REJECTED", "summary": "The agent changed the job files: the sandbox is not working."}' \
    > "$LOGIST_RESPONSE_FILE"
else
  echo "supervisor: the job files were out of the agent's reach"
  echo '{"action": "APPROVED", "summary": "SANDBOX.md shows the job files refused and /tmp private."}' \
    > "$LOGIST_RESPONSE_FILE"
fi
