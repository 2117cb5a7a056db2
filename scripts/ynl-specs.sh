#!/usr/bin/env bash
# Fetches the kernel's YNL netlink specs (Documentation/netlink) from Debian's linux-source package and extracts
# only that folder into an ignored directory. The specs are never committed: what is generated from them is.
#
#   scripts/ynl-specs.sh [DEST]      DEST defaults to build/ynl-specs; prints the specs directory
#   YNL_SOURCE_PACKAGE=linux-source-6.12 (default) chooses the kernel source package
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="${1:-$root/build/ynl-specs}"
pkg="${YNL_SOURCE_PACKAGE:-linux-source-6.12}"
version="${pkg#linux-source-}"
specs="$dest/linux-source-$version/Documentation/netlink"
if [ -d "$specs/specs" ] && [ -n "$(ls -A "$specs/specs")" ]; then
	echo "$specs"
	exit 0
fi
command -v apt-get >/dev/null || { echo "ynl-specs: apt-get is needed to download $pkg" >&2; exit 2; }
command -v xz >/dev/null || { echo "ynl-specs: xz is needed (apt-get install xz-utils)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download -qq "$pkg" >&2) || {
	apt-get update -qq >&2 && (cd "$work" && apt-get download -qq "$pkg" >&2)
} || { echo "ynl-specs: cannot download $pkg" >&2; exit 2; }
deb="$(ls "$work"/*.deb)"
mkdir -p "$dest"
# the package holds one tarball of the whole tree; extract only Documentation/netlink from it
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work" --wildcards "./usr/src/linux-source-$version.tar.*"
tar -x -C "$dest" -f "$work"/usr/src/linux-source-"$version".tar.* --wildcards "linux-source-$version/Documentation/netlink/*"
[ -d "$specs/specs" ] || { echo "ynl-specs: $pkg has no Documentation/netlink/specs" >&2; exit 2; }
echo "$specs"
