#pragma once
// sweep.json in a sweep's output directory: which sweep (spec hash) and which shard the journal
// next to it belongs to, and the spec itself, so `repsim merge` rebuilds the grid without the spec
// or scenario files. Written atomically before the first run.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "experiments/shard.hpp"

namespace repsim::experiments {

inline constexpr const char* kManifestFile = "sweep.json";

struct Manifest {
  std::string spec_hash;
  std::string spec_file;  // the spec's file name, without its directory
  Shard shard;
  std::uint64_t runs = 0;  // of the whole sweep, every shard
  nlohmann::json spec;     // the spec document
};

void write_manifest(const std::filesystem::path& dir, const Manifest& manifest);
// nullopt when the directory has no sweep.json; throws SweepRefused when it is not one of ours.
std::optional<Manifest> read_manifest(const std::filesystem::path& dir);

}  // namespace repsim::experiments
