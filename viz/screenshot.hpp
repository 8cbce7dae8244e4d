#pragma once
// The back buffer of the current GL context -> PNG, written under a temporary name and renamed over
// the target so a reader never sees half a file.
#include <string>

namespace repsim::viz {

// Reads width x height pixels of the back buffer (call before swapping). Throws std::runtime_error.
void write_back_buffer_png(const std::string& path, int width, int height);

}  // namespace repsim::viz
