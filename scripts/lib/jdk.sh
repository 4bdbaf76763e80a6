# Finds a JDK 25 or newer for Gait's scripts. Source it, then call gait_find_jdk.
# Order: $JAVA_HOME when it is 25+, then Temurin 25 at its Debian location, then any JDK under
# /usr/lib/jvm. Sets GAIT_JAVA_HOME and GAIT_JAVA_VERSION. Pure bash: the launcher calls it on
# every run, so it starts no processes.

gait_jdk_version() { # prints the JAVA_VERSION of a JDK home, from its release file
  local line
  [ -r "$1/release" ] || return 1
  while IFS= read -r line; do
    case $line in
      JAVA_VERSION=*) line=${line#JAVA_VERSION=}; printf '%s' "${line//\"/}"; return 0 ;;
    esac
  done <"$1/release"
  return 1
}

gait_find_jdk() {
  local home version
  for home in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$home" ] && [ -x "$home/bin/java" ] || continue
    version=$(gait_jdk_version "$home") || continue
    if [ "${version%%[.+-]*}" -ge 25 ] 2>/dev/null; then
      GAIT_JAVA_HOME=$home
      GAIT_JAVA_VERSION=$version
      return 0
    fi
  done
  return 1
}

gait_require_jdk() {
  gait_find_jdk && return 0
  echo "gait: no JDK 25 or newer found (set JAVA_HOME to one, or install Temurin 25 under /usr/lib/jvm)" >&2
  exit 7
}

gait_maven_env() { # JAVA_HOME for Maven, and silence the JDK 25 warning about Maven's own Guava
  export JAVA_HOME=$GAIT_JAVA_HOME
  case " ${MAVEN_OPTS:-} " in
    *sun-misc-unsafe-memory-access*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
  esac
}
