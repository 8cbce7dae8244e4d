#!/usr/bin/env bash
# The layering rule of docs/architecture.md, checked on every #include (a ctest test):
#   sim < models < io < experiments, bench < cli, viz
# A layer includes only its own headers and those of the layers below it; models/ (and sim/) know
# nothing of JSON, files or screens. CMake's link lines enforce most of this already; this check
# also catches a header-only include that the linker never sees.
#
# Usage: scripts/check_layering.sh   (exits 0 when every include keeps the rule, else lists them, 1)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# layer -> pattern of includes it must not have
declare -A FORBIDDEN=(
  [sim]='"(models|io|experiments|bench|cli|viz)/|<nlohmann/|<fstream>|<filesystem>|<iostream>|<imgui|<GLFW/|<Eigen/|<boost/graph'
  [models]='"(io|experiments|bench|cli|viz)/|<nlohmann/|<fstream>|<filesystem>|<iostream>|<imgui|<GLFW/'
  [io]='"(experiments|bench|cli|viz)/|<imgui|<GLFW/'
  [experiments]='"(bench|cli|viz)/|<imgui|<GLFW/'
  [bench]='"(experiments|cli|viz)/|<imgui|<GLFW/'
  [cli]='"viz/|<imgui|<GLFW/'
  [viz]='"(cli|experiments|bench)/'
)

violations=0
for layer in "${!FORBIDDEN[@]}"; do
  [[ -d "$layer" ]] || continue
  while IFS= read -r hit; do
    echo "check_layering: $hit" >&2
    violations=$((violations + 1))
  done < <(grep -rnE "^[[:space:]]*#[[:space:]]*include[[:space:]]*(${FORBIDDEN[$layer]})" "$layer" \
             --include='*.hpp' --include='*.cpp' --include='*.h' || true)
done
# Eigen belongs to the SenderBase scorer's implementation: no header of models/ may expose it.
while IFS= read -r hit; do
  echo "check_layering: Eigen in a public header: $hit" >&2
  violations=$((violations + 1))
done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<Eigen/' models --include='*.hpp' || true)

if ((violations)); then
  echo "check_layering: FAIL: $violations include(s) break the layering" >&2
  exit 1
fi
echo "check_layering: ok" >&2
