# One rule for finding JDK 25, sourced by ./drcorl, ./mvnw, notebooks/setup-kernel.sh and .ci/run:
# JAVA_HOME when it is a JDK 25 or newer; else Temurin 25 where this project's machines have it;
# else one line that names JDK 25 (Debian 12's default java is 17, which fails later with a
# cryptic "release version 25" error).
DRCORL_DEFAULT_JDK=/usr/lib/jvm/temurin-25-jdk-amd64

drcorl_jdk_ok() { [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | grep -q 'version "\(2[5-9]\|[3-9][0-9]\)'; }

# drcorl_find_jdk NAME: exports JAVA_HOME, or says why not (as NAME) and returns 1.
drcorl_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && drcorl_jdk_ok "$JAVA_HOME"; then export JAVA_HOME; return 0; fi
  if drcorl_jdk_ok "$DRCORL_DEFAULT_JDK"; then export JAVA_HOME="$DRCORL_DEFAULT_JDK"; return 0; fi
  echo "$1: needs JDK 25; set JAVA_HOME to a JDK 25 installation${JAVA_HOME:+ (JAVA_HOME=$JAVA_HOME is not one)}" >&2
  return 1
}
