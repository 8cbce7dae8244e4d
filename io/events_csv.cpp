#include "io/events_csv.hpp"

#include "io/timeseries_csv.hpp"

namespace repsim::io {
namespace {

using models::kNone;

void cell(std::string& out, std::string_view text) {
  out += ',';
  out += csv_field(text);
}

std::string_view state(const models::Ecosystem& eco, const models::Event& e, std::uint32_t s) {
  if (e.scorer == kNone) return "";
  return models::state_name(e.kind, eco.scorer(e.scorer).scale(), s);
}

}  // namespace

std::string events_csv(const models::Ecosystem& eco) {
  std::string out =
      "time_iso,time_s,kind,actor,tenant,gateway,provider,pool,ip,scorer,operator,from,to,cause,value,text\n";
  for (const models::Event& e : eco.event_log()) {
    out += csv_field(eco.calendar().iso(e.time));
    out += ',';
    out += format_seconds(e.time);
    cell(out, models::event_kind_name(e.kind));
    cell(out, eco.actor_name(e.actor));
    cell(out, e.tenant == kNone ? "" : eco.tenant_name(e.tenant));
    cell(out, e.gateway == kNone ? "" : eco.gateway_name(e.gateway));
    cell(out, e.provider == kNone ? "" : eco.provider_name(e.provider));
    cell(out, e.ip == kNone ? "" : eco.pools()[eco.ips()[e.ip].pool].id);
    cell(out, e.ip == kNone ? "" : eco.ips()[e.ip].address);
    cell(out, e.scorer == kNone ? "" : eco.scorer(e.scorer).id());
    cell(out, e.op == kNone ? "" : eco.operator_name(e.op));
    cell(out, state(eco, e, e.from));
    cell(out, state(eco, e, e.to));
    cell(out, e.cause == models::BlockCause::None ? "" : models::to_string(e.cause));
    out += ',';
    out += csv_number(e.value);
    cell(out, e.text);
    out += '\n';
  }
  return out;
}

}  // namespace repsim::io
