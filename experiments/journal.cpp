#include "experiments/journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "io/atomic_file.hpp"
#include "io/json_reader.hpp"

namespace repsim::experiments {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what, int err) {
  throw std::runtime_error("cannot " + what + " " + path.string() + ": " + std::strerror(err));
}

template <class T>
bool read_unsigned(const nlohmann::json& j, const char* key, T& out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_unsigned()) return false;
  const auto v = it->get<std::uint64_t>();
  if (v > static_cast<std::uint64_t>(static_cast<T>(-1))) return false;
  out = static_cast<T>(v);
  return true;
}

}  // namespace

std::string journal_line(const RunRecord& r) {
  std::string s = "{\"id\":" + std::to_string(r.id) + ",\"variant\":" + std::to_string(r.variant) +
                  ",\"replication\":" + std::to_string(r.replication) +
                  ",\"seed\":" + std::to_string(r.seed) + ",\"metrics\":[";
  for (std::size_t i = 0; i < r.metrics.size(); ++i) {
    if (i) s += ',';
    const auto& m = r.metrics[i];
    if (!m || !std::isfinite(*m))
      s += "null";
    else if (*m == 0 && std::signbit(*m))
      s += "-0.0";  // "-0" would read back as the integer 0
    else
      s += io::format_number(*m);
  }
  s += "]}\n";
  return s;
}

std::optional<RunRecord> parse_journal_line(std::string_view line, std::size_t metric_count) {
  const nlohmann::json j = nlohmann::json::parse(line.begin(), line.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.size() != 5) return std::nullopt;
  RunRecord r;
  if (!read_unsigned(j, "id", r.id) || !read_unsigned(j, "variant", r.variant) ||
      !read_unsigned(j, "replication", r.replication) || !read_unsigned(j, "seed", r.seed))
    return std::nullopt;
  auto m = j.find("metrics");
  if (m == j.end() || !m->is_array() || m->size() != metric_count) return std::nullopt;
  for (const nlohmann::json& v : *m) {
    if (v.is_null())
      r.metrics.emplace_back();
    else if (v.is_number())
      r.metrics.emplace_back(v.get<double>());
    else
      return std::nullopt;
  }
  return r;
}

JournalScan read_journal(const std::filesystem::path& path, std::size_t metric_count) {
  JournalScan scan;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (std::filesystem::exists(path)) fail(path, "read", errno);
    return scan;
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    // A last line without its newline is torn, whatever it holds.
    if (end == std::string::npos) {
      ++scan.bad_lines;
      scan.clean = false;
      break;
    }
    if (auto r = parse_journal_line(std::string_view(text).substr(start, end - start), metric_count)) {
      scan.records.push_back(std::move(*r));
    } else {
      ++scan.bad_lines;
      scan.clean = false;
    }
    start = end + 1;
  }
  return scan;
}

void rewrite_journal(const std::filesystem::path& path, const std::vector<RunRecord>& records) {
  std::string text;
  for (const RunRecord& r : records) text += journal_line(r);
  io::write_file_atomic(path, text);
}

JournalWriter::JournalWriter(const std::filesystem::path& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
  if (fd_ < 0) fail(path, "open", errno);
}

JournalWriter::~JournalWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void JournalWriter::append(const RunRecord& record) {
  const std::string line = journal_line(record);
  std::lock_guard<std::mutex> lock(mutex_);
  // One write for the whole line; a short write (a full disk) is an error, not a retry, so a torn
  // line can only ever be the last one.
  ssize_t n = -1;
  do n = ::write(fd_, line.data(), line.size());
  while (n < 0 && errno == EINTR);
  if (n < 0) fail(path_, "append to", errno);
  if (static_cast<std::size_t>(n) != line.size()) fail(path_, "append to", ENOSPC);
  if (::fdatasync(fd_) != 0) fail(path_, "sync", errno);
}

}  // namespace repsim::experiments
