# Sourced by ./postino and .ci/run: sets JAVA_HOME to a JDK >= 21, or explains why not.
# Order: $JAVA_HOME, the `java` on PATH, then every JDK installed beside the default one
# (/usr/lib/jvm and the folder the default java lives in).

postino_java_major() {
  # Prints the feature version of the java at $1/bin/java (17, 21, 25...), or nothing.
  local java="$1/bin/java" v
  [ -x "$java" ] || return 1
  v=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)
  case "$v" in 1.*) v=${v#1.}; v=${v%%.*};; esac
  [ -n "$v" ] && printf '%s\n' "$v"
}

postino_find_jdk() {
  local candidates=() home major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    candidates+=("$home")
    candidates+=("$(dirname "$home")"/*)
  fi
  candidates+=(/usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*)
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/javac" ] || continue
    major=$(postino_java_major "$home") || continue
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$home"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "postino: no JDK 21 or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm); install one (e.g. Temurin 21) or set JAVA_HOME" >&2
  return 1
}

postino_find_maven() {
  if command -v mvn >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "postino: Maven not found, installing it with apt-get" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven) >&2 && return 0
  fi
  echo "postino: Maven (mvn) not found; install Apache Maven 3.8 or newer" >&2
  return 1
}
