// Sprig's date functions over a time.Time object with Go's layouts and the system tzdata.
#include "helm/funcs/funcs.h"
#include "helm/funcs/gotime.h"
#include "helm/funcs/internal.h"

namespace helm::funcs {
namespace {

using gotime::Time;
using gotime::Zone;
constexpr int64_t kSecond = 1000000000;

Status WantArgs(std::string_view name, std::span<const Value> args, size_t n) {
  if (args.size() != n) {
    return Error(Code::kExecution, "wrong number of args for " + std::string(name) + ": want " + std::to_string(n) +
                                       " got " + std::to_string(args.size()));
  }
  return OkStatus();
}

Status WrongType(std::string_view expected, const Value& got) {
  return Error(Code::kExecution,
               "wrong type for value; expected " + std::string(expected) + "; got " + got.TypeName());
}

// time.Duration: prints through Duration.String().
class DurationObject : public Object {
 public:
  explicit DurationObject(int64_t ns) : ns_(ns) {}
  std::string TypeName() const override { return "time.Duration"; }
  std::string KindName() const override { return "int64"; }
  std::string Format() const override { return gotime::DurationString(ns_); }
  bool Truth() const override { return ns_ != 0; }
  bool HasMethod(std::string_view n) const override {
    return n == "String" || n == "Seconds" || n == "Minutes" || n == "Hours" || n == "Milliseconds" ||
           n == "Microseconds" || n == "Nanoseconds";
  }
  Result<Value> CallMethod(std::string_view n, std::span<const Value> args) const override {
    HELM_RETURN_IF_ERROR(WantArgs(n, args, 0));
    if (n == "String") return Value(Format());
    if (n == "Nanoseconds") return Value::Int64(ns_);
    if (n == "Microseconds") return Value::Int64(ns_ / 1000);
    if (n == "Milliseconds") return Value::Int64(ns_ / 1000000);
    double secs = static_cast<double>(ns_ / kSecond) + static_cast<double>(ns_ % kSecond) / 1e9;
    if (n == "Seconds") return Value(secs);
    if (n == "Minutes") return Value(secs / 60);
    return Value(secs / 3600);
  }
  std::optional<Value> AsPlainValue() const override { return Value::Int64(ns_); }

 private:
  int64_t ns_;
};

Value DurationValue(int64_t ns) { return Value(std::shared_ptr<const Object>(std::make_shared<DurationObject>(ns))); }

class TimeObject : public Object {
 public:
  explicit TimeObject(Time t) : t_(std::move(t)) {}
  std::string TypeName() const override { return "time.Time"; }
  std::string KindName() const override { return "struct"; }
  std::string Format() const override { return gotime::String(t_); }
  const Time& time() const { return t_; }

  bool HasMethod(std::string_view n) const override {
    static const char* kMethods[] = {"Format", "Unix", "UnixMilli", "UnixMicro", "UnixNano", "Year", "Month", "Day",
                                     "Hour", "Minute", "Second", "Nanosecond", "YearDay", "Weekday", "UTC", "Local",
                                     "Add", "AddDate", "Sub", "Before", "After", "Equal", "IsZero", "String",
                                     "Round", "Truncate", "Location"};
    for (const char* m : kMethods) {
      if (n == m) return true;
    }
    return false;
  }

