#pragma once
// The topology as Graphviz DOT, through boost::write_graphviz: a node per vertex labelled with its
// name and what it stands for (member count, pool kind and folded IPs, gateway policy), an edge
// per edge with its kind as class and a style for the relations that are not mail flow.
#include <ostream>

#include "models/topology.hpp"

namespace repsim::io {

// `g` is a models::Topology's graph or its fold(); render with `dot -Tsvg`.
void write_dot(std::ostream& out, const models::Topology::Graph& g);

}  // namespace repsim::io
