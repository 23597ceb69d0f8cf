#!/usr/bin/env bash
# Imports the new CSV files of a folder, for cron: quiet when all went well, and exit 1 with a few lines
# when a person must look (rejected files, failed rows, failed runs). See docs/cron.md.
#
#   cron-import.sh [-v] INBOX [-- IMPORT-OPTIONS...]
#
# Each INBOX/*.csv older than CRON_IMPORT_MIN_AGE seconds (default 60) is imported in name order with
# "alias-import import FILE IMPORT-OPTIONS", then
#   exit 0 or 3 (done; 3: some rows failed)  -> moved to INBOX/archive/
#   exit 2 naming the file (file refused)    -> moved to INBOX/rejected/, with FILE.error.txt beside it
#   exit 4 (another run of it in progress)   -> left in place, next file
#   exit 1 or other (run failed, resumable)  -> left in place for the next cron run; no further files
#   exit 2 not naming the file               -> the same: a configuration or usage error, not the file's fault
# The database (./data) and config/application.yml are those of the current directory, as for alias-import.
set -euo pipefail

prog="$(basename "$0")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
alias_import="${ALIAS_IMPORT_COMMAND:-$here/alias-import}"
min_age="${CRON_IMPORT_MIN_AGE:-60}"

usage() {
  echo "usage: $prog [-v] INBOX [-- IMPORT-OPTIONS...]   (for example: $prog /srv/inbox -- --rate 10)" >&2
  exit 2
}

# --help: the header comment above, on stdout, exit 0 (a usage error prints the one usage line and exits 2).
help() {
  sed -n '2,/^set -euo pipefail/{/^set /d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
  echo "Options: -v  print what happens to each file; -h, --help  this text."
  exit 0
}

verbose=0
inbox=""
while [ $# -gt 0 ]; do
  case "$1" in
    -v | --verbose) verbose=1 ;;
    -h | --help) help ;;
    --) shift; break ;;
    -*) echo "$prog: unknown option $1" >&2; usage ;;
    *) if [ -n "$inbox" ]; then usage; fi; inbox="$1" ;;
  esac
  shift
done
import_options=("$@")
[ -n "$inbox" ] || usage
[ -d "$inbox" ] || { echo "$prog: $inbox is not a folder" >&2; exit 2; }
case "$min_age" in '' | *[!0-9]*) echo "$prog: CRON_IMPORT_MIN_AGE must be a number of seconds" >&2; exit 2 ;; esac
for option in ${import_options[@]+"${import_options[@]}"}; do
  case "$option" in
    # A dry run or a canary would archive files that were not (fully) sent.
    --dry-run | --limit | --limit=*)
      echo "$prog: $option makes no sense here: files are archived after import" >&2
      exit 2
      ;;
  esac
done
command -v flock >/dev/null || { echo "$prog: flock (util-linux) is needed" >&2; exit 2; }

# One cron-import per inbox: a run still busy when cron starts the next one wins, quietly.
exec 9>>"$inbox/.cron-import.lock"
flock -n 9 || exit 0

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

say() { printf '%s\n' "$*"; }
indent() { sed 's/^/    /' "$@"; }

# Moves FILE into DIR under its own name, or with the time added when an earlier file had that name;
# prints the new path.
move_to() {
  local file="$1" dir="$2" name target n=1
  name="$(basename "$file")"
  mkdir -p "$dir"
  target="$dir/$name"
  if [ -e "$target" ]; then
    target="$dir/${name%.*}.$(date +%Y%m%d-%H%M%S).${name##*.}"
    while [ -e "$target" ]; do
      n=$((n + 1))
      target="$dir/${name%.*}.$(date +%Y%m%d-%H%M%S)-$n.${name##*.}"
    done
  fi
  mv -- "$file" "$target"
  printf '%s\n' "$target"
}

status=0
archived=0
shopt -s nullglob nocaseglob
# Name order in bytes, whatever the locale (LC_ALL=C only for sort: java needs the real locale for file names).
mapfile -d '' files < <(printf '%s\0' "$inbox"/*.csv | LC_ALL=C sort -z)
for file in ${files[@]+"${files[@]}"}; do
  [ -f "$file" ] || continue
  name="$(basename "$file")"
  # Still being written (or just copied in): leave it for the next run.
  if [ $(($(date +%s) - $(stat -c %Y -- "$file"))) -lt "$min_age" ]; then
    [ "$verbose" = 0 ] || say "skipped $name: modified less than $min_age s ago"
    continue
  fi

  code=0
  "$alias_import" import "$file" ${import_options[@]+"${import_options[@]}"} \
    >"$work/out" 2>"$work/err" </dev/null || code=$?
  run="$(sed -n '/^run [0-9][0-9]*, /{s/^run \([0-9]*\), .*/\1/p;q;}' "$work/out")"
  # File-level errors name the file; a configuration or usage error (every file would fail) does not.
  if [ "$code" = 2 ] && ! grep -qF -- "$name" "$work/err"; then
    code=config
  fi

  case "$code" in
    0)
      archived=$((archived + 1))
      target="$(move_to "$file" "$inbox/archive")"
      [ "$verbose" = 0 ] || { say "archived $name -> $target"; indent "$work/out"; }
      ;;
    3)
      archived=$((archived + 1))
      target="$(move_to "$file" "$inbox/archive")"
      say "FAILED ROWS in $name (archived as $target): see them with 'alias-import report --run ${run:-?}'"
      indent "$work/out"
      status=1
      ;;
    2)
      target="$(move_to "$file" "$inbox/rejected")"
      cp -- "$work/err" "$target.error.txt"
      say "REJECTED $name (moved to $target; nothing was sent):"
      indent "$work/err"
      status=1
      ;;
    4)
      [ "$verbose" = 0 ] || { say "left $name: another run of it is in progress"; indent "$work/err"; }
      ;;
    config)
      say "NOT IMPORTED $name: alias-import refused to run (a configuration or usage error); no further files:"
      indent "$work/err"
      status=1
      break
      ;;
    *)
      say "RUN FAILED for $name (exit $code${run:+, run $run}): it stays in $inbox and the next run resumes it;"
      say "no further files were imported this time."
      indent "$work/out" "$work/err"
      status=1
      break
      ;;
  esac
done

[ "$verbose" = 0 ] || say "$prog: $archived file(s) archived from $inbox"
exit "$status"
