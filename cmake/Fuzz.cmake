# REPSIM_FUZZ turns the whole build into a fuzzing build: every target, our libraries above all, is
# compiled with ASan + UBSan and libFuzzer's coverage instrumentation (fuzzer-no-link), so the
# fuzzer is guided by coverage of io/ and models/, not only of the harness. The harnesses (fuzz/)
# link libFuzzer's main. libFuzzer ships with clang only (Debian: clang, libclang-rt-14-dev):
#   CXX=clang++ cmake -S . -B build-fuzz -DREPSIM_FUZZ=ON && cmake --build build-fuzz --target repsim_fuzz_loader
# or simply scripts/fuzz.sh.
if(NOT REPSIM_FUZZ)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "REPSIM_FUZZ=ON needs clang (libFuzzer), but this build directory uses "
                      "${CMAKE_CXX_COMPILER_ID} (${CMAKE_CXX_COMPILER}). The compiler is fixed when a build "
                      "directory is first configured: use a fresh one with CXX=clang++ cmake -DREPSIM_FUZZ=ON ...")
endif()
# Recovering from a UBSan report would hide it from libFuzzer: every report must abort to count.
# assert() and libstdc++'s bounds checks stay on whatever the build type: a failed check is a finding.
add_compile_options(-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=all -fno-omit-frame-pointer
                    -UNDEBUG -D_GLIBCXX_ASSERTIONS)
add_link_options(-fsanitize=address,undefined)
