// ObjectArena: objects built in place in one block, never moved, destroyed last first.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "sim/memory/object_arena.hpp"

using repsim::sim::ObjectArena;

namespace {

struct Noted {
  Noted(std::vector<std::string>& log, std::string name) : log_(log), name_(std::move(name)) {
    if (name_ == "bad") throw std::runtime_error("refused");
  }
  Noted(const Noted&) = delete;  // the arena never copies or moves
  Noted& operator=(const Noted&) = delete;
  ~Noted() { log_.push_back("~" + name_); }
  std::vector<std::string>& log_;
  std::string name_;
};

}  // namespace

TEST_CASE("object arena builds in place, keeps addresses, and destroys last first", "[arena]") {
  std::vector<std::string> log;
  {
    ObjectArena<Noted> arena(3);
    Noted& a = arena.emplace_back(log, "a");
    Noted& b = arena.emplace_back(log, "b");
    CHECK(&arena[0] == &a);
    CHECK(&arena[1] == &b);
    CHECK(&b - &a == 1);  // one block
    ObjectArena<Noted> moved(std::move(arena));
    CHECK(&moved[1] == &b);  // moving the arena moves no object
    CHECK(moved.size() == 2);
    CHECK(moved.capacity() == 3);
    std::string names;
    for (const Noted& n : moved) names += n.name_;
    CHECK(names == "ab");
    moved.emplace_back(log, "c");
    CHECK_THROWS_AS(moved.emplace_back(log, "d"), std::length_error);
    CHECK(log.empty());
  }
  CHECK(log == std::vector<std::string>{"~c", "~b", "~a"});
}

TEST_CASE("object arena: a constructor that throws adds nothing", "[arena]") {
  std::vector<std::string> log;
  {
    ObjectArena<Noted> arena(2);
    arena.emplace_back(log, "a");
    CHECK_THROWS_AS(arena.emplace_back(log, "bad"), std::runtime_error);
    CHECK(arena.size() == 1);
    arena.emplace_back(log, "b");
  }
  CHECK(log == std::vector<std::string>{"~b", "~a"});
}
