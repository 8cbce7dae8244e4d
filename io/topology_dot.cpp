#include "io/topology_dot.hpp"

#include <boost/graph/graphviz.hpp>
#include <string>

namespace repsim::io {
namespace {

using models::EdgeKind;
using models::NodeKind;
using Graph = models::Topology::Graph;

const char* shape_of(NodeKind k) {
  switch (k) {
    case NodeKind::Provider:
      return "box3d";
    case NodeKind::Pool:
      return "folder";
    case NodeKind::Ip:
      return "ellipse";
    case NodeKind::Tenant:
      return "box";
    case NodeKind::Gateway:
      return "house";
    case NodeKind::Scorer:
      return "diamond";
  }
  return "box";
}

// Recipients and lookups are not mail flow, so they are drawn lighter.
const char* style_of(EdgeKind k) {
  switch (k) {
    case EdgeKind::Mails:
      return "dotted";
    case EdgeKind::Reads:
      return "dashed";
    default:
      return "solid";
  }
}

// write_graphviz escapes quotes only; a backslash would start a DOT escape, so it is doubled here.
std::string literal(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string label_of(const models::TopologyNode& n) {
  std::string label = literal(n.name);
  auto line = [&](const std::string& text) {
    if (!text.empty()) label += "\\n" + text;
  };
  if (n.members > 1) line(std::to_string(n.members) + " members");
  line(literal(n.detail));
  if (n.ips > 0) line(std::to_string(n.ips) + (n.ips == 1 ? " IP" : " IPs"));
  return label;
}

struct NodeWriter {
  const Graph* g;
  void operator()(std::ostream& out, models::Topology::Vertex v) const {
    const models::TopologyNode& n = (*g)[v];
    out << "[label=" << boost::escape_dot_string(label_of(n)) << ", shape=" << shape_of(n.kind)
        << ", class=" << models::to_string(n.kind) << "]";
  }
};

struct EdgeWriter {
  const Graph* g;
  template <class Edge>
  void operator()(std::ostream& out, const Edge& e) const {
    const EdgeKind k = (*g)[e].kind;
    out << "[class=" << models::to_string(k) << ", style=" << style_of(k);
    if (k == EdgeKind::Mails || k == EdgeKind::Reads) out << ", color=gray40";
    // A tenant -> gateway edge would rank gateways next to tenants; the picture reads
    // tenants -> pools -> IPs -> gateways -> scorers.
    if (k == EdgeKind::Mails) out << ", constraint=false";
    out << "]";
  }
};

struct GraphWriter {
  void operator()(std::ostream& out) const { out << "rankdir=LR;\n"; }
};

}  // namespace

void write_dot(std::ostream& out, const Graph& g) {
  boost::write_graphviz(out, g, NodeWriter{&g}, EdgeWriter{&g}, GraphWriter{});
}

}  // namespace repsim::io
