#pragma once
// The topology as a person reads it: each population becomes one node that counts its members,
// and IPs fold into the pool that holds them, so a picture of 100,000 tenants has a handful of
// nodes. Edges between folded nodes are kept once per kind.
#include <cstdint>
#include <string>
#include <vector>

#include "models/topology.hpp"

namespace repsim::models {

// Entities first .. first+count-1 of one kind, drawn as one node named `name`.
struct TopologyGroup {
  NodeKind kind;
  std::string name;
  std::uint32_t first = 0;
  std::uint32_t count = 0;
};

// `full` folded by `groups` (non-overlapping; empty groups are ignored). A folded node's detail
// is its members' common detail, or each distinct one with its count in order of first appearance
// ("600 good_only, 400 neutral_ok"). Throws std::invalid_argument for a group past its kind's end.
Topology::Graph fold(const Topology::Graph& full, const std::vector<TopologyGroup>& groups);

}  // namespace repsim::models
