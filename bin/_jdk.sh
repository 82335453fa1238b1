# Sourced by the bin/ scripts: picks a JDK >= 22 (the FFM API is final from 22)
# and exports JAVA_HOME. The machine's default `java` may be older, so the
# choice is explicit: $FIPS_JAVA_HOME, then $JAVA_HOME, then the newest JDK
# under /usr/lib/jvm.

fips_java_major() { # JAVA_HOME -> major version on stdout, nothing if not a JDK
  local rel="$1/release"
  [ -x "$1/bin/java" ] && [ -r "$rel" ] || return 1
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel"
}

fips_pick_jdk() {
  local cand major best="" best_major=0
  for cand in "${FIPS_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
    [ -n "$cand" ] || continue
    major=$(fips_java_major "$cand") || continue
    if [ "${major:-0}" -ge 22 ]; then JAVA_HOME="$cand"; export JAVA_HOME; return 0; fi
  done
  for cand in /usr/lib/jvm/*; do
    major=$(fips_java_major "$cand") || continue
    if [ "${major:-0}" -ge 22 ] && [ "$major" -gt "$best_major" ]; then best="$cand"; best_major=$major; fi
  done
  if [ -z "$best" ]; then
    echo "error: no JDK >= 22 found (looked at FIPS_JAVA_HOME, JAVA_HOME and /usr/lib/jvm/*)." >&2
    echo "       FIPS for Java needs the FFM API; install e.g. temurin-25-jdk or openjdk-25-jdk." >&2
    return 1
  fi
  JAVA_HOME="$best"; export JAVA_HOME
}

fips_pick_jdk || exit 1
# Maven 3.8's bundled Guice/Guava touch sun.misc.Unsafe; JDK 24+ warns on every
# run. Allow it for the build tool only (our code never uses Unsafe).
if [ "$(fips_java_major "$JAVA_HOME")" -ge 24 ]; then
  case " ${MAVEN_OPTS:-} " in
    *sun-misc-unsafe-memory-access*) ;;
    *) MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;;
  esac
fi
FIPS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export FIPS_ROOT
