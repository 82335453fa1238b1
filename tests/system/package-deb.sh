#!/usr/bin/env bash
# System test: the .deb (packaging/deb/build-deb.sh) built from the runtime
# image that the Maven build leaves in fips.launcher/target/image.
#
#   1. contents (dpkg-deb -I/-c): control fields, conffiles, file modes and
#      owners, relative /usr/bin links, the systemd unit's user, capabilities
#      and sandbox lines; systemd-analyze verify when it is installed;
#   2. install into a scratch root: dpkg --root with --force-script-chrootless
#      runs the real maintainer scripts on this host with DPKG_ROOT set, so the
#      fips user/group, /etc/fips mode 1770 and the enabled-unit link are made
#      inside the scratch root (the host's passwd/group are checked unchanged).
#      Not covered: starting the unit under systemd (none runs here), and the
#      capabilities themselves;
#   3. the installed commands run: fips --help, fipsctl --help, fipsctl keygen
#      (INTEROP.md 1.3 modes), fips-sim --help, the CDS archive still valid;
#      the installed daemon on 127.0.0.1 reaches "running:", answers
#      `fipsctl show status` on its control socket (INTEROP.md 13), logs no JVM
#      warning (native access granted to exactly the modules in the image) and
#      exits 0 on SIGTERM; run again as an unprivileged user with the unit's
#      capabilities (setpriv), the JVM holds exactly those;
#   4. conffiles: a local edit survives a reinstall; remove keeps them and
#      disables the unit; purge deletes /etc/fips (identity included) and
#      /var/lib/fips.
#
# Needs the image (bin/build) and dpkg-deb; part 2-4 need root (dpkg --root
# writes owners) and are skipped with a message otherwise. Everything lives in
# one temporary directory, removed on exit (KEEP=1 keeps it).
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
IMAGE="$ROOT/fips.launcher/target/image"
START_TIMEOUT=30
EXIT_TIMEOUT=15

WORK="$(mktemp -d "${TMPDIR:-/tmp}/fips-package-deb.XXXXXX")"
PID=""
FAILED=0
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill -KILL "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; fi
  if [ "${KEEP:-0}" = 1 ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
source "$(dirname "$0")/lib/common.bash"

# mode_owner PATH: "mode uid:gid" (octal mode with special bits)
mode_owner() { stat -c '%a %u:%g' "$1"; }
host_state() { cat /etc/passwd /etc/group | sha256sum; ls -ld /etc/fips /lib/systemd/system/fips.service /usr/lib/fips 2>&1; }

# ---------------------------------------------------------------- build

command -v dpkg-deb >/dev/null || fail "dpkg-deb not found"
[ -x "$IMAGE/bin/fips" ] || fail "no runtime image in $IMAGE; build first (bin/build)"
DEB=$(FIPS_DEB_OUT="$WORK" "$ROOT/packaging/deb/build-deb.sh" 2>"$WORK/build-deb.log") || fail "build-deb.sh failed: $(cat "$WORK/build-deb.log")"
[ -f "$DEB" ] || fail "build-deb.sh printed '$DEB', not a file"
MVN_VERSION=$(sed -n 's/^FIPS_VERSION=//p' "$IMAGE/release")
ARCH=$(dpkg --print-architecture)
case "$(basename "$DEB")" in
  "fips_${MVN_VERSION//-/\~}_${ARCH}.deb") pass "built $(basename "$DEB") ($(du -h "$DEB" | cut -f1))" ;;
  *) fail "package file name $(basename "$DEB"), want fips_${MVN_VERSION//-/\~}_${ARCH}.deb" ;;
esac

# ---------------------------------------------------------------- 1. contents

field() { dpkg-deb -f "$DEB" "$1"; }
[ "$(field Package)" = fips ] || fail "Package: $(field Package)"
[ "$(field Version)" = "${MVN_VERSION//-/\~}" ] || fail "Version $(field Version) is not the Maven version $MVN_VERSION"
[ "$(field Architecture)" = "$ARCH" ] || fail "Architecture: $(field Architecture)"
case "$(field Depends)" in "libc6 (>= 2."*", passwd") ;; *) fail "Depends: $(field Depends)" ;; esac
case "$(field Recommends)" in *libssl3*) ;; *) fail "Recommends lacks libssl3: $(field Recommends)" ;; esac
pass "control: $(field Package) $(field Version) $(field Architecture); Depends: $(field Depends)"

