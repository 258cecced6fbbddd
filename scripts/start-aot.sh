#!/usr/bin/env bash
# Starts the packaged node from a JDK AOT cache (JEP 483/514/515, Java 25+): the classes it loads at
# start, already parsed, verified and linked, and the start's method profiles, read from one mapped
# file instead of ~18 000 classes read out of the nested jar (issue 18; docs/architecture.md, "the
# AOT cache"). Arguments go to the node, as to `java -jar`:
#
#   ./mvnw -q package -DskipTests && scripts/start-aot.sh --comity.data-dir=/var/lib/comity
#   scripts/start-aot.sh --cache-only     # only (re)build the cache, start nothing (bench/run)
#   JAVA_OPTS='-XX:TieredStopAtLevel=1' scripts/start-aot.sh   # JVM options of the node's run
#
# The cache needs the jar's extracted layout (plain jars on the class path: the JVM caches no class
# read through Spring Boot's nested-jar loader), so the first run, and the first after each build,
# extracts target/comity-*.jar into target/aot/app and trains the cache with one start of the node
# on a throwaway data dir (its own embedded PostgreSQL, keys and accounts, deleted afterwards) up to
# the first /login page, then a SIGTERM: the JVM writes the cache as it exits (2.8 min in all at load 17).
# A cache the JVM cannot use (another JDK, a changed jar) is ignored with a warning, never trusted.
# JAVA picks the java binary (default: JAVA_HOME's, then PATH's); it must be the one that runs the
# node, as the cache is valid only for the JVM that made it.
set -euo pipefail
# No cd: the node's own relative arguments (a data dir) keep meaning what they mean where it is run.
# Absolute paths: a cache is used only with the class path it was trained with, string for string (a
# relative path at training and an absolute one at run fail the JVM's start with a sealing violation).
root="$(cd "$(dirname "$0")/.." && pwd)"
umask 077 # the cache is code the JVM maps: only its owner may write it

java="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"
java="${java:-java}"
version="$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ { print $2 }')"
if [[ ! ${version:-0} =~ ^[0-9]+$ || $version -lt 25 ]]; then
    echo "start-aot.sh needs Java 25 or later (found ${version:-none} at $java; set JAVA)" >&2
    exit 1
fi
jar="$(ls "$root"/target/comity-*.jar 2>/dev/null | grep -v -- '-plain\|\.original' | head -1 || true)"
[[ -n $jar ]] || { echo "no target/comity-*.jar: run ./mvnw -q package -DskipTests first" >&2; exit 1; }

aot="$root/target/aot"
app="$aot/app/$(basename "$jar")"
cache="$aot/comity.aot"
# What the cache was made from: the jar (size, modification time) and the exact JVM.
source="$(stat -c '%n %s %Y' "$jar") $("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.home|java.vm.version/ { printf "%s ", $2 }')"

if [[ ! -f $cache || ! -f $app || "$(cat "$aot/source" 2>/dev/null)" != "$source" ]]; then
    echo "start-aot.sh: building the AOT cache for $jar (once per build; a few minutes)" >&2
    rm -rf "$aot"
    mkdir -p "$aot"
    "$java" -Djarmode=tools -jar "$jar" extract --destination "$aot/app" >/dev/null
    train="$(mktemp -d)"
    trap 'rm -rf "$train"' EXIT
    # Port 0: the node logs the port Tomcat took. No -Xlog noise: the cache's own warnings about
    # classes it skips go to the training log only.
    "$java" -XX:AOTCacheOutput="$cache" -Xlog:aot=warning:file="$train/aot.log" -jar "$app" \
        --comity.data-dir="$train/data" --server.port=0 --server.address=127.0.0.1 >"$train/node.log" 2>&1 &
    node=$!
    port=""
    served=""
    for _ in $(seq 1 1200); do # 10 minutes
        kill -0 "$node" 2>/dev/null || { cat "$train/node.log" >&2; echo "the training start failed" >&2; exit 1; }
        port="${port:-$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$train/node.log" | head -1)}"
        if [[ -n $port ]] && curl -fs -o /dev/null "http://127.0.0.1:$port/login"; then
            served=yes
            break
        fi
        sleep 0.5
    done
    kill -TERM "$node"
    [[ -n $served ]] || { wait "$node" || true; echo "no /login page within 10 minutes; see $train" >&2; trap - EXIT; exit 1; }
    wait "$node" || true # the exit status of a SIGTERM'd JVM is 143
    [[ -f $cache ]] || { tail -20 "$train/node.log" >&2; echo "the JVM wrote no AOT cache" >&2; exit 1; }
    echo "$source" >"$aot/source"
    rm -rf "$train"
    trap - EXIT
fi

if [[ ${1:-} == --cache-only ]]; then
    echo "$cache (for $app)"
    exit 0
fi
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec "$java" ${JAVA_OPTS:-} -XX:AOTCache="$cache" -jar "$app" "$@"
