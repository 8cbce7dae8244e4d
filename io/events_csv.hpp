#pragma once
// events.csv: the ecosystem's event log, one tidy row per record, entities named as the scenario
// names them (an IP by its address).
#include <string>

#include "models/ecosystem.hpp"

namespace repsim::io {

// Header "time_iso,time_s,kind,actor,tenant,gateway,provider,pool,ip,scorer,operator,from,to,cause,
// value,text"; one row per record in log order; a cell a kind does not use is empty. pool is the
// IP's; from / to are band names ("unscored" before a band change from no score) or listed /
// unlisted; cause is an outage's; value a number (see models::Event); text free text. Fields are
// quoted as RFC 4180 needs (texts hold SMTP replies with commas and quotes). Lines end in "\n".
std::string events_csv(const models::Ecosystem& eco);

}  // namespace repsim::io
