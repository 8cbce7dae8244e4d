#include "io/svg_chart.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace repsim::io::svg {
namespace {

constexpr double kWidth = 900;
constexpr double kTop = 30;     // room for the title
constexpr double kBottom = 36;  // room for the time labels
constexpr double kRowHeight = 20;

std::string fixed(double v, int decimals) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  std::string s(buf, r.ptr);
  // A value that rounds to zero prints without a sign: -0.01 and 0.01 must give the same bytes.
  if (s.find_first_not_of("-0.") == std::string::npos)
    return decimals ? "0." + std::string(decimals, '0') : "0";
  return s;
}

std::string two_digits(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

// Maps simulated time onto [x0, x1].
struct TimeAxis {
  sim::Time from, to;
  double x0, x1;
  double x(sim::Time t) const {
    const double span = static_cast<double>(std::max<sim::Time>(to - from, 1));
    const double u = static_cast<double>(std::clamp(t, from, to) - from) / span;
    return x0 + u * (x1 - x0);
  }
};

std::string text(double x, double y, std::string_view s, std::string_view attrs = "") {
  std::string out = "<text x=\"" + coord(x) + "\" y=\"" + coord(y) + "\"";
  if (!attrs.empty()) (out += ' ') += attrs;
  return out + ">" + escape(s) + "</text>\n";
}

std::string line(double x1, double y1, double x2, double y2, std::string_view attrs) {
  return "<line x1=\"" + coord(x1) + "\" y1=\"" + coord(y1) + "\" x2=\"" + coord(x2) + "\" y2=\"" +
         coord(y2) + "\" " + std::string(attrs) + "/>\n";
}

std::string rect(double x, double y, double w, double h, std::string_view fill) {
  return "<rect x=\"" + coord(x) + "\" y=\"" + coord(y) + "\" width=\"" + coord(w) + "\" height=\"" +
         coord(h) + "\" fill=\"" + escape(fill) + "\"";
}

std::string open_svg(double height, std::string_view title) {
  return "<svg width=\"" + coord(kWidth) + "\" height=\"" + coord(height) + "\" viewBox=\"0 0 " +
         coord(kWidth) + " " + coord(height) +
         "\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\">\n" +
         text(8, 18, title, "font-size=\"13\" font-weight=\"bold\"");
}

std::string time_axis(const TimeAxis& axis, const sim::Calendar& calendar, double y_top, double y_bottom) {
  std::string out;
  for (const Tick& tick : time_ticks(calendar, axis.from, axis.to)) {
    const double x = axis.x(tick.t);
    out += line(x, y_top, x, y_bottom, "stroke=\"#ddd\"");
    out += text(x, y_bottom + 14, tick.label, "text-anchor=\"middle\"");
  }
  out += line(axis.x0, y_bottom, axis.x1, y_bottom, "stroke=\"#444\"");
  return out;
}

std::string markers_svg(const std::vector<Marker>& markers, const TimeAxis& axis, double y_top,
                        double y_bottom) {
  std::string out;
  for (const Marker& m : markers) {
    const double x = axis.x(m.t);
    out += "<g><title>" + escape(m.title) + "</title>\n";
    out += line(x, y_top, x, y_bottom, "stroke=\"" + escape(m.color) + "\" stroke-dasharray=\"2 3\"");
    out += text(x + 2, y_top + 10, m.label, "fill=\"" + escape(m.color) + "\" font-size=\"10\"");
    out += "</g>\n";
  }
  return out;
}

}  // namespace

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string coord(double v) { return fixed(v, 1); }

std::vector<Tick> time_ticks(const sim::Calendar& calendar, sim::Time from, sim::Time to,
                             std::size_t max_ticks) {
  static constexpr sim::Time kSteps[] = {sim::hours(1),  sim::hours(2), sim::hours(3), sim::hours(6),
                                         sim::hours(12), sim::days(1),  sim::days(2),  sim::days(7)};
  std::vector<Tick> ticks;
  if (to <= from) return ticks;
  sim::Time step = kSteps[std::size(kSteps) - 1];
  for (sim::Time s : kSteps)
    if (static_cast<std::size_t>((to - from) / s) + 1 <= max_ticks) {
      step = s;
      break;
    }
  // The calendar's offset is fixed, so local days are exactly 24 h: align on the local midnight.
  const sim::LocalTime l = calendar.local(from);
  const sim::Time midnight =
      from - (sim::hours(l.hour) + sim::minutes(l.minute) + sim::seconds(l.second) + l.microsecond);
  const sim::Time align = step <= sim::kDay ? step : sim::kDay;  // multi-day steps start at a midnight
  sim::Time t = midnight + ((from - midnight + align - 1) / align) * align;
  for (; t <= to; t += step) {
    const sim::LocalTime lt = calendar.local(t);
    const std::string label = lt.hour == 0 && lt.minute == 0
                                  ? std::string(sim::weekday_name(lt.weekday)) + " " + two_digits(lt.day)
                                  : two_digits(lt.hour) + ":" + two_digits(lt.minute);
    ticks.push_back(Tick{t, label});
  }
  return ticks;
}

