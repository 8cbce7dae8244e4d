// repsim-viz-pngcheck FILE WIDTH HEIGHT MIN_COLOURS: exit 0 when the PNG has that size and at least
// that many distinct colours (a blank or half-drawn frame has a handful), else 1 with the reason.
// The headless screenshot test uses it; stb_image reads the file.
#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <set>

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: repsim-viz-pngcheck FILE WIDTH HEIGHT MIN_COLOURS\n");
    return 2;
  }
  const int want_w = std::atoi(argv[2]), want_h = std::atoi(argv[3]), min_colours = std::atoi(argv[4]);
  int w = 0, h = 0, channels = 0;
  unsigned char* px = stbi_load(argv[1], &w, &h, &channels, 3);
  if (!px) {
    std::fprintf(stderr, "%s: not a readable PNG (%s)\n", argv[1], stbi_failure_reason());
    return 1;
  }
  std::set<unsigned> colours;
  for (long k = 0; k < static_cast<long>(w) * h; ++k)
    colours.insert(unsigned{px[3 * k]} << 16 | unsigned{px[3 * k + 1]} << 8 | px[3 * k + 2]);
  stbi_image_free(px);
  std::printf("%s: %dx%d, %zu distinct colours\n", argv[1], w, h, colours.size());
  if (w != want_w || h != want_h) {
    std::fprintf(stderr, "%s: %dx%d, expected %dx%d\n", argv[1], w, h, want_w, want_h);
    return 1;
  }
  if (static_cast<int>(colours.size()) < min_colours) {
    std::fprintf(stderr, "%s: only %zu distinct colours (blank?), expected at least %d\n", argv[1],
                 colours.size(), min_colours);
    return 1;
  }
  return 0;
}
