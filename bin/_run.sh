# Sourced by the command scripts: runs a main class of fips.launcher on the
# module path built by bin/build.
source "$(dirname "${BASH_SOURCE[0]}")/_jdk.sh"
fips_run() { # MAIN_CLASS ARGS...
  local main="$1"; shift
  local lib="$FIPS_ROOT/fips.launcher/target/modules"
  if [ ! -d "$lib" ]; then
    echo "error: $lib does not exist; build first with: bin/build" >&2
    exit 2
  fi
  exec "$JAVA_HOME/bin/java" ${FIPS_JAVA_OPTS:-} \
    --enable-native-access=fips.noise \
    --module-path "$lib" -m "fips.launcher/$main" "$@"
}
