#pragma once
// What the person chose in the panels that is not a command to the simulation: the selected node,
// the charts' cursor, the gateway the delivery chart shows. Plain data, owned by the front end.
#include <cstdint>
#include <optional>

#include "models/ids.hpp"
#include "sim/time.hpp"

namespace repsim::viz {

struct UiState {
  std::uint32_t selected_node = models::kNone;     // topology view node
  std::optional<sim::Time> cursor;                 // charts' cursor; none: the current time
  std::uint32_t delivery_gateway = models::kNone;  // view node shown by the delivery chart
};

}  // namespace repsim::viz
