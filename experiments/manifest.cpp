#include "experiments/manifest.hpp"

#include "experiments/sweep_error.hpp"
#include "io/atomic_file.hpp"
#include "io/json_reader.hpp"

namespace repsim::experiments {

void write_manifest(const std::filesystem::path& dir, const Manifest& m) {
  nlohmann::ordered_json j;
  j["format"] = 1;
  j["spec_hash"] = m.spec_hash;
  j["spec_file"] = m.spec_file;
  j["shard"] = {{"index", m.shard.index}, {"count", m.shard.count}};
  j["runs"] = m.runs;
  j["spec"] = m.spec;
  io::write_files_atomic(dir, {io::OutputFile{kManifestFile, j.dump(2) + "\n"}});
}

std::optional<Manifest> read_manifest(const std::filesystem::path& dir) {
  const std::filesystem::path path = dir / kManifestFile;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  try {
    const nlohmann::json j = io::read_json_file(path.string());
    const io::JsonNode root(j, path.string());
    root.check_keys({"format", "spec_hash", "spec_file", "shard", "runs", "spec"});
    if (root.at("format").unsigned_in(1, 1) != 1) root.fail("unknown format");
    Manifest m;
    m.spec_hash = root.at("spec_hash").nonempty_string();
    m.spec_file = root.at("spec_file").string();
    const io::JsonNode shard = root.at("shard");
    shard.check_keys({"index", "count"});
    m.shard.count = shard.at("count").unsigned_in(1, UINT64_MAX);
    m.shard.index = shard.at("index").unsigned_in(0, m.shard.count - 1);
    m.runs = root.at("runs").unsigned_in(0, UINT64_MAX);
    m.spec = root.at("spec").value();
    return m;
  } catch (const io::LoadError& e) {
    throw SweepRefused(std::string("not a sweep directory of this repsim: ") + e.what());
  }
}

}  // namespace repsim::experiments
