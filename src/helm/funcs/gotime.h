// Go's time package subset the date functions need: IANA zones from the system tzdata, civil
// conversion, Time.Format/String with Go layouts, time.ParseInLocation, ParseDuration and
// Duration.String.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "helm/base/result.h"

namespace helm::funcs::gotime {

class Zone {
 public:
  struct Type {
    int32_t offset = 0;
    bool dst = false;
    std::string abbr;
  };
  // `name` is what Location.String() prints ("UTC", "Local", "Europe/Paris").
  static std::shared_ptr<const Zone> Utc();
  static std::shared_ptr<const Zone> Local();
  static std::shared_ptr<const Zone> Fixed(std::string name, int32_t offset);
  // time.LoadLocation: "" and "UTC" give UTC, "Local" the local zone; others from /usr/share/zoneinfo.
  // Error: "unknown time zone NAME".
  static Result<std::shared_ptr<const Zone>> Load(std::string_view name);

  const std::string& name() const { return name_; }
  // The zone type in effect at unix time `t`.
  const Type& Lookup(int64_t t) const;
  // Finds a zone type by abbreviation (for Parse); nullptr if none.
  const Type* FindAbbr(std::string_view abbr, int64_t near) const;

  std::string name_;
  std::vector<int64_t> transitions_;
  std::vector<uint8_t> indices_;
  std::vector<Type> types_;
};

struct Time {
  int64_t sec = -62135596800;  // unix seconds; default is Go's zero Time (0001-01-01 UTC)
  int32_t nsec = 0;
  std::shared_ptr<const Zone> zone;  // null means UTC
  std::optional<int64_t> mono_ns;    // monotonic reading (time.Now), printed as m=+...

  static Time Now();
  int32_t Offset() const;
  std::string Abbr() const;
  // Civil fields in the time's zone.
  struct Civil {
    int64_t year;
    int month, day, hour, minute, second, weekday, yday;  // weekday 0 = Sunday, yday 1-based
  };
  Civil ToCivil() const;
  bool IsZero() const { return sec == -62135596800 && nsec == 0; }
  Time In(std::shared_ptr<const Zone> z) const {
    Time t = *this;
    t.zone = std::move(z);
    return t;
  }
  Time AddNanos(int64_t d) const;
};

std::string Format(const Time& t, std::string_view layout);
// time.Time.String().
std::string String(const Time& t);
// time.ParseInLocation; errors are Go's texts ("parsing time ...").
Result<Time> ParseInLocation(std::string_view layout, std::string_view value, std::shared_ptr<const Zone> loc);
// time.ParseDuration in nanoseconds; errors like `time: invalid duration "x"`.
Result<int64_t> ParseDuration(std::string_view s);
// time.Duration.String().
std::string DurationString(int64_t ns);
// Round a duration to a multiple of m (time.Duration.Round).
int64_t DurationRound(int64_t d, int64_t m);
// Unix seconds from a civil date/time (UTC).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);

}  // namespace helm::funcs::gotime
