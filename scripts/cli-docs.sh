#!/usr/bin/env bash
# Regenerates the --help blocks of docs/cli.md from the built CLI jar, so the reference shows the real help text.
# A block is a line `<!-- help: ARGS -->`, then anything, then `<!-- /help -->`; it becomes the output of
# `java -jar cli/target/forklift-vddk.jar ARGS --help` in a fenced block.
# Usage: scripts/cli-docs.sh          rewrite docs/cli.md
#        scripts/cli-docs.sh --check  exit 1 (and show the diff) when docs/cli.md is not up to date
set -euo pipefail
cd "$(dirname "$0")/.."
jar=cli/target/forklift-vddk.jar
doc=docs/cli.md
[[ -f $jar ]] || { echo "cli-docs.sh: $jar missing; build it first: mvn -B -q -DskipTests package" >&2; exit 1; }
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
in_block=0
while IFS= read -r line || [[ -n $line ]]; do
  if [[ $line =~ ^\<!--\ help:(.*)--\>$ ]]; then
    read -r -a args <<< "${BASH_REMATCH[1]}"
    {
      echo "$line"
      echo '```text'
      java -jar "$jar" "${args[@]}" --help
      echo '```'
    } >> "$tmp"
    in_block=1
    continue
  fi
  if [[ $line == '<!-- /help -->' ]]; then
    ((in_block)) || { echo "cli-docs.sh: $doc: '<!-- /help -->' without an opening block" >&2; exit 1; }
    in_block=0
  fi
  ((in_block)) || printf '%s\n' "$line" >> "$tmp"
done < "$doc"
((in_block == 0)) || { echo "cli-docs.sh: $doc: a help block is not closed with '<!-- /help -->'" >&2; exit 1; }
if [[ ${1:-} == --check ]]; then
  diff -u "$doc" "$tmp" && echo "$doc is up to date" || { echo "$doc is out of date: run scripts/cli-docs.sh" >&2; exit 1; }
else
  cp "$tmp" "$doc"
  echo "rewrote the help blocks of $doc"
fi
