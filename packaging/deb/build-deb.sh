#!/usr/bin/env bash
# Builds the fips .deb from the runtime image that the Maven build leaves in
# fips.launcher/target/image (bin/build), with dpkg-deb only (no debhelper):
#
#   /usr/lib/fips/                     the jlink image (bin/fips, fipsctl, fipstop, fips-sim, java, lib/)
#   /usr/bin/fips, fipsctl, fipstop    relative symlinks into /usr/lib/fips/bin
#   /lib/systemd/system/fips.service   packaging/systemd/fips.service
#   /etc/fips/fips.yaml, /etc/fips/hosts   conffiles: the files FIPS packages ship,
#                                      taken from the spec (FIPS_SPEC_DIR/packaging)
#   /usr/share/doc/fips/README.Debian
#
# Writes fips.launcher/target/fips_<version>_<arch>.deb and prints its path.
# The version is the Maven project version the image was linked from (the
# FIPS_VERSION line jlink wrote into the image's release file), with -SNAPSHOT
# made a Debian pre-release (0.1.0-SNAPSHOT -> 0.1.0~SNAPSHOT).
#   FIPS_IMAGE     the image directory (default fips.launcher/target/image)
#   FIPS_SPEC_DIR  the spec directory (default ../shared/spec beside the checkout)
#   FIPS_DEB_OUT   the output directory (default fips.launcher/target)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
IMAGE="${FIPS_IMAGE:-$ROOT/fips.launcher/target/image}"
SPEC="${FIPS_SPEC_DIR:-$ROOT/../shared/spec}"
OUT="${FIPS_DEB_OUT:-$ROOT/fips.launcher/target}"
HERE="$ROOT/packaging"

die() { echo "build-deb: $*" >&2; exit 1; }
command -v dpkg-deb >/dev/null || die "dpkg-deb not found (apt-get install dpkg)"
[ -x "$IMAGE/bin/java" ] && [ -r "$IMAGE/release" ] || die "no runtime image in $IMAGE; build first with: bin/build"
for f in fips.yaml hosts; do [ -r "$SPEC/packaging/$f" ] || die "no $SPEC/packaging/$f (set FIPS_SPEC_DIR)"; done

mvn_version=$(sed -n 's/^FIPS_VERSION=//p' "$IMAGE/release")
[ -n "$mvn_version" ] || die "no FIPS_VERSION in $IMAGE/release (an image from an older build?)"
version=${mvn_version//-/\~}
case "$version" in [0-9]*) ;; *) die "version '$mvn_version' does not start with a digit" ;; esac
arch=$(dpkg --print-architecture)
# The image's architecture, from bin/java's ELF header (e_machine, bytes 18-19).
elf_machine=$(od -An -tx1 -j18 -N2 "$IMAGE/bin/java" | tr -d ' \n')
case "$arch:$elf_machine" in
  amd64:3e00 | arm64:b700 | riscv64:f300) ;;
  *) die "bin/java (ELF machine $elf_machine) does not match the dpkg architecture $arch" ;;
esac

# The image's native code needs only the C library; its newest GLIBC_ symbol
# version is the floor (the JDK build decides it, 2.17 for Temurin).
glibc=$(find "$IMAGE" -type f \( -name '*.so' -o -path '*/bin/java' -o -name jspawnhelper -o -name jexec \) \
  -exec grep -aoh 'GLIBC_2\.[0-9][0-9.]*' {} + | sort -uV | tail -n 1 | sed 's/GLIBC_//')
depends="libc6${glibc:+ (>= $glibc)}"

STAGE="$(mktemp -d "${TMPDIR:-/tmp}/fips-deb.XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT
R="$STAGE/root"
install -d -m 0755 "$R/usr/lib" "$R/usr/bin" "$R/lib/systemd/system" "$R/etc/fips" \
  "$R/usr/share/doc/fips" "$R/DEBIAN"
# cp -a keeps the mtimes: the CDS archive (lib/server/classes.jsa) is only used
# while lib/modules keeps the size and mtime it was dumped against.
cp -a "$IMAGE" "$R/usr/lib/fips"
chmod -R u+w,go-w,a+rX "$R/usr/lib/fips"
for cmd in fips fipsctl fipstop; do
  [ -x "$R/usr/lib/fips/bin/$cmd" ] || die "the image has no bin/$cmd"
  ln -s "../lib/fips/bin/$cmd" "$R/usr/bin/$cmd"
done
install -m 0644 "$HERE/systemd/fips.service" "$R/lib/systemd/system/fips.service"
install -m 0644 "$SPEC/packaging/fips.yaml" "$R/etc/fips/fips.yaml"
install -m 0644 "$SPEC/packaging/hosts" "$R/etc/fips/hosts"
install -m 0644 "$HERE/deb/README.Debian" "$R/usr/share/doc/fips/README.Debian"

printf '%s\n' /etc/fips/fips.yaml /etc/fips/hosts >"$R/DEBIAN/conffiles"
for s in postinst prerm postrm; do install -m 0755 "$HERE/deb/$s" "$R/DEBIAN/$s"; done
size_kb=$(du -sk --exclude=DEBIAN "$R" | cut -f1)
cat >"$R/DEBIAN/control" <<CONTROL
Package: fips
Version: $version
Architecture: $arch
Maintainer: FIPS for Java developers <fips4j@localhost>
Installed-Size: $size_kb
Depends: $depends, passwd
Recommends: libssl3 | libssl3t64
Section: net
Priority: optional
Homepage: https://github.com/jmcorgan/fips
Description: FIPS mesh network node (FIPS for Java)
 FIPS is a self-organizing encrypted mesh network built on Nostr
 identities. This package is the Java implementation: the fips daemon,
 the fipsctl and fipstop clients and a systemd unit, on a private Java
 runtime in /usr/lib/fips (no system JDK needed).
 .
 libcrypto from OpenSSL 3 (libssl3) is optional: the daemon uses it for
 ChaCha20-Poly1305 when present and the JDK's implementation otherwise.
CONTROL

mkdir -p "$OUT"
deb="$OUT/fips_${version}_${arch}.deb"
rm -f "$deb"
# gzip: xz makes it 4 MB smaller (32 of 36 MB; lib/modules is already compressed)
# but takes eight times as long (50 s on 2 cores).
dpkg-deb --root-owner-group -Zgzip -z6 --build "$R" "$deb" >/dev/null
echo "$deb"
