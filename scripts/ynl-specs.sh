#!/usr/bin/env bash
# Fetches the kernel's YNL netlink specs (Documentation/netlink) from Debian's linux-source package and extracts
# only that folder into an ignored directory. The specs are never committed: what is generated from them is.
#
#   scripts/ynl-specs.sh [DEST]      DEST defaults to build/ynl-specs; prints the specs directory
#   YNL_SOURCE_PACKAGE=linux-source-6.12 (default) chooses the kernel source package
#   YNL_TOOLS=1 also makes sure the kernel's YNL tools (tools/net/ynl, cli.py) sit beside it, in
#   DEST/linux-source-VERSION/tools/net/ynl: netlink-cli's tests compare with cli.py
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="${1:-$root/build/ynl-specs}"
pkg="${YNL_SOURCE_PACKAGE:-linux-source-6.12}"
version="${pkg#linux-source-}"
specs="$dest/linux-source-$version/Documentation/netlink"
tools="$dest/linux-source-$version/tools/net/ynl"
if [ -d "$specs/specs" ] && [ -n "$(ls -A "$specs/specs")" ] && { [ "${YNL_TOOLS:-0}" != 1 ] || [ -f "$tools/cli.py" ]; }; then
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
# the package holds one tarball of the whole tree; extract only Documentation/netlink and tools/net/ynl from it
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work" --wildcards "./usr/src/linux-source-$version.tar.*"
tar -x -C "$dest" -f "$work"/usr/src/linux-source-"$version".tar.* --wildcards "linux-source-$version/Documentation/netlink/*" \
	"linux-source-$version/tools/net/ynl/*"
[ -d "$specs/specs" ] || { echo "ynl-specs: $pkg has no Documentation/netlink/specs" >&2; exit 2; }
echo "$specs"
