#include "viz/screenshot.hpp"

#include <GLFW/glfw3.h>
#include <stb_image_write.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace repsim::viz {

void write_back_buffer_png(const std::string& path, int width, int height) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  if (glGetError() != GL_NO_ERROR) throw std::runtime_error("glReadPixels failed");
  // GL's rows start at the bottom; PNG's at the top.
  const std::size_t stride = static_cast<std::size_t>(width) * 3;
  std::vector<unsigned char> flipped(pixels.size());
  for (int y = 0; y < height; ++y)
    std::copy_n(&pixels[static_cast<std::size_t>(height - 1 - y) * stride], stride,
                &flipped[static_cast<std::size_t>(y) * stride]);
  const std::filesystem::path target(path);
  const std::filesystem::path tmp =
      target.parent_path() / ("." + target.filename().string() + ".tmp" + std::to_string(getpid()));
  if (!stbi_write_png(tmp.c_str(), width, height, 3, flipped.data(), static_cast<int>(stride)))
    throw std::runtime_error("cannot write " + tmp.string());
  std::error_code ec;
  std::filesystem::rename(tmp, target, ec);
  if (ec) {
    std::filesystem::remove(tmp);
    throw std::runtime_error("cannot write " + path + ": " + ec.message());
  }
}

}  // namespace repsim::viz
