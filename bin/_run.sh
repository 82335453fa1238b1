# Sourced by the command scripts: runs a main class of fips.launcher on the
# module path built by bin/build.
source "$(dirname "${BASH_SOURCE[0]}")/_jdk.sh"
fips_run() { # MAIN_CLASS ARGS...
  local main="$1"; shift
  # FIPS_MODULES: another module directory, e.g. a copy a long-running test
  # takes so that a rebuild of the tree cannot swap jars under a running JVM.
  local lib="${FIPS_MODULES:-$FIPS_ROOT/fips.launcher/target/modules}"
  if [ ! -d "$lib" ]; then
    echo "error: $lib does not exist; build first with: bin/build" >&2
    exit 2
  fi
  # Modules that call native code through FFM: fips.noise (OpenSSL AEAD),
  # fips.sys (sockets, TUN, netlink), fips.launcher (fipstop's termios).
  local native="fips.noise,fips.sys,fips.launcher"
  exec "$JAVA_HOME/bin/java" ${FIPS_JAVA_OPTS:-} \
    --enable-native-access="$native" \
    --module-path "$lib" -m "fips.launcher/$main" "$@"
}
