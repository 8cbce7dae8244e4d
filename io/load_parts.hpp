#pragma once
// Internal to the scenario loader: one function per section of the file, plus the readers that
// several sections share. Each appends to ctx.config in declaration order.
#include <vector>

#include "io/load_context.hpp"

namespace repsim::io {
class ScorerLoaders;
}

namespace repsim::io::detail {

// First pass over the whole file: every id (and population size) gets its dense indices, so any
// section may refer to any other whatever their order in the file.
void register_ids(LoadContext& ctx, const JsonNode& root);

void load_scorers(LoadContext& ctx, const JsonNode& array);
// The built-in scorer types' loaders (io/scorer_loaders.cpp registers them).
void add_senderbase_loader(ScorerLoaders& loaders);
void add_blocklist_loader(ScorerLoaders& loaders);
void load_providers(LoadContext& ctx, const JsonNode& array);
void load_gateways(LoadContext& ctx, const JsonNode& array);
void load_tenants(LoadContext& ctx, const JsonNode& array);
void load_operators(LoadContext& ctx, const JsonNode& array);
void load_timeline(LoadContext& ctx, const JsonNode& array);
// Checks the shape of `variants` (names, pointers) and keeps nothing: `repsim run` runs the file as
// written, and experiments/scenario_variants.hpp applies and checks a variant's edits.
void check_variants_shape(const JsonNode& array);

// "always", or {start: "09:00", end: "17:00", days: ["Mon", ...]} with sim::WorkingHours defaults.
sim::WorkingHours load_hours(const JsonNode& n);
// [{gateway, weight}]: a gateway population shares its weight equally among its members.
std::vector<models::RecipientShare> load_recipients(const LoadContext& ctx, const JsonNode& array);
// The fields of a compromise episode other than `start`: duration, messages_per_hour, recipients,
// trap_share, spoof_as. The caller checks the keys.
void load_episode_fields(const LoadContext& ctx, const JsonNode& n, models::CompromiseEpisode& e,
                         Binding* binding);

// The fields of TenantConfig proper (id, volume, profile, recipients, shares, episodes); in a
// population the episodes are the compromise template and take no start.
models::TenantConfig load_tenant_config(const LoadContext& ctx, const JsonNode& n, bool population);

// A ticket to an operator with a ticket_received playbook whose allowlist or reroute names no
// tenant must name the tenant it is about: that playbook acts on it. Fails at n otherwise.
bool acts_on_ticket_tenant(const models::OperatorConfig& o);
void check_ticket_names_tenant(const LoadContext& ctx, const JsonNode& n, const models::FileTicket& t);

enum class ActionSite { Timeline, Playbook };
// {"action": name, ...fields of that action}; a timeline entry also has `at` and `actor`, which the
// caller reads. In a playbook, allowlist and reroute may omit the tenant: the one that triggered it.
models::Action load_action(const LoadContext& ctx, const JsonNode& n, ActionSite site, Binding& binding);
// {"action": "set", "pointer": ..., "value": ...}: the pointer resolved against the file itself to
// a tenant's or a gateway's settable parameter, the value checked as that key is. The caller
// checks the keys.
models::SetParameter load_set(const LoadContext& ctx, const JsonNode& n);

}  // namespace repsim::io::detail
