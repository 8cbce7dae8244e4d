#pragma once
// What one scorer is built from: the config of any registered scorer type (SenderBaseConfig,
// BlocklistConfig, ...) behind one interface, so EcosystemConfig lists its scorers without naming
// their types. A spec is a small copyable value (the visualizer and sweeps copy whole configs);
// copies share the config, which never changes once held.
#include <concepts>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "models/score_scale.hpp"
#include "models/scorer.hpp"

namespace repsim::models {

// A scorer type's config: plain data with the service's `id` and `scale`, plus its type name (the
// scenario's "type") and what its scorers publish. The members are checked first: checking
// copy_constructible<ScorerSpec> itself would recurse through ScorerSpec's converting constructor.
template <class C>
concept ScorerConfigType = requires(const C& c) {
  { C::kType } -> std::convertible_to<std::string_view>;
  { C::kPublishes } -> std::convertible_to<Publishes>;
  { c.id } -> std::convertible_to<std::string>;
  { c.scale } -> std::convertible_to<ScoreScale>;
} && std::copy_constructible<C>;

class ScorerSpec {
 public:
  // Implicit, so that a config reads as a spec: config.scorers.push_back(SenderBaseConfig{}).
  template <ScorerConfigType Config>
  ScorerSpec(Config config) : held_(std::make_shared<const Held<Config>>(std::move(config))) {}

  std::string_view type() const { return held_->type(); }
  const std::string& id() const { return held_->id(); }
  const ScoreScale& scale() const { return held_->scale(); }
  Publishes publishes() const { return held_->publishes(); }

  // The config as its own type, for that type's factory (and its tests). Throws std::logic_error
  // when the spec holds another type.
  template <ScorerConfigType Config>
  const Config& get() const {
    if (const auto* held = dynamic_cast<const Held<Config>*>(held_.get())) return held->config;
    throw std::logic_error("scorer '" + id() + "' is a " + std::string(type()) + " scorer, not a " +
                           std::string(Config::kType) + " scorer");
  }

 private:
  struct Base {
    virtual ~Base() = default;
    virtual std::string_view type() const = 0;
    virtual const std::string& id() const = 0;
    virtual const ScoreScale& scale() const = 0;
    virtual Publishes publishes() const = 0;
  };
  template <class Config>
  struct Held final : Base {
    explicit Held(Config c) : config(std::move(c)) {}
    std::string_view type() const override { return Config::kType; }
    const std::string& id() const override { return config.id; }
    const ScoreScale& scale() const override { return config.scale; }
    Publishes publishes() const override { return Config::kPublishes; }
    Config config;
  };

  std::shared_ptr<const Base> held_;
};

}  // namespace repsim::models
