#!/usr/bin/env bash
# Regenerates netlink-families/src/main/java/io/github/jnetlink/family and the families' spec models for the CLI,
# netlink-families/src/main/resources/META-INF/jnetlink/ynl, from the kernel's YNL specs: fetches them with
# scripts/ynl-specs.sh (into ignored build/), builds netlink-codegen (compile only: nothing is installed into ~/.m2)
# and runs its Generator. Commit the result on its own ("Regenerate families from YNL 6.12 specs").
#
#   scripts/ynl-generate.sh [OUT_DIR [RESOURCE_DIR]]    default netlink-families/src/main/java and .../resources
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/netlink-families/src/main/java}"
res="${2:-$root/netlink-families/src/main/resources}"
specs="$("$root/scripts/ynl-specs.sh")"
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
# online, with the plugin named in full: a clean ~/.m2 (a fresh CI machine) has neither the plugin nor the metadata
# that resolves the "dependency:" prefix
(cd "$root" && ./mvnw -B -q -pl netlink-codegen -am compile \
	org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath \
	-Dmdep.outputFile="$cpfile" -Dmdep.includeScope=runtime >&2)
rm -rf "$out/io/github/jnetlink/family" "$res/META-INF/jnetlink/ynl"
java -cp "$root/netlink-codegen/target/classes:$(cat "$cpfile")" io.github.jnetlink.codegen.Generator "$specs" "$out" "$res"
