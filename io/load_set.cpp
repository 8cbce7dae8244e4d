// The `set` action: a JSON pointer into the scenario file itself, resolved at load time to one
// tenant's or gateway's parameter (models/parameter.hpp), so the models never see the pointer.
#include <string>
#include <vector>

#include "io/json_pointer.hpp"
#include "io/load_parts.hpp"

namespace repsim::io::detail {
namespace {

using models::Parameter;
using models::ParameterOwner;

// The owners a pointer may start with, as the file names their arrays.
struct Section {
  const char* key;
  ParameterOwner owner;
  Kind kind;
};
constexpr Section kSections[] = {
    {"tenants", ParameterOwner::Tenant, Kind::Tenant},
    {"gateways", ParameterOwner::Gateway, Kind::Gateway},
};

// "/tenants/ID/{attachment_share, ...}, /gateways/ID/{threshold, ...}": for every refusal.
std::string settable_list() {
  std::string out;
  for (const Section& s : kSections) {
    std::string names;
    for (Parameter p : models::kAllParameters)
      if (models::owner(p) == s.owner)
        names += (names.empty() ? "" : ", ") + std::string(models::parameter_name(p));
    out += (out.empty() ? "/" : ", /") + std::string(s.key) + "/ID/{" + names + "}";
  }
  return out;
}

// An array entry by its index or by its `id`; null when there is none.
const nlohmann::json* entry_of(const nlohmann::json& array, const std::string& token) {
  if (const auto k = array_index(token)) return *k < array.size() ? &array[*k] : nullptr;
  for (const nlohmann::json& e : array)
    if (e.is_object() && e.contains("id") && e["id"].is_string() && e["id"].get<std::string>() == token)
      return &e;
  return nullptr;
}

// Whether the file writes something at tokens (arrays by index or id).
bool exists(const nlohmann::json& root, const std::vector<std::string>& tokens) {
  const nlohmann::json* at = &root;
  for (const std::string& t : tokens) {
    if (at->is_object()) {
      const auto it = at->find(t);
      if (it == at->end()) return false;
      at = &*it;
    } else if (at->is_array()) {
      at = entry_of(*at, t);
      if (at == nullptr) return false;
    } else {
      return false;
    }
  }
  return true;
}

std::string join(const std::vector<std::string>& tokens, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < tokens.size(); ++i) out += (i == from ? "" : "/") + tokens[i];
  return out;
}

// The parameter's value, read as the scenario's own key is read.
double load_value(const LoadContext& ctx, const JsonNode& v, const models::SetParameter& a) {
  switch (a.parameter) {
    case Parameter::MessagesPerDay: {
      // A single sender stands for its share of the world's mail, as its declared volume does.
      const double volume = v.nonnegative() * ctx.scale;
      if (volume > 0.0 && ctx.config.tenants[a.tenant].config.recipients.empty())
        v.fail("tenant '" + ctx.config.tenants[a.tenant].config.id +
               "' has no 'recipients': it cannot send mail");
      return volume;
    }
    case Parameter::Threshold: {
      const models::ScorerIndex s = ctx.config.gateways[a.gateway].reputation;
      if (s == models::kNone)
        v.fail("gateway '" + ctx.config.gateways[a.gateway].id +
               "' has no 'reputation' scorer: a threshold needs one");
      return ctx.score_on(v, ctx.scale_of(s), "threshold");
    }
    case Parameter::MaxConnections:
      return v.uint32_in(0, 1u << 20);
    default:
      return v.share();
  }
}

[[noreturn]] void refuse(const JsonNode& where, const std::string& pointer, const std::string& why) {
  where.fail("\"" + pointer + "\" " + why + "; settable: " + settable_list());
}

}  // namespace

models::SetParameter load_set(const LoadContext& ctx, const JsonNode& n) {
  const JsonNode where = n.at("pointer");
  const std::string pointer = where.string();
  const std::vector<std::string> tokens = pointer_tokens(pointer, where);
  const std::string unsettable =
      exists(*ctx.document, tokens) ? "cannot change during a run" : "does not exist in this scenario";

  const Section* section = nullptr;
  for (const Section& s : kSections)
    if (!tokens.empty() && tokens[0] == s.key) section = &s;
  if (section == nullptr || tokens.size() < 3) refuse(where, pointer, unsettable);
  const auto array = ctx.document->find(section->key);
  const nlohmann::json* entry = array == ctx.document->end() ? nullptr : entry_of(*array, tokens[1]);
  if (entry == nullptr) refuse(where, pointer, unsettable);
  if (entry->contains("count"))
    refuse(where, pointer,
           "names a population: a set changes one " + ctx.registry(section->kind).singular() + " at a time");

  models::SetParameter a;
  const std::string key = join(tokens, 2);
  bool found = false;
  for (Parameter p : models::kAllParameters)
    if (models::owner(p) == section->owner && models::parameter_name(p) == key) {
      a.parameter = p;
      found = true;
    }
  if (!found) refuse(where, pointer, unsettable);

  const std::uint32_t index = ctx.registry(section->kind).find((*entry)["id"].get<std::string>())->first;
  if (section->owner == ParameterOwner::Tenant)
    a.tenant = models::TenantIndex{index};
  else
    a.gateway = models::GatewayIndex{index};
  a.value = load_value(ctx, n.at("value"), a);
  return a;
}

}  // namespace repsim::io::detail
