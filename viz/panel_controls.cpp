// Controls: play / pause, speed (log slider), step one event, jump to a time, restart with a seed,
// and the simulated clock in the scenario's local time.
#include <imgui.h>

#include <cinttypes>
#include <cstdio>
#include <string>

#include "viz/core/speed_scale.hpp"
#include "viz/core/time_axis.hpp"
#include "viz/panels.hpp"

namespace repsim::viz {

void panel_controls(PanelContext& c, const Rect& r) {
  if (!begin_tile("Controls", r)) {
    ImGui::End();
    return;
  }
  const Session& s = c.ctl.session();
  const Snapshot& snap = c.ctl.snapshot();
  const sim::Time now = snap.now;

  // Row 1: the clock, as large as the font allows, and the run's progress.
  const sim::LocalTime lt = snap.calendar.local(now);
  char clock[96];
  std::snprintf(clock, sizeof clock, "%.3s %04d-%02d-%02d %02d:%02d:%02d",
                std::string(sim::weekday_name(lt.weekday)).c_str(), lt.year, lt.month, lt.day, lt.hour,
                lt.minute, lt.second);
  ImGui::TextColored({1.0f, 0.86f, 0.4f, 1.0f}, "%s", clock);
  ImGui::SameLine();
  const int off = snap.calendar.utc_offset_minutes();
  ImGui::TextDisabled("(UTC%+03d:%02d)  %s of %.0f h", off / 60, std::abs(off % 60), offset_text(now).c_str(),
                      sim::to_hours(snap.duration));
  ImGui::SameLine();
  const float frac = snap.duration > 0
                         ? static_cast<float>(static_cast<double>(now) / static_cast<double>(snap.duration))
                         : 0.f;
  ImGui::SetNextItemWidth(220);
  ImGui::ProgressBar(frac, {220, 0}, "");
  ImGui::SameLine();
  ImGui::TextDisabled("seed %" PRIu64 "  |  %" PRIu64 " events  |  %s", s.seed(), snap.events,
                      s.source_name().c_str());
  if (c.ctl.story_mode()) {
    ImGui::SameLine();
    ImGui::TextColored({0.5f, 0.8f, 1.0f, 1.0f}, "  teaching mode");
  }

  // Row 2: transport.
  const bool playing = c.ctl.playing();
  if (ImGui::Button(playing ? "Pause" : "Play", {70, 0}))
    c.commands.push(playing ? Command{cmd::Pause{}} : Command{cmd::Play{}});
  ImGui::SameLine();
  if (ImGui::Button("Step event")) c.commands.push(cmd::StepEvent{});
  ImGui::SameLine();
  float pos = static_cast<float>(position_of_speed(c.ctl.speed()));
  ImGui::SetNextItemWidth(200);
  if (ImGui::SliderFloat("##speed", &pos, 0.0f, 1.0f, speed_text(c.ctl.speed()).c_str()))
    c.commands.push(cmd::SetSpeed{speed_of_position(pos)});
  ImGui::SameLine();
  if (playing)
    ImGui::TextDisabled("speed (achieved %.0f s/s)", c.ctl.achieved_speed());
  else
    ImGui::TextDisabled("speed (paused)");

  ImGui::SameLine(0, 24);
  static char jump[48] = "36h";
  ImGui::SetNextItemWidth(110);
  const bool entered = ImGui::InputText("##jump", jump, sizeof jump, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  static std::string jump_error;
  if (ImGui::Button("Jump") || entered) {
    try {
      c.commands.push(cmd::JumpTo{snap.calendar.parse_time(jump)});
      jump_error.clear();
    } catch (const std::exception& e) {
      jump_error = e.what();
    }
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("a duration from the start (36h, 4d12h) or a local ISO time");
  ImGui::SameLine();
  float hours = static_cast<float>(sim::to_hours(c.ctl.jump_target().value_or(now)));
  ImGui::SetNextItemWidth(std::max(120.0f, r.w - ImGui::GetCursorPosX() - 330));
  ImGui::SliderFloat("##time", &hours, 0.0f, static_cast<float>(sim::to_hours(snap.duration)), "T+%.1f h");
  if (ImGui::IsItemDeactivatedAfterEdit())
    c.commands.push(cmd::JumpTo{sim::from_seconds(static_cast<double>(hours) * 3600)});

  ImGui::SameLine(0, 24);
  static std::uint64_t seed = 0;
  if (seed == 0) seed = s.seed();
  ImGui::SetNextItemWidth(120);
  ImGui::InputScalar("##seed", ImGuiDataType_U64, &seed);
  ImGui::SameLine();
  if (ImGui::Button("Restart")) c.commands.push(cmd::Restart{seed});
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("rebuild the run from the start with this seed (what-ifs kept)");

  if (!jump_error.empty())
    ImGui::TextColored({1.0f, 0.45f, 0.4f, 1.0f}, "jump: %s", jump_error.c_str());
  else if (c.ctl.jump_target())
    ImGui::TextDisabled("jumping to %s ...", snap.calendar.short_text(*c.ctl.jump_target()).c_str());
  else
    ImGui::TextDisabled(
        "%s",
        c.ctl.status().empty()
            ? "space: play/pause   right arrow: one event   click a story line or a chart: move the cursor"
            : c.ctl.status().c_str());
  ImGui::End();
}

}  // namespace repsim::viz
