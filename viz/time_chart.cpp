#include "viz/time_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "viz/colors.hpp"
#include "viz/core/time_axis.hpp"

namespace repsim::viz {
namespace {

constexpr float kLeft = 46, kBottom = 20, kRight = 10;

void fit(const ChartSpec& spec, double& v0, double& v1) {
  v0 = spec.v0;
  v1 = spec.v1;
  if (!spec.fit_values) return;
  double hi = -INFINITY, lo = INFINITY;
  for (const ChartSeries& s : spec.series)
    for (const Point& p : s.points)
      if (std::isfinite(p.v)) {
        hi = std::max(hi, p.v);
        lo = std::min(lo, p.v);
      }
  if (!std::isfinite(hi)) return;
  if (spec.v0 != 0) v0 = std::min(v0, lo);
  v1 = std::max(v1, hi * 1.08);
  if (spec.integer_values) v1 = std::max(v1, v0 + 4);  // ticks 0 1 2 3 4 rather than 0 0.5 1
}

// A polyline in dashes of 5 px every 10 px, the pattern running on across vertices (a step
// series has many short segments); `phase` shifts it, so dashed lines on one value interleave.
void draw_dashed(ImDrawList* dl, const std::vector<ImVec2>& pts, ImU32 col, float thickness, float phase) {
  float walked = phase;  // arc length so far, plus the phase
  for (std::size_t k = 1; k < pts.size(); ++k) {
    const ImVec2 a = pts[k - 1], b = pts[k];
    const float len = std::hypot(b.x - a.x, b.y - a.y);
    if (len <= 0) continue;
    const ImVec2 d{(b.x - a.x) / len, (b.y - a.y) / len};
    float s = 0;
    while (s < len) {
      const float in_period = std::fmod(walked + s, 10.0f);
      const float step = in_period < 5 ? std::min(len - s, 5 - in_period) : std::min(len - s, 10 - in_period);
      if (in_period < 5)
        dl->AddLine({a.x + d.x * s, a.y + d.y * s}, {a.x + d.x * (s + step), a.y + d.y * (s + step)}, col,
                    thickness);
      s += step;
    }
    walked += len;
  }
}

void draw_series(ImDrawList* dl, const ChartSeries& s, const TimeAxis& tx, const ValueAxis& vy,
                 sim::Time t_end, float phase) {
  std::vector<ImVec2> run;
  auto flush = [&] {
    if (s.dashed)
      draw_dashed(dl, run, s.color, s.thickness, phase);
    else if (run.size() >= 2)
      dl->AddPolyline(run.data(), static_cast<int>(run.size()), s.color, 0, s.thickness);
    else if (run.size() == 1)
      dl->AddCircleFilled(run[0], s.thickness + 1, s.color);
    run.clear();
  };
  for (std::size_t k = 0; k < s.points.size(); ++k) {
    const Point& p = s.points[k];
    if (!std::isfinite(p.v)) {
      flush();
      continue;
    }
    const ImVec2 q{tx.x_of(p.t), vy.y_of(p.v)};
    if (s.step && !run.empty()) run.emplace_back(q.x, run.back().y);
    run.push_back(q);
    // A step series holds its last value up to the end of the data (the current time).
    if (s.step && k + 1 == s.points.size() && t_end > p.t) run.emplace_back(tx.x_of(t_end), q.y);
  }
  flush();
}

}  // namespace

std::optional<sim::Time> time_chart(const char* id, const ChartSpec& spec, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  size.x = std::max(size.x, 120.0f);
  size.y = std::max(size.y, 80.0f);
  ImGui::InvisibleButton(id, size);
  const bool hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  // Title and legend along the top, wrapped onto as many rows as they need; the plot starts below.
  struct LegendItem {
    ImVec2 at;
    const ChartSeries* series;  // null: the title
  };
  std::vector<LegendItem> legend;
  const float line = ImGui::GetTextLineHeight();
  float lx = origin.x + 4, ly = origin.y + 3;
  auto place = [&](float w, const ChartSeries* s) {
    if (lx + w > origin.x + size.x - 4 && lx > origin.x + 4) {
      lx = origin.x + 4;
      ly += line + 2;
    }
    legend.push_back(LegendItem{{lx, ly}, s});
    lx += w + 14;
  };
  if (!spec.title.empty()) place(ImGui::CalcTextSize(spec.title.c_str()).x, nullptr);
  for (const ChartSeries& s : spec.series) place(ImGui::CalcTextSize(s.label.c_str()).x + 13, &s);
  const float top = ly + line + 4 - origin.y;
  const ImVec2 p0{origin.x + kLeft, origin.y + top};
  const ImVec2 p1{origin.x + size.x - kRight, origin.y + size.y - kBottom};
  double v0, v1;
  fit(spec, v0, v1);
  const TimeAxis tx{spec.t0, spec.t1, p0.x, p1.x};
  const ValueAxis vy{v0, v1, p1.y, p0.y};
  dl->AddRectFilled(p0, p1, colors::kPlotBg);
  dl->PushClipRect(p0, p1, true);
  for (const ChartBand& b : spec.bands) {
    const float ya = vy.y_of(std::max(b.lo, v0)), yb = vy.y_of(std::min(b.hi, v1));
    dl->AddRectFilled({p0.x, yb}, {p1.x, ya}, b.color);
    dl->AddText({p1.x - ImGui::CalcTextSize(b.label.c_str()).x - 4, yb + 2}, colors::kDimText,
                b.label.c_str());
  }
  char buf[64];
  for (double v : value_ticks(v0, v1, std::max(2, static_cast<int>((p1.y - p0.y) / 28)))) {
    const float y = vy.y_of(v);
    dl->AddLine({p0.x, y}, {p1.x, y}, colors::kGrid);
  }
  const auto ticks =
      time_ticks(spec.t0, spec.t1, std::max(2, static_cast<int>((p1.x - p0.x) / 70)), *spec.calendar);
  for (const TimeTick& t : ticks) {
    const float x = tx.x_of(t.t);
    dl->AddLine({x, p0.y}, {x, p1.y}, t.major ? colors::kGridMajor : colors::kGrid);
  }
  if (spec.now < spec.t1) dl->AddRectFilled({tx.x_of(spec.now), p0.y}, p1, colors::kFuture);
  float phase = 0;
  for (const ChartSeries& s : spec.series) {
    draw_series(dl, s, tx, vy, spec.now, phase);
    if (s.dashed) phase += 5;
  }
  const float now_x = tx.x_of(spec.now);
  dl->AddLine({now_x, p0.y}, {now_x, p1.y}, colors::kNow, 1.0f);
  if (spec.cursor) {
    const float x = tx.x_of(*spec.cursor);
    dl->AddLine({x, p0.y}, {x, p1.y}, colors::kCursor, 2.0f);
  }
  dl->PopClipRect();
  // Axes labels outside the plot.
  for (double v : value_ticks(v0, v1, std::max(2, static_cast<int>((p1.y - p0.y) / 28)))) {
    if (spec.integer_values && v != std::floor(v)) continue;
    std::snprintf(buf, sizeof buf, spec.value_format, v);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText({p0.x - ts.x - 4, vy.y_of(v) - ts.y / 2}, colors::kDimText, buf);
  }
  for (const TimeTick& t : ticks) {
    const float x = tx.x_of(t.t);
    const ImVec2 ts = ImGui::CalcTextSize(t.label.c_str());
    if (x - ts.x / 2 < p0.x - 10 || x + ts.x / 2 > p1.x + 10) continue;
    dl->AddText({x - ts.x / 2, p1.y + 3}, t.major ? colors::kText : colors::kDimText, t.label.c_str());
  }
  for (const LegendItem& item : legend) {
    if (!item.series) {
      dl->AddText(item.at, colors::kText, spec.title.c_str());
      continue;
    }
    dl->AddRectFilled({item.at.x, item.at.y + 4}, {item.at.x + 10, item.at.y + 12}, item.series->color);
    dl->AddText({item.at.x + 13, item.at.y}, colors::kDimText, item.series->label.c_str());
  }
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool in_plot = mouse.x >= p0.x && mouse.x <= p1.x && mouse.y >= p0.y && mouse.y <= p1.y;
  if (hovered && in_plot) {
    const sim::Time t = tx.t_of(mouse.x);
    dl->AddLine({mouse.x, p0.y}, {mouse.x, p1.y}, IM_COL32(255, 255, 255, 80));
    ImGui::BeginTooltip();
    ImGui::Text("%s  (%s)", spec.calendar->short_text(t).c_str(), offset_text(t).c_str());
    for (const ChartSeries& s : spec.series) {
      const auto v = value_at(s.points, t);
      if (!v) continue;
      std::snprintf(buf, sizeof buf, spec.value_format, *v);
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(s.color), "%s: %s", s.label.c_str(), buf);
    }
    ImGui::TextDisabled("click: move the cursor here");
    ImGui::EndTooltip();
    if (clicked) return t;
  }
  return std::nullopt;
}

}  // namespace repsim::viz