dpkg-deb --ctrl-tarfile "$DEB" | tar -xO ./conffiles >"$WORK/conffiles" || fail "no conffiles in the package"
[ "$(sort "$WORK/conffiles")" = "$(printf '%s\n' /etc/fips/fips.yaml /etc/fips/hosts)" ] \
  || fail "conffiles are: $(tr '\n' ' ' <"$WORK/conffiles")"
pass "conffiles: /etc/fips/fips.yaml /etc/fips/hosts"

dpkg-deb -c "$DEB" >"$WORK/contents"
# want PERMS PATH: one line of dpkg-deb -c with these permissions, owned root/root
want() {
  grep -qE "^$1 root/root +[0-9]+ [0-9-]+ [0-9:]+ \./$2( |\$)" "$WORK/contents" || fail "no '$1 root/root ./$2' in the package"
}
for cmd in fips fipsctl fipstop fips-sim java; do want -rwxr-xr-x "usr/lib/fips/bin/$cmd"; done
want -rw-r--r-- usr/lib/fips/lib/modules
want -rw-r--r-- usr/lib/fips/lib/server/classes.jsa
want -rw-r--r-- etc/fips/fips.yaml
want -rw-r--r-- etc/fips/hosts
want -rw-r--r-- lib/systemd/system/fips.service
for cmd in fips fipsctl fipstop; do want lrwxrwxrwx "usr/bin/$cmd -> \.\./lib/fips/bin/$cmd"; done
if grep -vE ' \./(|etc/|etc/fips/.*|lib/|lib/systemd/.*|usr/|usr/bin/.*|usr/lib/|usr/lib/fips/.*|usr/share/|usr/share/doc/.*)( |$)' "$WORK/contents"; then
  fail "files outside /usr/lib/fips, /usr/bin, /etc/fips, /lib/systemd, /usr/share/doc"
fi
if grep -v ' root/root ' "$WORK/contents"; then fail "files not owned by root/root"; fi
if awk '$1 !~ /^l/ && (substr($1, 6, 1) == "w" || substr($1, 9, 1) == "w")' "$WORK/contents" | grep .; then fail "group- or world-writable files"; fi
pass "files: image under /usr/lib/fips, relative /usr/bin links, modes and owners as expected"

dpkg-deb --fsys-tarfile "$DEB" | tar -xO ./lib/systemd/system/fips.service >"$WORK/fips.service"
unit_has() { grep -qxF -- "$1" "$WORK/fips.service" || fail "fips.service lacks the line '$1'"; }
unit_has "User=fips"
unit_has "ExecStart=/usr/lib/fips/bin/fips -c /etc/fips/fips.yaml"
unit_has "AmbientCapabilities=CAP_NET_ADMIN CAP_NET_RAW"
unit_has "CapabilityBoundingSet=CAP_NET_ADMIN CAP_NET_RAW"
unit_has "NoNewPrivileges=yes"
unit_has "RuntimeDirectory=fips"
unit_has "ProtectSystem=strict"
unit_has "ReadWritePaths=/etc/fips"
unit_has "DeviceAllow=/dev/net/tun rw"
unit_has "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK AF_PACKET"
if grep -qE '^(MemoryDenyWriteExecute|PrivateDevices|PrivateUsers|PrivateNetwork)=(yes|true|1)' "$WORK/fips.service"; then
  fail "fips.service sets an option that breaks the JIT or TUN/netlink"
fi
pass "unit: runs as fips with CAP_NET_ADMIN CAP_NET_RAW only, sandboxed, /dev/net/tun and netlink/packet sockets allowed"

# ---------------------------------------------------------------- 2. install into a scratch root

if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: installing needs root (dpkg --root writes owners); contents checked only"
  echo "PASS: package-deb"
  exit 0
fi
R="$WORK/root"
mkdir -p "$R/etc" "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates" "$R/var/lib/dpkg/triggers" "$R/var/log"
: >"$R/var/lib/dpkg/status"; : >"$R/var/lib/dpkg/available"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$R/etc/passwd"
printf 'root:x:0:\n' >"$R/etc/group"
printf 'root:*:19000:0:99999:7:::\n' >"$R/etc/shadow"
printf 'root:*::\n' >"$R/etc/gshadow"
chmod 0640 "$R/etc/shadow" "$R/etc/gshadow"
HOST_BEFORE=$(host_state)

