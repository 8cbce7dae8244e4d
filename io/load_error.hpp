#pragma once
// The one error every loader in io/ throws: where (file, JSON pointer) and what is wrong, as one
// line a person can act on: "FILE: /json/pointer: what is wrong". The root is written "/".
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace repsim::io {

class LoadError : public std::runtime_error {
 public:
  // `pointer` is an RFC 6901 JSON pointer ("" = the whole document).
  LoadError(std::string file, std::string pointer, std::string message)
      : std::runtime_error(one_line(file) + ": " + (pointer.empty() ? std::string("/") : one_line(pointer)) +
                           ": " + one_line(message)),
        file_(std::move(file)),
        pointer_(std::move(pointer)),
        message_(std::move(message)) {}

  const std::string& file() const { return file_; }
  const std::string& pointer() const { return pointer_; }  // "" for the root
  const std::string& message() const { return message_; }

  // When the loader went on after this problem (LoadProblems): every problem's line, this one first,
  // at most LoadProblems::kMaxKept of them, and how many there were in all. what() stays this
  // problem alone, so a one-line report reads as it did before the loader collected.
  const std::vector<std::string>& lines() const { return lines_; }
  std::size_t total() const { return total_; }
  void set_all(std::vector<std::string> lines, std::size_t total) {
    lines_ = std::move(lines);
    total_ = total;
  }

  // Control characters (a newline inside a key, say) become \xNN so what() stays one line.
  static std::string one_line(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7f) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02X", u);
        out += buf;
      } else {
        out += c;
      }
    }
    return out;
  }

 private:
  std::string file_;
  std::string pointer_;
  std::string message_;
  std::vector<std::string> lines_{what()};
  std::size_t total_ = 1;
};

}  // namespace repsim::io
