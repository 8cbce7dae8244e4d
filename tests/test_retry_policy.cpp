#include <catch2/catch.hpp>

#include <stdexcept>

#include "models/retry_policy.hpp"

using namespace repsim::models;
using namespace repsim::sim;

TEST_CASE("FOPE 2012 retries every 20 minutes for 120 hours, warns after 2 hours",
          "[retry_policy][provider]") {
  const RetryPolicy p = RetryPolicy::fope2012();
  CHECK(p.first_retry == minutes(20));
  CHECK(p.backoff == 1.0);
  CHECK(p.max_interval == minutes(20));
  CHECK(p.lifetime == hours(120));
  CHECK(p.delay_notice == hours(2));
  CHECK_FALSE(p.tempfail_is_permanent);
  CHECK_NOTHROW(p.validate());
  for (std::uint32_t k : {0u, 1u, 2u, 359u, 65535u}) CHECK(p.interval_after(k) == minutes(20));
}

TEST_CASE("Postfix waits the message's age, clamped to 300 .. 4000 s, until the next queue scan",
          "[retry_policy][provider]") {
  const RetryPolicy p = RetryPolicy::postfix();
  CHECK(p.lifetime == days(5));
  CHECK(p.delay_notice == 0);  // Postfix's delay_warning_time default is 0: off
  CHECK(p.rule == BackoffRule::MessageAge);
  CHECK(p.scan_every == seconds(300));
  CHECK_NOTHROW(p.validate());
  // (now, created) -> next attempt, by hand.
  CHECK(p.next_attempt(seconds(100), seconds(100), 1) == seconds(600));    // 100 + 300 = 400 -> 600
  CHECK(p.next_attempt(seconds(1200), seconds(100), 3) == seconds(2400));  // 1200 + 1100 = 2300 -> 2400
  CHECK(p.next_attempt(seconds(900), 0, 2) == seconds(1800));              // exactly on a scan
  CHECK(p.next_attempt(seconds(9000), 0, 7) == seconds(13200));            // 9000 + 4000 -> 13200
  CHECK(p.next_attempt(days(4), 0, 99) == days(4) + seconds(4200));        // the cap, then the scan
}

TEST_CASE("the doubling schedule backs off 300, 600, 1200, 2400, then 4000 s", "[retry_policy][provider]") {
  const RetryPolicy p = RetryPolicy::doubling();
  CHECK(p.lifetime == days(5));
  CHECK(p.rule == BackoffRule::Geometric);
  CHECK(p.scan_every == 0);
  CHECK(p.next_attempt(seconds(1000), 0, 2) == seconds(1600));  // no scans: exactly when due
  // 300 * 2^(k-1): 300, 600, 1200, 2400, 4800 -> capped 4000, 4000, ...
  CHECK(p.interval_after(0) == seconds(300));
  CHECK(p.interval_after(1) == seconds(300));
  CHECK(p.interval_after(2) == seconds(600));
  CHECK(p.interval_after(3) == seconds(1200));
  CHECK(p.interval_after(4) == seconds(2400));
  CHECK(p.interval_after(5) == seconds(4000));
  CHECK(p.interval_after(6) == seconds(4000));
  CHECK(p.interval_after(60000) == seconds(4000));  // no overflow far past the cap
}

TEST_CASE("a fractional backoff rounds each step to the nearest microsecond", "[retry_policy][provider]") {
  RetryPolicy p;
  p.first_retry = seconds(1);
  p.backoff = 1.5;
  p.max_interval = seconds(20);
  // 1000000 us * 1.5^(k-1): 1000000, 1500000, 2250000, 3375000, 5062500, 7593750, 11390625 (exact),
  // then 11390625 * 1.5 = 17085937.5 -> rounds half away from zero to 17085938, then
  // 25628907 > 20 s -> capped at 20000000.
  const Time expected[] = {1000000, 1500000,  2250000,  3375000,  5062500,
                           7593750, 11390625, 17085938, 20000000, 20000000};
  for (std::uint32_t k = 1; k <= 10; ++k) CHECK(p.interval_after(k) == expected[k - 1]);
}

TEST_CASE("a first retry above the cap is capped", "[retry_policy][provider]") {
  RetryPolicy p;
  p.first_retry = minutes(30);
  p.max_interval = minutes(30);
  p.backoff = 3.0;
  CHECK(p.interval_after(1) == minutes(30));
  CHECK(p.interval_after(2) == minutes(30));
}

TEST_CASE("retry policy validation names the bad field", "[retry_policy][provider]") {
  auto broken = [](auto change) {
    RetryPolicy p = RetryPolicy::postfix();
    change(p);
    return p;
  };
  CHECK_THROWS_WITH(broken([](RetryPolicy& p) { p.first_retry = 0; }).validate(),
                    Catch::Contains("first_retry"));
  CHECK_THROWS_WITH(broken([](RetryPolicy& p) { p.backoff = 0.5; }).validate(), Catch::Contains("backoff"));
  CHECK_THROWS_WITH(broken([](RetryPolicy& p) { p.max_interval = seconds(299); }).validate(),
                    Catch::Contains("max_interval"));
  CHECK_THROWS_WITH(broken([](RetryPolicy& p) { p.lifetime = 0; }).validate(), Catch::Contains("lifetime"));
  CHECK_THROWS_WITH(broken([](RetryPolicy& p) { p.delay_notice = -1; }).validate(),
                    Catch::Contains("delay_notice"));
  CHECK_THROWS_AS(broken([](RetryPolicy& p) { p.lifetime = 0; }).validate(), std::invalid_argument);
}
