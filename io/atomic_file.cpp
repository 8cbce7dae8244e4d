#include "io/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace repsim::io {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const fs::path& path, const std::string& what, int err) {
  throw std::runtime_error("cannot write " + path.string() + ": " + what + ": " + std::strerror(err));
}

// Hidden, and unique per process and call, so concurrent writers of one directory (sweep workers)
// never share a temporary file. The name never reaches the outputs, so it does not cost determinism.
fs::path temp_name(const fs::path& target) {
  static std::atomic<unsigned> counter{0};
  // Appended piece by piece: g++ 12 warns falsely (-Wrestrict) on a chain of string operator+.
  std::string name = ".";
  name += target.filename().string();
  name += ".tmp-";
  name += std::to_string(::getpid());
  name += '-';
  name += std::to_string(counter++);
  return target.parent_path() / name;
}

// Writes content to a new file at `temp`; `target` is only named in errors.
void write_new(const fs::path& temp, const fs::path& target, std::string_view content) {
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) fail(target, "create " + temp.filename().string(), errno);
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      fail(target, "write", err);
    }
    done += static_cast<std::size_t>(n);
  }
  // Without the sync a crash just after the rename could leave an empty file under the final name.
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    fail(target, "sync", err);
  }
  if (::close(fd) != 0) fail(target, "close", errno);
}

void check_not_directory(const fs::path& target) {
  std::error_code ec;
  if (fs::is_directory(target, ec)) fail(target, "a directory is in the way", EISDIR);
}

void remove_quietly(const fs::path& p) {
  std::error_code ec;
  fs::remove(p, ec);
}

}  // namespace

void write_file_atomic(const fs::path& path, std::string_view content) {
  write_files_atomic(path.has_parent_path() ? path.parent_path() : fs::path("."),
                     {OutputFile{path.filename().string(), std::string(content)}});
}

void write_files_atomic(const fs::path& dir, const std::vector<OutputFile>& files) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) fail(dir, "cannot create the directory", ec ? ec.value() : ENOTDIR);

  std::vector<fs::path> temps;
  std::vector<fs::path> targets;
  try {
    for (const OutputFile& f : files) {
      const fs::path target = dir / f.name;
      check_not_directory(target);
      const fs::path temp = temp_name(target);
      temps.push_back(temp);  // before writing: a half-written temp must be removed too
      targets.push_back(target);
      write_new(temp, target, f.content);
    }
  } catch (...) {
    for (const fs::path& t : temps) remove_quietly(t);
    throw;
  }
  for (std::size_t i = 0; i < temps.size(); ++i) {
    if (::rename(temps[i].c_str(), targets[i].c_str()) != 0) {
      const int err = errno;
      for (std::size_t j = i; j < temps.size(); ++j) remove_quietly(temps[j]);
      fail(targets[i], "rename", err);
    }
  }
}

}  // namespace repsim::io
