#!/bin/sh
# Reruns the fuzzers: `fuzz/run.sh [SECONDS] [TARGET...]` (default: 600
# seconds each, every target, one after another). Needs cargo-fuzz
# (`cargo install cargo-fuzz`); RUSTC_BOOTSTRAP lets the stable toolchain
# build with the sanitizer flags cargo-fuzz passes. Inputs found are kept
# in fuzz/work/ (not committed); crashes land in fuzz/artifacts/.
set -eu
cd "$(dirname "$0")"
seconds=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-"load_check timescale import_csv import_seed render"}
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O
for target in $targets; do
    mkdir -p "work/$target"
    cp -n corpus/"$target"/* "work/$target/" 2>/dev/null || true
    echo "== $target: $seconds s"
    cargo fuzz run -O "$target" "work/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 2>&1 |
        grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb)|ERROR|SUMMARY|panicked|Test unit written" || true
done
