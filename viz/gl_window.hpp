#pragma once
// A GLFW window with an OpenGL context and Dear ImGui bound to it. Mesa's llvmpipe under Xvfb may
// refuse a 3.3 core context, so 3.3 core is tried first, then 3.0, each with its GLSL version.
#include <optional>
#include <string>

struct GLFWwindow;

namespace repsim::viz {

struct GlWindow {
  GLFWwindow* window = nullptr;
  std::string glsl_version;  // what ImGui_ImplOpenGL3_Init was given
};

// nullopt with `error` set ("no display", "no OpenGL 3.0 context: ...") when it cannot.
std::optional<GlWindow> open_gl_window(int width, int height, const char* title, std::string& error);
// Dear ImGui context, style, font (DejaVu Sans when the machine has it) and both backends.
void init_imgui(const GlWindow& w);
void close_gl_window(GlWindow& w);

// Starts an ImGui frame / renders it into the back buffer (clearing first).
void begin_frame();
void end_frame(const GlWindow& w);

}  // namespace repsim::viz
