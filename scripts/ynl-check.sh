#!/usr/bin/env bash
# Fails when the committed generated sources (netlink-families/src/main/java/io/github/jnetlink/family) or spec models
# (netlink-families/src/main/resources/META-INF/jnetlink/ynl) differ from what the generator makes of the YNL specs
# now: regenerates into a temporary directory and diffs the trees.
# A difference means the generator or the specs changed without a regeneration, or generated code was hand-edited.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$root/scripts/ynl-generate.sh" "$tmp/java" "$tmp/resources" >&2
committed="$root/netlink-families/src/main/java/io/github/jnetlink/family"
models="$root/netlink-families/src/main/resources/META-INF/jnetlink/ynl"
if ! { diff -r "$committed" "$tmp/java/io/github/jnetlink/family" && diff -r "$models" "$tmp/resources/META-INF/jnetlink/ynl"; } \
	>"$tmp.diff" 2>&1; then
	echo "ynl-check: FAILED: the committed sources under $committed or models under $models differ from a fresh generation" >&2
	echo "ynl-check: run scripts/ynl-generate.sh and commit the result; the difference:" >&2
	head -200 "$tmp.diff" >&2
	rm -f "$tmp.diff"
	exit 1
fi
rm -f "$tmp.diff"
echo "ynl-check: generated sources and models are up to date"
