#include "viz/gl_window.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <filesystem>

namespace repsim::viz {
namespace {

std::string last_glfw_error;

void on_glfw_error(int code, const char* text) {
  last_glfw_error = std::to_string(code) + ": " + (text ? text : "?");
}

struct ContextChoice {
  int major, minor;
  bool core;
  const char* glsl;
};

}  // namespace

std::optional<GlWindow> open_gl_window(int width, int height, const char* title, std::string& error) {
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) {
    error = "cannot initialise GLFW (no display? set DISPLAY or run under xvfb-run): " + last_glfw_error;
    return std::nullopt;
  }
  constexpr ContextChoice kChoices[] = {{3, 3, true, "#version 330 core"}, {3, 0, false, "#version 130"}};
  for (const ContextChoice& c : kChoices) {
    glfwDefaultWindowHints();
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, c.major);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, c.minor);
    if (c.core) glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
    if (GLFWwindow* w = glfwCreateWindow(width, height, title, nullptr, nullptr)) {
      glfwMakeContextCurrent(w);
      glfwSwapInterval(1);
      return GlWindow{w, c.glsl};
    }
  }
  error = "no OpenGL 3.0 context: " + last_glfw_error;
  glfwTerminate();
  return std::nullopt;
}

void init_imgui(const GlWindow& w) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is computed, nothing to remember
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0;
  style.FrameRounding = 3;
  style.WindowPadding = {8, 6};
  style.ItemSpacing = {8, 5};
#ifdef REPSIM_VIZ_FONT
  if (std::filesystem::exists(REPSIM_VIZ_FONT)) io.Fonts->AddFontFromFileTTF(REPSIM_VIZ_FONT, 15.0f);
#endif
  ImGui_ImplGlfw_InitForOpenGL(w.window, true);
  ImGui_ImplOpenGL3_Init(w.glsl_version.c_str());
}

void close_gl_window(GlWindow& w) {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(w.window);
  glfwTerminate();
  w.window = nullptr;
}

void begin_frame() {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

void end_frame(const GlWindow& w) {
  ImGui::Render();
  int fw = 0, fh = 0;
  glfwGetFramebufferSize(w.window, &fw, &fh);
  glViewport(0, 0, fw, fh);
  glClearColor(0.09f, 0.10f, 0.12f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

}  // namespace repsim::viz
