#!/usr/bin/env bash
# Sets up everything the notebooks need; safe to run again (each step is skipped when done):
#   1. Jupyter from Debian packages (jupyter-notebook, jupyter-nbconvert, python3-nbclient);
#   2. the Java kernel, rapaio-jupyter-kernel, fetched from Maven Central through the Maven
#      wrapper into notebooks/.kernel/ (git-ignored);
#   3. the drcorl distribution (dist/target/drcorl), built by the ./drcorl launcher when missing
#      or older than the sources;
#   4. a kernelspec "drcorl-java" that runs the kernel on JDK 25 with drcorl's jars on its
#      classpath, written to notebooks/.kernel/kernels/drcorl-java and installed for the user
#      (`--no-user` skips the user install; run-all.sh finds the kernel in notebooks/.kernel either way).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KERNEL_VERSION=3.0.1
KERNEL_NAME=drcorl-java
KDIR="$ROOT/notebooks/.kernel"
JAR="$KDIR/rapaio-jupyter-kernel-$KERNEL_VERSION.jar"
SPEC="$KDIR/kernels/$KERNEL_NAME"

user_install=1
for a in "$@"; do
  case "$a" in
    --no-user) user_install=0 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup-kernel: unknown option '$a' (known: --no-user)" >&2; exit 2 ;;
  esac
done

. "$ROOT/tools/jdk.sh"   # the JDK rule of ./drcorl and ./mvnw
drcorl_find_jdk setup-kernel || exit 2

# 1. Jupyter. Debian's packages, not pip: the notebook server, nbconvert (run-all.sh) and nbclient.
if ! { command -v jupyter >/dev/null && command -v jupyter-nbconvert >/dev/null && command -v jupyter-notebook >/dev/null \
       && /usr/bin/python3 -c 'import nbclient' 2>/dev/null; }; then
  echo "setup-kernel: installing Jupyter (jupyter-notebook jupyter-nbconvert python3-nbclient)"
  sudo=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null; then sudo=(sudo); else
      echo "setup-kernel: Jupyter is missing and installing it needs root: apt-get install jupyter-notebook jupyter-nbconvert python3-nbclient" >&2
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends jupyter-notebook jupyter-nbconvert python3-nbclient >/dev/null
fi

# 2. The kernel jar (a single jar with its dependencies), from Maven Central.
if [ ! -s "$JAR" ]; then
  echo "setup-kernel: fetching io.github.padreati:rapaio-jupyter-kernel:$KERNEL_VERSION"
  mkdir -p "$KDIR"
  # -N: only the root POM; dependency:copy would otherwise run once per module.
  (cd "$ROOT" && ./mvnw -q -B -ntp -N dependency:copy \
      -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$KERNEL_VERSION" -DoutputDirectory="$KDIR")
  [ -s "$JAR" ] || { echo "setup-kernel: Maven did not leave $JAR" >&2; exit 1; }
fi

# The kernel's entry point: rapaio's own start-up minus a race that kills its shell thread on a busy
# machine (see notebooks/kernel/DrcorlKernelLauncher.java); compiled again when its source changes.
LAUNCHER_SRC="$ROOT/notebooks/kernel/DrcorlKernelLauncher.java"
CLASSES="$KDIR/classes"
if [ ! -f "$CLASSES/DrcorlKernelLauncher.class" ] || [ "$LAUNCHER_SRC" -nt "$CLASSES/DrcorlKernelLauncher.class" ] \
   || [ "$JAR" -nt "$CLASSES/DrcorlKernelLauncher.class" ]; then
  rm -rf "$CLASSES"
  "$JAVA_HOME/bin/javac" -d "$CLASSES" -cp "$JAR" "$LAUNCHER_SRC"
fi

# 3. The distribution: the launcher rebuilds it when missing or stale, and --help is cheap.
"$ROOT/drcorl" --help >/dev/null
LIB="$ROOT/dist/target/drcorl/lib"
[ -d "$LIB" ] || { echo "setup-kernel: no $LIB after the build" >&2; exit 1; }

# 4. The kernelspec. The kernel evaluates cells in its own JVM (JShell, local execution), so the
# JVM options the ./drcorl launcher uses go on its command line, and drcorl's jars go both on the
# JVM's class path (for running) and in RJK_CLASSPATH (';'-separated, for JShell's compiler).
CACHE="$ROOT/.cache/djl"
rjk_classpath="$(find "$LIB" -maxdepth 1 -name '*.jar' | sort | paste -sd ';')"
mkdir -p "$SPEC"
tmp="$(mktemp "$SPEC/kernel.json.XXXXXX")"
trap 'rm -f "$tmp"' EXIT # a failed write leaves no half-written spec behind
ROOT="$ROOT" JAVA="$JAVA_HOME/bin/java" JAR="$JAR" CLASSES="$CLASSES" LIB="$LIB" CACHE="$CACHE" RJK_CP="$rjk_classpath" NAME="$KERNEL_NAME" \
  /usr/bin/python3 - "$tmp" <<'EOF'
import json, os, sys
e = os.environ
spec = {
    "argv": [
        e["JAVA"],
        "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Djava.awt.headless=true",
        "-Dai.djl.offline=true",
        "-DDJL_CACHE_DIR=" + e["CACHE"], "-DENGINE_CACHE_DIR=" + e["CACHE"],
        "-Ddrcorl.home=" + os.path.join(e["ROOT"], "dist", "target", "drcorl"),
        "-Ddrcorl.root=" + e["ROOT"],
        # the CLI's logging (cli/Logging.java): warnings only, none of the harmless CUDA/PF4J/jhdf noise
        "-Dorg.slf4j.simpleLogger.logFile=System.err",
        "-Dorg.slf4j.simpleLogger.showDateTime=false",
        "-Dorg.slf4j.simpleLogger.showThreadName=false",
        "-Dorg.slf4j.simpleLogger.showShortLogName=true",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-Dorg.slf4j.simpleLogger.log.org.pf4j=off",
        "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error",
        "-Dorg.slf4j.simpleLogger.log.io.jhdf=error",
        "-cp", e["CLASSES"] + ":" + e["JAR"] + ":" + os.path.join(e["LIB"], "*"),
        "DrcorlKernelLauncher",
        "{connection_file}",
    ],
    "display_name": "Java 25 (drcorl)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {
        "RJK_CLASSPATH": e["RJK_CP"],
        "RJK_COMPILER_OPTIONS": "",
        "RJK_TIMEOUT_MILLIS": "-1",
        "RJK_INIT_SCRIPT": "",
    },
}
with open(sys.argv[1], "w") as f:
    json.dump(spec, f, indent=2)
    f.write("\n")
EOF
mv "$tmp" "$SPEC/kernel.json"

if [ "$user_install" = 1 ]; then
  # What `jupyter kernelspec install --user` does (a copy into the user's Jupyter data folder),
  # without needing the jupyter-client package for it.
  user_kernels="$(jupyter --data-dir)/kernels"
  mkdir -p "$user_kernels/$KERNEL_NAME"
  cp "$SPEC/kernel.json" "$user_kernels/$KERNEL_NAME/kernel.json.tmp"
  mv "$user_kernels/$KERNEL_NAME/kernel.json.tmp" "$user_kernels/$KERNEL_NAME/kernel.json"
  echo "setup-kernel: kernel '$KERNEL_NAME' ready, installed in $user_kernels (open the notebooks with: jupyter notebook notebooks/)"
else
  echo "setup-kernel: kernel '$KERNEL_NAME' ready in $KDIR (use JUPYTER_PATH=$KDIR)"
fi
