# glibc malloc settings for affect4j's training JVMs, in one place: sourced (with `.`) by ./affect4j and by the
# benchmarks that start java themselves. Why these values: the comment above their use in ./affect4j. POSIX sh.
AFFECT4J_TRAINING_TUNABLES="glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=4294967296"

# affect4j_tunables DEFAULTS: GLIBC_TUNABLES with each tunable of DEFAULTS added that it does not already set (a value
# given wins; others given, e.g. glibc.malloc.perturb for a check, join the defaults instead of replacing them).
# Shell only, no program started (the launcher's start-up counts its milliseconds); call it in $(...).
affect4j_tunables() {
  out="${GLIBC_TUNABLES:-}"
  rest="$1"
  while [ -n "$rest" ]; do
    t="${rest%%:*}"
    if [ "$t" = "$rest" ]; then rest=""; else rest="${rest#*:}"; fi
    case ":$out:" in *":${t%%=*}="*) ;; *) out="${out:+$out:}$t" ;; esac
  done
  printf '%s' "$out"
}
