#!/usr/bin/env bash
# Demo data load benchmark (docs/performance.md, "Demo data load").
#
#   bench/seed_demo.sh [WOMEN] [SEED]        defaults: 1000000 women, seed 1
#
# 1. Creates a scratch PostgreSQL database (dropping it first), migrates it.
# 2. Times `manage.py seed_demo --seed SEED --beneficiaries WOMEN --no-accompaniment --no-list`
#    (the women, their phones, consents, seasons and incidents; the accompaniment layer is timed
#    apart, and the demo's recruitment list is not written).
# 3. Baseline, in the same run: exports the rows it wrote, empties those five tables and
#    loads the very same rows back with one plain COPY per table (same indexes, same foreign
#    keys). That is the least any loader of these rows can cost on this server; the seed's
#    time is reported as a ratio against it.
# 4. Checks a sample of the women through the ORM (bench/verify_demo.py), prints rows, rows/s
#    and size per table and the size of the database; drops the database (KEEP_DB=1 keeps it).
#
# Environment: PGHOST, PGPORT, PGUSER (default 127.0.0.1, 5432, postgres: a role that may
# create databases), BENCH_DB (default irtiqaa_bench), BENCH_DIR for the exported rows (default
# a temporary directory; about 1.5 GB for a million women).
set -euo pipefail
cd "$(dirname "$0")/.."

WOMEN=${1:-1000000}
SEED=${2:-1}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=${BENCH_DB:-irtiqaa_bench}
PY=.venv/bin/python
if [ -n "${BENCH_DIR:-}" ]; then WORK=$BENCH_DIR; mkdir -p "$WORK"; else WORK=$(mktemp -d); fi
# Parents before children, for the reload.
TABLES=(beneficiaries_beneficiary beneficiaries_beneficiaryphone beneficiaries_consent
        seasons_participation seasons_incident)

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }
q() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

psql -X -q -v ON_ERROR_STOP=1 -d postgres \
  -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
cleanup() {
  rm -f "$WORK"/*.copy "$WORK/seed.log"
  if [ -z "${BENCH_DIR:-}" ]; then rmdir "$WORK"; fi
  if [ "${KEEP_DB:-0}" != 1 ]; then psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB"; fi
}
trap cleanup EXIT

export DEBUG=0 SECRET_KEY=bench ALLOWED_HOSTS=localhost IRTIQAA_SEARCH_KEY=bench
export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DB"
IRTIQAA_FIELD_KEYS=$($PY -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')
export IRTIQAA_FIELD_KEYS
$PY manage.py migrate -v0

echo "== machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== seed_demo --seed $SEED --beneficiaries $WOMEN --no-accompaniment --no-list"
start=$(now)
$PY manage.py seed_demo --seed "$SEED" --beneficiaries "$WOMEN" --no-accompaniment --no-list | tee "$WORK/seed.log" | grep women
seed_seconds=$(elapsed "$start" "$(now)")
# The command's own figure, without Python start-up and the demo accounts' password hashing.
women_seconds=$(sed -nE 's/.* women created in ([0-9.]+) s\./\1/p' "$WORK/seed.log")
echo "seed_demo wall time: ${seed_seconds} s, of which drawing and writing women ${women_seconds} s"
echo "(load average now $(cut -d' ' -f1-3 /proc/loadavg))"

echo "== read back through the ORM (decryption, hashes, derived fields) for a sample"
$PY bench/verify_demo.py 2000

declare -A rows size
total_rows=0
for table in "${TABLES[@]}"; do
  rows[$table]=$(q -Atc "SELECT count(*) FROM $table")
  size[$table]=$(q -Atc "SELECT pg_size_pretty(pg_total_relation_size('$table'))")
  total_rows=$((total_rows + rows[$table]))
done
database_size=$(q -Atc "SELECT pg_size_pretty(pg_database_size(current_database()))")

echo "== baseline: the same rows loaded back with one COPY per table"
for table in "${TABLES[@]}"; do
  q -c "\\copy $table TO '$WORK/$table.copy'"
done
q -c "TRUNCATE $(IFS=,; echo "${TABLES[*]}")"
q -c "VACUUM ANALYZE"
baseline_seconds=0
declare -A copy_seconds
for table in "${TABLES[@]}"; do
  start=$(now)
  q -c "\\copy $table FROM '$WORK/$table.copy'"
  copy_seconds[$table]=$(elapsed "$start" "$(now)")
  baseline_seconds=$(echo "$baseline_seconds + ${copy_seconds[$table]}" | bc)
done

echo
echo "== results ($WOMEN women, seed $SEED; database $database_size, tables with their indexes)"
printf "%-32s %10s %9s %12s %16s\n" table rows size "seed rows/s" "baseline rows/s"
for table in "${TABLES[@]}"; do
  printf "%-32s %10d %9s %12.0f %16.0f\n" "$table" "${rows[$table]}" "${size[$table]}" \
    "$(echo "${rows[$table]} / $seed_seconds" | bc -l)" \
    "$(echo "${rows[$table]} / ${copy_seconds[$table]}" | bc -l)"
done
printf "%-32s %10d %9s %12.0f %16.0f\n" "all five" "$total_rows" "" \
  "$(echo "$total_rows / $seed_seconds" | bc -l)" "$(echo "$total_rows / $baseline_seconds" | bc -l)"
echo
printf "seed_demo %.1f s (%.0f women/s), baseline COPY %.1f s: ratio %.2f\n" "$seed_seconds" \
  "$(echo "$WOMEN / $seed_seconds" | bc -l)" "$baseline_seconds" \
  "$(echo "$seed_seconds / $baseline_seconds" | bc -l)"
