#include "experiments/grid.hpp"

#include <map>

#include "sim/random.hpp"

namespace repsim::experiments {

std::uint64_t replication_seed(std::uint64_t spec_seed, std::uint32_t replication) {
  // The derivation the models use for their own streams, with the replication as the entity.
  return sim::StreamFactory(spec_seed).derive(replication, sim::hash_name("sweep replication"));
}

Grid::Grid(const SweepSpec& spec) : replications_(spec.replications), seed_(spec.seed) {
  std::map<std::string, std::size_t> axis_of_zip;
  for (std::size_t e = 0; e < spec.vary.size(); ++e) {
    const VaryEntry& v = spec.vary[e];
    columns_.push_back(v.path);
    values_.push_back(v.values);
    if (!v.zip.empty()) {
      auto [it, fresh] = axis_of_zip.emplace(v.zip, axes_.size());
      if (!fresh) {
        axes_[it->second].entries.push_back(e);
        continue;
      }
    }
    axes_.push_back(Axis{{e}, v.values.size()});
  }
  for (const Axis& a : axes_) variants_ *= a.length;
}

Run Grid::run(RunId id) const {
  Run r;
  r.id = id;
  r.variant = id / replications_;
  r.replication = static_cast<std::uint32_t>(id % replications_);
  r.seed = replication_seed(seed_, r.replication);
  return r;
}

std::vector<std::size_t> Grid::positions(std::uint64_t variant) const {
  std::vector<std::size_t> pos(values_.size(), 0);
  for (std::size_t a = axes_.size(); a-- > 0;) {
    const std::size_t k = static_cast<std::size_t>(variant % axes_[a].length);
    variant /= axes_[a].length;
    for (std::size_t e : axes_[a].entries) pos[e] = k;
  }
  return pos;
}

std::vector<const nlohmann::json*> Grid::parameters(std::uint64_t variant) const {
  const std::vector<std::size_t> pos = positions(variant);
  std::vector<const nlohmann::json*> out;
  out.reserve(pos.size());
  for (std::size_t e = 0; e < pos.size(); ++e) out.push_back(&values_[e][pos[e]]);
  return out;
}

}  // namespace repsim::experiments
