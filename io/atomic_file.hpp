#pragma once
// Crash-safe output: a reader of an output directory sees either the old file or the complete new
// one, never a half-written file, and a failed run never leaves a mix of old and new outputs.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace repsim::io {

// Replaces `path` with `content`: written (and fsync'ed) under a hidden temporary name in the same
// directory, then renamed over the target, which is atomic on one file system. Throws
// std::runtime_error naming the path; the temporary file is removed on failure.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

struct OutputFile {
  std::string name;  // a plain file name inside the directory
  std::string content;
};

// Writes a set of files into `dir` (created when missing) as one transaction as far as a POSIX
// file system allows: every file goes to its temporary name first, and the renames start only when
// all of them were written, so a failing write (no space, no permission, a target that is a
// directory) leaves the directory exactly as it was. Only a rename failing part-way (which needs
// the directory itself to change under us) can leave a mix. Files are renamed in the given order:
// put the file whose presence marks a complete set last. Throws std::runtime_error naming the path.
void write_files_atomic(const std::filesystem::path& dir, const std::vector<OutputFile>& files);

}  // namespace repsim::io