  Result<Value> CallMethod(std::string_view n, std::span<const Value> args) const override {
    auto other = [&]() -> Result<const Time*> {
      HELM_RETURN_IF_ERROR(WantArgs(n, args, 1));
      if (args[0].is_object()) {
        if (auto* o = dynamic_cast<const TimeObject*>(&args[0].as_object())) return &o->t_;
      }
      return WrongType("time.Time", args[0]);
    };
    auto duration_arg = [&]() -> Result<int64_t> {
      HELM_RETURN_IF_ERROR(WantArgs(n, args, 1));
      if (args[0].is_int()) return args[0].as_int();
      if (args[0].is_object()) {
        if (auto* d = dynamic_cast<const DurationObject*>(&args[0].as_object())) return d->AsPlainValue()->as_int();
      }
      return WrongType("time.Duration", args[0]);
    };
    if (n == "Format") {
      HELM_RETURN_IF_ERROR(WantArgs(n, args, 1));
      if (!args[0].is_string()) return WrongType("string", args[0]);
      return Value(gotime::Format(t_, args[0].as_string()));
    }
    if (n == "Before" || n == "After" || n == "Equal" || n == "Sub") {
      HELM_ASSIGN_OR_RETURN(const Time* o, other());
      int64_t dsec = t_.sec - o->sec;
      int64_t dns = t_.nsec - o->nsec;
      if (n == "Sub") return DurationValue(dsec * kSecond + dns);
      bool before = t_.sec < o->sec || (t_.sec == o->sec && t_.nsec < o->nsec);
      bool equal = t_.sec == o->sec && t_.nsec == o->nsec;
      if (n == "Before") return Value(before);
      if (n == "After") return Value(!before && !equal);
      return Value(equal);
    }
    if (n == "Add") {
      HELM_ASSIGN_OR_RETURN(int64_t d, duration_arg());
      return Wrap(t_.AddNanos(d));
    }
    if (n == "Round" || n == "Truncate") {
      HELM_ASSIGN_OR_RETURN(int64_t d, duration_arg());
      Time t = t_;
      t.mono_ns.reset();
      if (d <= 0) return Wrap(t);
      // Rounding is relative to the zero Time, as in Go.
      __int128 abs = (static_cast<__int128>(t.sec) + 62135596800) * kSecond + t.nsec;
      __int128 r = abs % d;
      __int128 res = abs - r;
      if (n == "Round" && r + r >= d) res += d;
      t.sec = static_cast<int64_t>(res / kSecond) - 62135596800;
      t.nsec = static_cast<int32_t>(res % kSecond);
      return Wrap(t);
    }
    if (n == "AddDate") {
      HELM_RETURN_IF_ERROR(WantArgs(n, args, 3));
      for (const Value& a : args) {
        if (!a.is_int()) return WrongType("int", a);
      }
      Time::Civil c = t_.ToCivil();
      int64_t y = c.year + args[0].as_int();
      int64_t m = c.month + args[1].as_int();
      int64_t d = c.day + args[2].as_int();
      // Normalize month into [1,12].
      int64_t m0 = m - 1;
      y += m0 >= 0 ? m0 / 12 : -((11 - m0) / 12);
      m0 = ((m0 % 12) + 12) % 12;
      int64_t days = gotime::DaysFromCivil(y, static_cast<unsigned>(m0 + 1), 1) + d - 1;
      int64_t local = days * 86400 + c.hour * 3600 + c.minute * 60 + c.second;
      Time t = t_;
      int32_t off = t.zone ? t.zone->Lookup(local).offset : 0;
      if (t.zone) {
        int32_t off2 = t.zone->Lookup(local - off).offset;
        if (off2 != off) off = off2;
      }
      t.sec = local - off;
      t.mono_ns.reset();
      return Wrap(t);
    }
    HELM_RETURN_IF_ERROR(WantArgs(n, args, 0));
    if (n == "String") return Value(Format());
    if (n == "Unix") return Value::Int64(t_.sec);
    if (n == "UnixMilli") return Value::Int64(t_.sec * 1000 + t_.nsec / 1000000);
    if (n == "UnixMicro") return Value::Int64(t_.sec * 1000000 + t_.nsec / 1000);
    if (n == "UnixNano") return Value::Int64(t_.sec * kSecond + t_.nsec);
    if (n == "IsZero") return Value(t_.IsZero());
    if (n == "UTC") {
      Time t = t_.In(Zone::Utc());
      t.mono_ns.reset();
      return Wrap(t);
    }
    if (n == "Local") {
      Time t = t_.In(Zone::Local());
      t.mono_ns.reset();
      return Wrap(t);
    }
    if (n == "Location") return Value(t_.zone ? t_.zone->name() : std::string("UTC"));
    if (n == "Nanosecond") return Value::Int(t_.nsec);
    Time::Civil c = t_.ToCivil();
    if (n == "Year") return Value::Int(c.year);
    if (n == "Month") {
      static const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                      "July",    "August",   "September", "October", "November", "December"};
      return Value(kMonths[c.month - 1]);
    }
    if (n == "Day") return Value::Int(c.day);
    if (n == "Hour") return Value::Int(c.hour);
    if (n == "Minute") return Value::Int(c.minute);
    if (n == "Second") return Value::Int(c.second);
    if (n == "YearDay") return Value::Int(c.yday);
    static const char* kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    return Value(kDays[c.weekday]);
  }

  static Value Wrap(Time t) { return Value(std::shared_ptr<const Object>(std::make_shared<TimeObject>(std::move(t)))); }

 private:
  Time t_;
};

const Time* AsTime(const Value& v) {
  if (!v.is_object()) return nullptr;
  auto* o = dynamic_cast<const TimeObject*>(&v.as_object());
  return o ? &o->time() : nullptr;
}

// Sprig's date argument: time.Time, int64, int or int32 seconds; anything else means now.
Time DateArg(const Value& v) {
  if (const Time* t = AsTime(v)) return *t;
  if (v.is_int() && (v.int_type() == IntType::kInt || v.int_type() == IntType::kInt64 ||
                     v.int_type() == IntType::kInt32)) {
    Time t;
    t.sec = v.as_int();
    t.zone = Zone::Local();
    return t;
  }
  return Time::Now();
}

std::string DateInZone(std::string_view layout, const Value& date, std::string_view zone) {
  Time t = DateArg(date);
  auto loc = Zone::Load(zone);
  return gotime::Format(t.In(loc.ok() ? *loc : Zone::Utc()), layout);
}

int64_t SinceNs(const Time& t) {
  Time now = Time::Now();
  return (now.sec - t.sec) * kSecond + (now.nsec - t.nsec);
}

}  // namespace