std::vector<std::pair<double, std::string>> nice_ticks(double lo, double hi, int target) {
  std::vector<std::pair<double, std::string>> out;
  if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) return out;
  const double raw = (hi - lo) / std::max(target, 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  const int decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step) + 1e-9)));
  for (auto k = static_cast<long long>(std::ceil(lo / step - 1e-9)); k * step <= hi + step * 1e-9; ++k)
    out.emplace_back(static_cast<double>(k) * step, fixed(static_cast<double>(k) * step, decimals));
  return out;
}

std::string time_chart(const TimeChart& c, const sim::Calendar& calendar) {
  const double height = 260, x0 = 60, x1 = kWidth - 180, y0 = kTop, y1 = height - kBottom;
  const TimeAxis axis{c.t_from, c.t_to, x0, x1};
  const double span = c.y_max > c.y_min ? c.y_max - c.y_min : 1;
  auto y = [&](double v) {
    return y1 - (std::clamp(v, c.y_min, c.y_min + span) - c.y_min) / span * (y1 - y0);
  };

  std::string out = open_svg(height, c.title);
  for (const Shade& s : c.shades) {
    out += rect(x0, y(s.to), x1 - x0, y(s.from) - y(s.to), s.color) + "/>\n";
    out += text(x1 - 4, (y(s.from) + y(s.to)) / 2 + 4, s.label, "text-anchor=\"end\" fill=\"#777\"");
  }
  for (const auto& [v, label] : nice_ticks(c.y_min, c.y_min + span)) {
    out += line(x0 - 4, y(v), x0, y(v), "stroke=\"#444\"");
    out += text(x0 - 6, y(v) + 4, label, "text-anchor=\"end\"");
  }
  out += time_axis(axis, calendar, y0, y1);
  out += line(x0, y0, x0, y1, "stroke=\"#444\"");
  out += "<text transform=\"translate(14," + coord((y0 + y1) / 2) +
         ") rotate(-90)\" text-anchor=\"middle\">" + escape(c.y_label) + "</text>\n";

  out += markers_svg(c.markers, axis, y0, y1);
  double legend_y = y0 + 6;
  for (const Line& l : c.lines) {
    std::string path;
    bool pen_down = false;
    double last_y = 0;
    for (const Point& p : l.points) {
      if (!std::isfinite(p.y)) {
        pen_down = false;
        continue;
      }
      const double px = axis.x(p.t), py = y(p.y);
      if (pen_down && l.step) path += " L" + coord(px) + " " + coord(last_y);
      path += (pen_down ? " L" : " M") + coord(px) + " " + coord(py);
      pen_down = true;
      last_y = py;
    }
    for (const Point& p : l.points)
      if (std::isfinite(p.y) && p.y > c.y_min + span) {
        const double px = axis.x(p.t);
        out += "<path d=\"M" + coord(px - 3) + " " + coord(y0 + 5) + " L" + coord(px + 3) + " " +
               coord(y0 + 5) + " L" + coord(px) + " " + coord(y0) + " Z\" fill=\"" + escape(l.color) +
               "\"><title>" + escape(l.label + ": " + fixed(p.y, 0) + " (above the axis)") +
               "</title></path>\n";
      }
    const std::string dash = l.dashed ? " stroke-dasharray=\"6 4\"" : "";
    if (!path.empty())
      out += "<path d=\"" + path.substr(1) + "\" fill=\"none\" stroke=\"" + escape(l.color) +
             "\" stroke-width=\"1.5\"" + dash + "/>\n";
    out += line(x1 + 12, legend_y, x1 + 32, legend_y,
                "stroke=\"" + escape(l.color) + "\" stroke-width=\"2\"" + dash);
    out += text(x1 + 38, legend_y + 4, l.label);
    legend_y += 16;
  }
  return out + "</svg>\n";
}

std::string timeline_chart(const Timeline& c, const sim::Calendar& calendar) {
  const double x0 = 200, x1 = kWidth - 20, y0 = kTop;
  const double y1 = y0 + kRowHeight * static_cast<double>(std::max<std::size_t>(c.rows.size(), 1));
  const double height = y1 + kBottom + (c.legend.empty() ? 0 : 20);
  const TimeAxis axis{c.t_from, c.t_to, x0, x1};

  std::string out = open_svg(height, c.title);
  out += time_axis(axis, calendar, y0, y1);
  for (std::size_t r = 0; r < c.rows.size(); ++r) {
    const double top = y0 + kRowHeight * static_cast<double>(r);
    out += text(x0 - 6, top + 14, c.rows[r].label, "text-anchor=\"end\"");
    for (const Bar& b : c.rows[r].bars) {
      const double left = axis.x(b.from), width = std::max(axis.x(b.to) - left, 1.0);
      out += rect(left, top + 3, width, kRowHeight - 6, b.color) + "><title>" + escape(b.title) +
             "</title></rect>\n";
    }
  }
  out += markers_svg(c.markers, axis, y0, y1);
  double legend_x = x0;
  for (const auto& [label, color] : c.legend) {
    out += rect(legend_x, height - 16, 10, 10, color) + "/>\n";
    out += text(legend_x + 14, height - 7, label);
    legend_x += 24 + 7 * static_cast<double>(label.size());
  }
  return out + "</svg>\n";
}

}  // namespace repsim::io::svg
