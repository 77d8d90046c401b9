#!/usr/bin/env bash
# Postino on a real Apache James 3.9.x memory server, end to end.
#
#   scripts/real-james-check.sh JAMES_HOME [--jar postino.jar]
#
# JAMES_HOME is a James memory-app folder (james-server-memory-app.jar, its .lib folder, conf/,
# extensions-jars/) whose conf/ already serves plain SMTP and IMAP, e.g. the kit that
# ../shared/tools/james-kit/build.sh makes. It is never modified: the check copies it to a
# temporary folder, installs the drop-in jar and conf-samples/mailetcontainer.xml as the README
# says, adds the one logging line to James's own logback.xml, starts the copy on free loopback
# ports, adds the domain and users through WebAdmin after the start, drives every feature over
# SMTP, IMAP and WebAdmin (scripts/realjames/check.py), prints one line per scenario, stops the
# server it started by its pid, and exits 1 if any scenario failed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
. scripts/find-jdk.sh

usage() { echo "usage: scripts/real-james-check.sh JAMES_HOME [--jar postino.jar]" >&2; exit 2; }
[ $# -ge 1 ] || usage
james_home=$(cd "$1" && pwd) || usage
shift
jar=""
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) [ $# -ge 2 ] || usage; jar=$(readlink -f "$2"); shift 2 ;;
    *) usage ;;
  esac
done
command -v python3 >/dev/null || { echo "real-james-check: python3 is needed (standard library only)" >&2; exit 2; }
postino_find_jdk

if [ -z "$jar" ]; then
  postino_find_maven
  if [ "$(postino_java_major "$JAVA_HOME")" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"   # as ./postino: Guice's warning
  fi
  echo "real-james-check: building the drop-in jar..." >&2
  mvn -B -q -Dstyle.color=never -DskipTests package -pl dist -am >&2
  jar=$(ls dist/target/postino-*.jar | grep -v original | head -n1)
fi
exec python3 scripts/realjames/check.py --james-home "$james_home" --jar "$jar" \
  --java "$JAVA_HOME/bin/java" --project "$here"
