#!/bin/sh
# A command agent run under bwrap (roles/worker.json sets provider.isolation): it edits the workspace,
# then tries to change what lies outside it, and writes down what happened in SANDBOX.md.
set -u
cat > /dev/null
# attempt WHAT COMMAND...: runs COMMAND and says whether it worked (and if not, the system's reason).
attempt() {
  what=$1
  shift
  if out=$("$@" 2>&1); then echo "- $what: done"; else echo "- $what: refused (${out##*: })"; fi
}
{
  echo "# What the agent could do from inside its sandbox"
  echo
  attempt "append to ../ledger.jsonl" sh -c 'echo "{\"costUSD\": 0}" >> ../ledger.jsonl'
  attempt "overwrite ../job.json" sh -c 'echo "{}" > ../job.json'
  attempt "read ../job.json" cat ../job.json
  attempt "write /etc/logist-was-here" sh -c ': > /etc/logist-was-here'
  attempt "write /tmp/logist-probe (a private /tmp)" sh -c 'echo x > /tmp/logist-probe'
  echo "- network interfaces: $(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | tr '\n' ' ' | sed 's/ $//')"
} > SANDBOX.md
cat SANDBOX.md
# A helper that escapes the process group: it ends with the run all the same.
setsid sleep 300 &
echo "worker: started a setsid helper; it ends with the run"
printf '{"action": "COMPLETED", "summary": "Wrote SANDBOX.md: the workspace was writable, the job files were not.", "evidenceFiles": ["SANDBOX.md"], "usage": {"actions": 1}}\n' \
  > "$LOGIST_RESPONSE_FILE"
