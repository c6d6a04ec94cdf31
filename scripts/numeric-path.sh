# The engine's kernels pinned to AVX2 (ATen, MKL's conditional numerical reproducibility branch, oneDNN), in one place
# for the shell: sourced (with `.`) by ./affect4j for build-default-model, whose shipped model must be rebuilt bit for
# bit on every x86-64 CPU with AVX2. The same set as affect4j-models NumericPath.PINNED (NumericPathScriptTest holds
# them equal); a value already set wins.
affect4j_pin_kernels() {
  export ATEN_CPU_CAPABILITY="${ATEN_CPU_CAPABILITY:-avx2}" MKL_CBWR="${MKL_CBWR:-AVX2}" ONEDNN_MAX_CPU_ISA="${ONEDNN_MAX_CPU_ISA:-AVX2}"
}
