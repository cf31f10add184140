# Chooses the native code a videoseq JVM runs, before the JVM starts. Sourced by ./videoseq and by
# tools/native/bin/java (the JVM Surefire and `mvn exec:exec` start); docs/PERFORMANCE.md explains the choices.
#
#  1. OpenBLAS's core type. OpenBLAS picks its kernels from the CPU model when it loads, and a build older than
#     the CPU falls back to a generic SSE3 core (ND4J's 0.3.19 says "Core: Prescott" on Sapphire Rapids: 21
#     instead of 114-137 GFLOP/s). It reads OPENBLAS_CORETYPE only from the environment, only at load time, so
#     this must happen here. We ask the library what it detects (BlasCoreProbe.java, cached per CPU and
#     OpenBLAS jar) and name a core only when it fell back below what the CPU's flags support. A value the user
#     set wins; a core the CPU cannot run (SkylakeX without AVX-512) is never named.
#  2. The libnd4j build. Both the plain and the oneDNN build are on the classpath and JavaCPP loads the oneDNN
#     one when present; VIDEOSEQ_ND4J=plain (or a CPU without AVX2) removes it from the classpath.
#
# Results, for the JVM to report (io.videoseq.model.runtime.NativeRuntime): VIDEOSEQ_BLAS_CORE (the core
# OpenBLAS runs, "unknown" when the probe could not run), VIDEOSEQ_BLAS_CORE_SOURCE (detected | videoseq |
# user), VIDEOSEQ_ND4J_VARIANT (onednn | plain).

# OpenBLAS cores without AVX2 kernels: what its detection falls back to on a CPU it does not know.
_VIDEOSEQ_GENERIC_CORES=" Prescott Katmai Coppermine Northwood Banias Core2 Penryn Dunnington Nehalem Atom Opteron Opteron_SSE3 Barcelona Bobcat Unknown "

# The first "flags" line of /proc/cpuinfo (VIDEOSEQ_CPUINFO names another file, for tests).
videoseq_cpu_flags() {
  local f="${VIDEOSEQ_CPUINFO:-/proc/cpuinfo}"
  [ -r "$f" ] || return 0
  sed -n 's/^flags[[:space:]]*:[[:space:]]*//p' "$f" | head -n 1
}

_videoseq_has_flags() { # FLAGS FLAG...
  local flags=" $1 " flag
  shift
  for flag in "$@"; do
    case "$flags" in *" $flag "*) ;; *) return 1 ;; esac
  done
}

# The core to force for a detected core on a CPU with these flags; prints nothing when the detection is fine.
videoseq_coretype_for() { # DETECTED FLAGS
  case "$_VIDEOSEQ_GENERIC_CORES" in *" $1 "*) ;; *) return 0 ;; esac
  if _videoseq_has_flags "$2" avx512f avx512cd avx512bw avx512dq avx512vl avx2 fma; then
    echo SkylakeX
  elif _videoseq_has_flags "$2" avx2 fma; then
    echo Haswell
  fi
}

# Prints the core OpenBLAS detects on this machine (empty when the probe cannot run). CLASSPATH must hold the
# javacpp and openblas jars; the answer is cached, as the probe compiles and starts a JVM (~1 s).
videoseq_detected_blas_core() { # CLASSPATH
  local cp="$1" jars="" entry sibling here
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  local IFS=:
  for entry in $cp; do
    case "${entry##*/}" in javacpp-[0-9]*.jar | openblas-[0-9]*.jar) jars="$jars:$entry" ;; esac
  done
  unset IFS
  # The platform jars (natives) lie beside the class jars in a Maven repository: a caller may name only these.
  for entry in $(echo "$jars" | tr ':' ' '); do
    for sibling in "${entry%.jar}"-*.jar; do
      [ -f "$sibling" ] && case ":$jars:" in *":$sibling:"*) ;; *) jars="$jars:$sibling" ;; esac
    done
  done
  [ -n "$jars" ] || return 0
  local key cache_dir cache_file
  local cpuinfo="${VIDEOSEQ_CPUINFO:-/proc/cpuinfo}"
  key="$( { grep -m4 -E '^(vendor_id|cpu family|model|model name)[[:space:]]*:' "$cpuinfo" 2>/dev/null
    videoseq_cpu_flags; echo "$jars" | tr ':' '\n' | sed 's#.*/##'; } | cksum | cut -d' ' -f1)"
  cache_dir="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/videoseq"
  cache_file="$cache_dir/blas-core-$key"
  if [ -s "$cache_file" ]; then
    cat "$cache_file"
    return 0
  fi
  local core
  core="$(env -u OPENBLAS_CORETYPE OPENBLAS_VERBOSE=2 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
    "${VIDEOSEQ_JAVA:-java}" -cp "${jars#:}" "$here/BlasCoreProbe.java" 2>&1 \
    | sed -n 's/^Core:[[:space:]]*//p' | head -n 1)"
  if [ -n "$core" ]; then
    mkdir -p "$cache_dir" 2>/dev/null && echo "$core" >"$cache_file.$$" 2>/dev/null \
      && mv -f "$cache_file.$$" "$cache_file" 2>/dev/null
    echo "$core"
  fi
}

# Sets and exports the variables above. CLASSPATH: the JVM's classpath (for the probe).
videoseq_native_env() { # CLASSPATH
  local flags detected forced
  flags="$(videoseq_cpu_flags)"
  if [ -n "${OPENBLAS_CORETYPE:-}" ]; then
    VIDEOSEQ_BLAS_CORE="$OPENBLAS_CORETYPE" VIDEOSEQ_BLAS_CORE_SOURCE=user
  else
    detected="$(videoseq_detected_blas_core "$1")"
    forced="$(videoseq_coretype_for "$detected" "$flags")"
    if [ -n "$forced" ]; then
      export OPENBLAS_CORETYPE="$forced"
      VIDEOSEQ_BLAS_CORE="$forced (OpenBLAS detected $detected)" VIDEOSEQ_BLAS_CORE_SOURCE=videoseq
    else
      VIDEOSEQ_BLAS_CORE="${detected:-unknown}" VIDEOSEQ_BLAS_CORE_SOURCE=detected
    fi
  fi
  case "${VIDEOSEQ_ND4J:-auto}" in
    plain | onednn) VIDEOSEQ_ND4J_VARIANT="$VIDEOSEQ_ND4J" ;;
    auto) if _videoseq_has_flags "$flags" avx2; then VIDEOSEQ_ND4J_VARIANT=onednn; else VIDEOSEQ_ND4J_VARIANT=plain; fi ;;
    *) echo "videoseq: VIDEOSEQ_ND4J: expected auto, onednn or plain, found '$VIDEOSEQ_ND4J'" >&2; return 2 ;;
  esac
  export VIDEOSEQ_BLAS_CORE VIDEOSEQ_BLAS_CORE_SOURCE VIDEOSEQ_ND4J_VARIANT
}

# The classpath without the libnd4j builds the chosen variant excludes.
videoseq_variant_classpath() { # CLASSPATH
  if [ "${VIDEOSEQ_ND4J_VARIANT:-onednn}" = plain ]; then
    echo "$1" | tr ':' '\n' | grep -v -E '/nd4j-native-[^/]*-onednn[^/]*\.jar$' | paste -sd: -
  else
    echo "$1"
  fi
}
