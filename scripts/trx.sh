# shellcheck shell=bash
# scripts/trx.sh: write_counts_trx FILE NAME PASSED FAILED writes a TRX file that holds only the counts of a script's
# own checks (downstream-e2e.sh, benchmarks/token-mix.sh --dry), which test.sh adds to its totals like any other.
write_counts_trx() {
  local file=$1 name=$2 passed=$3 failed=$4
  local total=$((passed + failed))
  cat >"$file" <<TRX
<?xml version="1.0" encoding="UTF-8"?>
<TestRun name="$name" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
  <ResultSummary outcome="$([[ $failed == 0 ]] && echo Completed || echo Failed)">
    <Counters total="$total" executed="$total" passed="$passed" failed="$failed" error="0" timeout="0" aborted="0" />
  </ResultSummary>
</TestRun>
TRX
}