Result<Value> MakeTime(int64_t unix_seconds, int32_t nanos, std::string_view zone) {
  HELM_ASSIGN_OR_RETURN(auto z, Zone::Load(zone));
  Time t;
  t.sec = unix_seconds;
  t.nsec = nanos;
  t.zone = z;
  return TimeObject::Wrap(t);
}

std::string FormatTime(const Value& time, std::string_view layout) {
  const Time* t = AsTime(time);
  return t ? gotime::Format(*t, layout) : std::string();
}

namespace internal {

Value WrapTime(const gotime::Time& t) { return TimeObject::Wrap(t); }

void RegisterDates(FuncMap& m) {
  using A = ArgType;
  const auto kS = A::kString;
  const auto kAny = A::kAny;
  Def(m, "now", {}, [](Args, const CallInfo&) -> Result<Value> { return TimeObject::Wrap(Time::Now()); });
  Def(m, "date", {kS, kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    return Value(DateInZone(a[0].as_string(), a[1], "Local"));
  });
  auto in_zone = [](Args a, const CallInfo&) -> Result<Value> {
    return Value(DateInZone(a[0].as_string(), a[1], a[2].as_string()));
  };
  Def(m, "dateInZone", {kS, kAny, kS}, in_zone);
  Def(m, "date_in_zone", {kS, kAny, kS}, in_zone);
  Def(m, "htmlDate", {kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    return Value(DateInZone("2006-01-02", a[0], "Local"));
  });
  Def(m, "htmlDateInZone", {kAny, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    return Value(DateInZone("2006-01-02", a[0], a[1].as_string()));
  });
  auto modify = [](bool must) {
    return [must](Args a, const CallInfo&) -> Result<Value> {
      const Time* t = AsTime(a[1]);
      if (t == nullptr) return Fail(WrongType("time.Time", a[1]).message());
      auto d = gotime::ParseDuration(a[0].as_string());
      if (!d.ok()) {
        if (must) return Fail(d.status().message());
        return a[1];
      }
      return TimeObject::Wrap(t->AddNanos(*d));
    };
  };
  Def(m, "dateModify", {kS, kAny}, modify(false));
  Def(m, "date_modify", {kS, kAny}, modify(false));
  Def(m, "mustDateModify", {kS, kAny}, modify(true));
  Def(m, "must_date_modify", {kS, kAny}, modify(true));
  Def(m, "ago", {kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    Time t;
    if (const Time* tt = AsTime(a[0])) {
      t = *tt;
    } else if (a[0].is_int() && (a[0].int_type() == IntType::kInt || a[0].int_type() == IntType::kInt64)) {
      t.sec = a[0].as_int();
    } else {
      t = Time::Now();
    }
    return Value(gotime::DurationString(gotime::DurationRound(SinceNs(t), kSecond)));
  });
  Def(m, "duration", {kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    int64_t n = 0;
    if (a[0].is_string()) {
      auto v = ParseGoInt(a[0].as_string(), 10);
      n = v ? *v : 0;
    } else if (a[0].is_int() && a[0].int_type() == IntType::kInt64) {
      n = a[0].as_int();
    }
    return Value(gotime::DurationString(static_cast<int64_t>(static_cast<uint64_t>(n) * kSecond)));
  });
  Def(m, "durationRound", {kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    int64_t d = 0;
    if (a[0].is_string()) {
      auto v = gotime::ParseDuration(a[0].as_string());
      d = v.ok() ? *v : 0;
    } else if (a[0].is_int() && a[0].int_type() == IntType::kInt64) {
      d = a[0].as_int();
    } else if (const Time* t = AsTime(a[0])) {
      d = SinceNs(*t);
    }
    uint64_t u = static_cast<uint64_t>(d);
    if (d < 0) u = 0 - u;
    const uint64_t sec = kSecond, minute = 60 * sec, hour = 60 * minute, day = 24 * hour, month = 30 * day,
                   year = 365 * day;
    if (u > year) return Value(std::to_string(u / year) + "y");
    if (u > month) return Value(std::to_string(u / month) + "mo");
    if (u > day) return Value(std::to_string(u / day) + "d");
    if (u > hour) return Value(std::to_string(u / hour) + "h");
    if (u > minute) return Value(std::to_string(u / minute) + "m");
    if (u > sec) return Value(std::to_string(u / sec) + "s");
    return Value("0s");
  });
  Def(m, "toDate", {kS, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    auto t = gotime::ParseInLocation(a[0].as_string(), a[1].as_string(), Zone::Local());
    return TimeObject::Wrap(t.ok() ? *t : Time());
  });
  Def(m, "mustToDate", {kS, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    auto t = gotime::ParseInLocation(a[0].as_string(), a[1].as_string(), Zone::Local());
    if (!t.ok()) return Fail(t.status().message());
    return TimeObject::Wrap(*t);
  });
  Def(m, "unixEpoch", {kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    const Time* t = AsTime(a[0]);
    if (t == nullptr) return Fail(WrongType("time.Time", a[0]).message());
    return Value(std::to_string(t->sec));
  });
}

}  // namespace internal
}  // namespace helm::funcs
