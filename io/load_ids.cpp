// First pass: every id in the file, so sections may refer to each other in any order.
#include "io/load_parts.hpp"

namespace repsim::io::detail {
namespace {

// Arrays of objects; a missing section is empty.
std::vector<JsonNode> entries(const JsonNode& root, std::string_view key) {
  const auto section = root.find(key);
  if (!section) return {};
  std::vector<JsonNode> out = section->items();
  for (const JsonNode& e : out)
    if (!e.is_object()) e.fail("expected an object, got " + e.type_name());
  return out;
}

}  // namespace

void register_ids(LoadContext& ctx, const JsonNode& root) {
  for (const JsonNode& n : entries(root, "scorers")) ctx.scorers.add(n.at("id"), 1, false);
  for (const JsonNode& n : entries(root, "providers")) {
    ctx.providers.add(n.at("id"), 1, false);
    if (const auto pools = n.find("pools"))
      for (const JsonNode& p : pools->items()) {
        if (!p.is_object()) p.fail("expected an object, got " + p.type_name());
        ctx.pools.add(p.at("id"), 1, false);
      }
  }
  for (Kind kind : {Kind::Tenant, Kind::Gateway}) {
    for (const JsonNode& n : entries(root, kind == Kind::Tenant ? "tenants" : "gateways")) {
      const auto count = n.find("count");
      ctx.registry(kind).add(n.at("id"), count ? ctx.count(*count) : 1, count.has_value());
    }
  }
  for (const JsonNode& n : entries(root, "operators")) ctx.operators.add(n.at("id"), 1, false);
}

}  // namespace repsim::io::detail
