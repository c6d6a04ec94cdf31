# glibc malloc settings for affect4j's training JVMs, in one place: sourced by ./affect4j and by the benchmarks that
# start java themselves. Why these values: the comment above their use in ./affect4j.
AFFECT4J_TRAINING_TUNABLES="glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=4294967296"

# affect4j_tunables DEFAULTS: GLIBC_TUNABLES with each tunable of DEFAULTS added that it does not already set (a value
# given wins; others given, e.g. glibc.malloc.perturb for a check, join the defaults instead of replacing them).
# Bash only, no program started (the launcher's start-up counts its milliseconds).
affect4j_tunables() {
  local out="${GLIBC_TUNABLES:-}" t
  local IFS=:
  for t in $1; do
    [[ ":$out:" == *":${t%%=*}="* ]] || out="${out:+$out:}$t"
  done
  printf '%s' "$out"
}
