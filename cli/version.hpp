#pragma once
// What `repsim --version` says: the release, the commit and the build type this binary was built
// from. The three are defined in a file the build generates (cmake/write_version.cmake), so a new
// commit recompiles that file alone.
#include <string>

namespace repsim::cli {

extern const char* const kVersion;    // the project's version, from CMakeLists.txt
extern const char* const kCommit;     // short hash, "-dirty" when changed, or "unknown"
extern const char* const kBuildType;  // Release, Debug, ...

// "repsim 0.1.0 (commit abc1234, Release)"
inline std::string version_line() {
  return std::string("repsim ") + kVersion + " (commit " + kCommit + ", " + kBuildType + ")";
}

}  // namespace repsim::cli