# rdpkg ARGS...: dpkg on the scratch root; maintainer scripts run on this host with DPKG_ROOT=$R.
# --force-depends: the scratch root has no libc6/passwd packages registered.
rdpkg() {
  dpkg --root="$R" --log="$WORK/dpkg.log" --force-script-chrootless --force-depends --force-unsafe-io "$@" \
    >>"$WORK/dpkg.out.log" 2>&1
}
rdpkg -i "$DEB" || fail "dpkg --root -i failed: $(tail -n 20 "$WORK/dpkg.out.log")"
grep -q '^Status: install ok installed' "$R/var/lib/dpkg/status" || fail "fips not 'install ok installed' in the scratch root"
pass "dpkg --root -i: installed, maintainer scripts ran (chrootless)"

FIPS_PW=$(grep '^fips:' "$R/etc/passwd") || fail "postinst made no fips user in the scratch root"
FIPS_GR=$(grep '^fips:' "$R/etc/group") || fail "postinst made no fips group in the scratch root"
FIPS_UID=$(cut -d: -f3 <<<"$FIPS_PW"); FIPS_GID=$(cut -d: -f3 <<<"$FIPS_GR")
[ "$(cut -d: -f4 <<<"$FIPS_PW")" = "$FIPS_GID" ] || fail "fips user's group is not fips: $FIPS_PW"
[ "$FIPS_UID" -lt 1000 ] && [ "$FIPS_UID" -gt 0 ] || fail "fips is not a system user: $FIPS_PW"
case "$FIPS_PW" in *:/var/lib/fips:/usr/sbin/nologin) ;; *) fail "fips home/shell: $FIPS_PW" ;; esac
[ "$(mode_owner "$R/etc/fips")" = "1770 0:$FIPS_GID" ] || fail "/etc/fips is $(mode_owner "$R/etc/fips"), want 1770 0:$FIPS_GID"
[ "$(mode_owner "$R/var/lib/fips")" = "750 $FIPS_UID:$FIPS_GID" ] || fail "/var/lib/fips is $(mode_owner "$R/var/lib/fips")"
[ "$(mode_owner "$R/etc/fips/fips.yaml")" = "644 0:0" ] || fail "fips.yaml is $(mode_owner "$R/etc/fips/fips.yaml")"
pass "postinst: system user fips ($FIPS_UID:$FIPS_GID, nologin), /etc/fips 1770 root:fips, /var/lib/fips 750 fips"

WANTS="$R/etc/systemd/system/multi-user.target.wants/fips.service"
if command -v systemctl >/dev/null 2>&1; then
  [ "$(readlink "$WANTS")" = /lib/systemd/system/fips.service ] || fail "fips.service not enabled in the scratch root"
  pass "postinst: fips.service enabled (systemctl --root; no systemd running, nothing started)"
else
  pass "postinst: no systemctl on this host, enabling not checked"
fi
if command -v systemd-analyze >/dev/null 2>&1; then
  # The host's unit set (the scratch root has no sysinit.target); only ExecStart is
  # pointed at the installed image, so that the executable check looks at it.
  mkdir -p "$WORK/verify"
  sed "s|^ExecStart=/usr/lib/fips/|ExecStart=$R/usr/lib/fips/|" "$R/lib/systemd/system/fips.service" >"$WORK/verify/fips.service"
  systemd-analyze verify --man=no "$WORK/verify/fips.service" >"$WORK/verify.log" 2>&1 \
    || fail "systemd-analyze verify: $(cat "$WORK/verify.log")"
  ! grep -q . "$WORK/verify.log" || fail "systemd-analyze verify complains: $(cat "$WORK/verify.log")"
  pass "systemd-analyze verify: no complaints about the installed unit"
else
  echo "note: systemd-analyze not installed, the unit is not verified"
fi
[ "$(host_state)" = "$HOST_BEFORE" ] || fail "the maintainer scripts changed this host's accounts or files"
pass "the host's /etc/passwd, /etc/group, /etc/fips, /usr/lib/fips are untouched"

# ---------------------------------------------------------------- 3. the installed commands

