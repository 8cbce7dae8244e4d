// A scenario's named `variants`: the loader checks their shape and runs the file as written; a
// variant's edits are checked against the document and by the loader, errors at the edit's pointer.
#include <catch2/catch.hpp>

#include "experiments/compare.hpp"
#include "experiments/scenario_variants.hpp"
#include "io/scenario_loader.hpp"
#include "sweep_fixture.hpp"

using namespace repsim;
using namespace repsim::experiments;
using sweep_test::load_error_of;

namespace {

nlohmann::json tiny_with(const std::string& variants_json) {
  nlohmann::json doc = io::read_json_file(sweep_test::tiny_scenario());
  doc["variants"] = nlohmann::json::parse(variants_json);
  return doc;
}

}  // namespace

TEST_CASE("a run ignores the variants: the file as written loads", "[variants]") {
  const nlohmann::json doc =
      tiny_with(R"([{"name": "lenient", "set": {"/gateways/0/policy": "neutral_ok"}}])");
  const io::LoadedScenario loaded = io::load_scenario_json(doc, "s.json");
  const io::LoadedScenario plain =
      io::load_scenario_json(io::read_json_file(sweep_test::tiny_scenario()), "s.json");
  CHECK(loaded.config.gateways[0].policy.rules.size() == plain.config.gateways[0].policy.rules.size());
  CHECK(loaded.config.gateways[0].policy.clear_from() == plain.config.gateways[0].policy.clear_from());
  const std::vector<ScenarioVariant> v = scenario_variants(doc, "s.json");
  REQUIRE(v.size() == 1);
  CHECK(v[0].name == "lenient");
  CHECK(v[0].set[0].spec_pointer == "/variants/0/set/~1gateways~10~1policy");
  CHECK(apply_variant(doc, v[0])["gateways"][0]["policy"] == "neutral_ok");
  CHECK(load_error_of([&] { check_variants(doc, "s.json", 1); }).empty());
}

TEST_CASE("the loader refuses badly shaped variants", "[variants]") {
  const auto load = [](const std::string& variants) {
    return load_error_of([&] { io::load_scenario_json(tiny_with(variants), "s.json"); });
  };
  CHECK(load(R"([{"name": "x", "set": {"/duration": "1d"}}, {"name": "x", "set": {"/duration": "3d"}}])") ==
        "s.json: /variants/1/name: variant name 'x' is already used by /variants/0");
  CHECK(load(R"([{"name": "x", "set": {}}])") ==
        "s.json: /variants/0/set: a variant changes at least one value: set is empty");
  CHECK(load(R"([{"name": "x", "set": {"duration": "1d"}}])") ==
        "s.json: /variants/0/set/duration: 'duration' is not a JSON pointer: it must start with '/'");
  CHECK(load(R"([{"name": "x", "set": {"/seed": 4}}])") ==
        "s.json: /variants/0/set/~1seed: a variant cannot set /seed: a comparison seeds every replication "
        "of both sides itself");
  CHECK(load(R"([{"name": "x", "sett": {}}])").rfind("s.json: /variants/0/sett: unknown key 'sett'", 0) == 0);
}

TEST_CASE("a variant's edit that points nowhere or that the loader refuses fails at the edit", "[variants]") {
  const nlohmann::json nowhere = tiny_with(R"([{"name": "x", "set": {"/tenants/9/pool": "shared"}}])");
  CHECK(load_error_of([&] { scenario_variants(nowhere, "s.json"); }) ==
        "s.json: /variants/0/set/~1tenants~19~1pool: the scenario's /tenants has 3 entries: no index 9");
  const nlohmann::json refused = tiny_with(R"([{"name": "x", "set": {"/tenants/0/pool": "nope"}}])");
  const std::string e = load_error_of([&] { check_variants(refused, "s.json", 1); });
  CHECK(e.rfind("s.json: /variants/0/set/~1tenants~10~1pool: \"nope\" makes the scenario invalid: s.json: "
                "/tenants/0/pool: ",
                0) == 0);
}

TEST_CASE("compare names a missing variant and the ones the file has", "[variants]") {
  sweep_test::TempDir dir;
  const std::string file = (dir.path() / "s.json").string();
  sweep_test::write_plain(file,
                          tiny_with(R"([{"name": "lenient", "set": {"/gateways/0/policy": "neutral_ok"}},
                                              {"name": "slow", "set": {"/providers/0/retry/first_retry": "20m"}}])")
                              .dump());
  CHECK(load_error_of([&] {
          load_compare_side({file, "dedicated"}, 1);
        }) == file + ": /variants: no variant named 'dedicated' (it declares: lenient, slow)");
  CHECK(load_error_of([&] {
          load_compare_side({(dir.path() / "missing.json").string(), {}}, 1);
        }).rfind((dir.path() / "missing.json").string() + ": /: ", 0) == 0);
}
