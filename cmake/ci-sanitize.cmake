# Initial cache for CI's sanitizer build (cmake -C): -O1 and line tables only. A sanitizer report
# needs file and line, not full debug info, and -O1 is what the sanitizers' own documentation
# recommends; together they cut the build that dominates CI's time.
set(CMAKE_CXX_FLAGS_RELWITHDEBINFO "-O1 -g1 -DNDEBUG" CACHE STRING "")