"$R/usr/bin/fips" --help >"$WORK/help.out" 2>"$WORK/help.log" || fail "installed fips --help failed"
grep -q '^Usage: fips' "$WORK/help.out" || fail "fips --help printed no usage"
"$R/usr/bin/fipsctl" --help >"$WORK/ctl-help.out" 2>"$WORK/ctl-help.log" || fail "installed fipsctl --help failed"
grep -q 'keygen' "$WORK/ctl-help.out" || fail "fipsctl --help does not list keygen"
"$R/usr/lib/fips/bin/fips-sim" --help >"$WORK/sim-help.out" 2>"$WORK/sim-help.log" || fail "installed fips-sim --help failed"
pass "installed fips --help, fipsctl --help, fips-sim --help run (through the /usr/bin links)"

mkdir -p "$WORK/keys"
"$R/usr/bin/fipsctl" keygen --dir "$WORK/keys" >"$WORK/keygen.out" 2>"$WORK/keygen.log" || fail "fipsctl keygen --dir failed: $(cat "$WORK/keygen.log")"
[ "$(stat -c %a "$WORK/keys/fips.key")" = 600 ] || fail "fips.key mode $(stat -c %a "$WORK/keys/fips.key"), want 600"
[ "$(stat -c %a "$WORK/keys/fips.pub")" = 644 ] || fail "fips.pub mode $(stat -c %a "$WORK/keys/fips.pub"), want 644"
grep -q '^nsec1' "$WORK/keys/fips.key" && grep -q '^npub1' "$WORK/keys/fips.pub" || fail "keygen files do not hold nsec/npub"
pass "installed fipsctl keygen: fips.key 0600 nsec, fips.pub 0644 npub (INTEROP.md 1.3)"

"$R/usr/lib/fips/bin/java" -Xshare:on -version >"$WORK/cds.log" 2>&1 || fail "the installed CDS archive is unusable: $(cat "$WORK/cds.log")"
pass "the CDS archive survived packaging (java -Xshare:on)"

PORT=$(free_port) || fail "no free UDP port"
# node_config DIR: an ephemeral node on 127.0.0.1:$PORT, its control socket in DIR,
# no DNS responder (other tests' daemons may hold [::1]:5354).
node_config() {
  mkdir -p "$1"
  cat >"$1/fips.yaml" <<YAML
node:
  control:
    socket_path: "$1/control.sock"
dns:
  enabled: false
transports:
  udp:
    bind_addr: "127.0.0.1:$PORT"
YAML
}
node_config "$WORK/node"
"$R/usr/bin/fips" -c "$WORK/node/fips.yaml" >"$WORK/node.out" 2>"$WORK/node.log" &
PID=$!
wait_until "$START_TIMEOUT" grep -qs -F ' running: ' "$WORK/node.log" || fail "the installed daemon did not start within ${START_TIMEOUT} s"
NPUB=$(cat "$WORK/node/fips.pub") || fail "the daemon wrote no fips.pub next to its config"
"$R/usr/bin/fipsctl" -s "$WORK/node/control.sock" show status >"$WORK/status.json" 2>"$WORK/status.log" \
  || fail "installed fipsctl show status failed: $(cat "$WORK/status.log")"
grep -qF "\"$NPUB\"" "$WORK/status.json" || fail "show status does not name the daemon's npub $NPUB: $(head -c 300 "$WORK/status.json")"
kill -TERM "$PID"
wait_exit "$PID" "$EXIT_TIMEOUT"; RC=$?
PID=""
[ "$RC" -eq 0 ] || fail "the installed daemon exited $RC after SIGTERM (want 0)"
if grep -E '^WARNING|restricted method|Unknown module' "$WORK/node.log" "$WORK/help.log" "$WORK/keygen.log" "$WORK/status.log"; then
  fail "JVM warnings from the installed commands"
fi
pass "the installed daemon ran on 127.0.0.1:$PORT, answered fipsctl show status, exited 0 on SIGTERM, no JVM warnings"

# The unit's privilege model without systemd: setpriv gives an unprivileged user
# (nobody, as the fips user exists only in the scratch root) the unit's ambient
# and bounding capabilities and no_new_privs; the JVM must hold exactly
# CAP_NET_ADMIN|CAP_NET_RAW (bits 12, 13) under the launcher's PID (it execs).
if command -v setpriv >/dev/null 2>&1 && NOBODY=$(id -u nobody 2>/dev/null); then
  chmod 0755 "$WORK"
  node_config "$WORK/capnode"
  chown -R "$NOBODY" "$WORK/capnode"
  setpriv --reuid="$NOBODY" --regid="$(id -g nobody)" --clear-groups --no-new-privs \
    --inh-caps=-all,+net_admin,+net_raw --ambient-caps=-all,+net_admin,+net_raw --bounding-set=-all,+net_admin,+net_raw \
    "$R/usr/bin/fips" -c "$WORK/capnode/fips.yaml" >"$WORK/capnode.out" 2>"$WORK/capnode.log" &
  PID=$!
  wait_until "$START_TIMEOUT" grep -qs -F ' running: ' "$WORK/capnode.log" || fail "the daemon as nobody did not start"
  [ "$(cat "/proc/$PID/comm")" = java ] || fail "the launcher did not exec the JVM (PID $PID is $(cat "/proc/$PID/comm"))"
  CAPS=$(grep -E '^Cap(Eff|Amb|Bnd):' "/proc/$PID/status" | awk '{print $2}' | sort -u)
  [ "$CAPS" = 0000000000003000 ] || fail "the JVM's capabilities are $(grep '^Cap' "/proc/$PID/status" | tr '\n' ' ')"
  kill -TERM "$PID"
  wait_exit "$PID" "$EXIT_TIMEOUT"; RC=$?
  PID=""
  [ "$RC" -eq 0 ] || fail "the daemon as nobody exited $RC after SIGTERM"
  [ "$(stat -c '%a %u' "$WORK/capnode/fips.key")" = "600 $NOBODY" ] || fail "fips.key next to the config: $(stat -c '%a %u' "$WORK/capnode/fips.key" 2>&1)"
  pass "as an unprivileged user with the unit's capabilities: the JVM holds CAP_NET_ADMIN CAP_NET_RAW only, wrote fips.key 0600 next to its config"
fi

# ---------------------------------------------------------------- 4. conffiles, remove, purge

echo "local-test npub1qmc3cvfz0yu2hx96nq3gp55zdan2qclealn7xshgr448d3nh6lks7zel98" >>"$R/etc/fips/hosts"
printf 'nsec1placeholder\n' >"$R/etc/fips/fips.key"; chmod 0600 "$R/etc/fips/fips.key"
rdpkg --force-confold -i "$DEB" || fail "reinstall failed: $(tail -n 20 "$WORK/dpkg.out.log")"
grep -q '^local-test ' "$R/etc/fips/hosts" || fail "the local edit of /etc/fips/hosts was lost on reinstall"
[ "$(mode_owner "$R/etc/fips/fips.key")" = "600 $FIPS_UID:$FIPS_GID" ] \
  || fail "postinst did not hand a root-made fips.key to fips: $(mode_owner "$R/etc/fips/fips.key")"
pass "reinstall: the edited conffile kept, a root-made fips.key handed to the fips user"

rdpkg -r fips || fail "dpkg --root -r failed: $(tail -n 20 "$WORK/dpkg.out.log")"
[ ! -e "$R/usr/lib/fips" ] && [ ! -L "$R/usr/bin/fips" ] || fail "remove left /usr/lib/fips or /usr/bin/fips"
[ -f "$R/etc/fips/fips.yaml" ] && grep -q '^local-test ' "$R/etc/fips/hosts" || fail "remove deleted the conffiles"
if command -v systemctl >/dev/null 2>&1; then
  [ ! -L "$WANTS" ] || fail "remove left fips.service enabled"
fi
pass "remove: program files gone, conffiles kept, unit disabled"

rdpkg -P fips || fail "dpkg --root -P failed: $(tail -n 20 "$WORK/dpkg.out.log")"
[ ! -e "$R/etc/fips" ] || fail "purge left $(ls -A "$R/etc/fips" | tr '\n' ' ') in /etc/fips"
[ ! -e "$R/var/lib/fips" ] || fail "purge left /var/lib/fips"
if grep -q '^Package: fips$' "$R/var/lib/dpkg/status"; then fail "fips still in the scratch dpkg status"; fi
[ "$(host_state)" = "$HOST_BEFORE" ] || fail "remove/purge changed this host's accounts or files"
pass "purge: /etc/fips (identity included) and /var/lib/fips deleted; the host untouched"

echo "PASS: package-deb"
