#include "helm/funcs/gotime.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "helm/base/strings.h"

namespace helm::funcs::gotime {
namespace {

constexpr int64_t kNsPerSec = 1000000000;

const char* const kLongMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
const char* const kLongDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yy + (*m <= 2);
}

bool IsLeap(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

int DaysIn(int month, int64_t year) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeap(year)) return 29;
  return kDays[month - 1];
}

// ---- TZif ----

uint32_t Be32(const unsigned char* p) { return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3]; }
int64_t Be64(const unsigned char* p) { return static_cast<int64_t>((uint64_t(Be32(p)) << 32) | Be32(p + 4)); }

bool ParseTzif(const std::string& data, Zone* z) {
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  size_t n = data.size();
  if (n < 44 || std::memcmp(p, "TZif", 4) != 0) return false;
  char version = static_cast<char>(p[4]);
  auto counts = [&](const unsigned char* h, uint32_t c[6]) {
    for (int i = 0; i < 6; ++i) c[i] = Be32(h + 20 + 4 * i);
  };
  uint32_t c[6];
  counts(p, c);
  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  size_t v1len = c[3] * 5 + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0];
  const unsigned char* h = p;
  int tsize = 4;
  if (version >= '2' && 44 + v1len + 44 <= n) {
    h = p + 44 + v1len;
    if (std::memcmp(h, "TZif", 4) != 0) return false;
    counts(h, c);
    tsize = 8;
  }
  const unsigned char* q = h + 44;
  const unsigned char* end = p + n;
  size_t need = c[3] * (tsize + 1) + c[4] * 6 + c[5];
  if (q + need > end) return false;
  for (uint32_t i = 0; i < c[3]; ++i) {
    z->transitions_.push_back(tsize == 8 ? Be64(q) : static_cast<int32_t>(Be32(q)));
    q += tsize;
  }
  for (uint32_t i = 0; i < c[3]; ++i) z->indices_.push_back(*q++);
  const unsigned char* types = q;
  const char* abbrs = reinterpret_cast<const char*>(q + c[4] * 6);
  for (uint32_t i = 0; i < c[4]; ++i) {
    Zone::Type t;
    t.offset = static_cast<int32_t>(Be32(types + i * 6));
    t.dst = types[i * 6 + 4] != 0;
    uint8_t ai = types[i * 6 + 5];
    if (ai < c[5]) t.abbr = std::string(abbrs + ai, strnlen(abbrs + ai, c[5] - ai));
    z->types_.push_back(std::move(t));
  }
  return !z->types_.empty();
}

std::mutex g_zone_mu;
std::map<std::string, std::shared_ptr<const Zone>>& ZoneCache() {
  static auto* m = new std::map<std::string, std::shared_ptr<const Zone>>();
  return *m;
}

std::shared_ptr<const Zone> LoadFile(const std::string& name, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::stringstream ss;
  ss << in.rdbuf();
  auto z = std::make_shared<Zone>();
  z->name_ = name;
  if (!ParseTzif(ss.str(), z.get())) return nullptr;
  return z;
}

std::string Pad(int64_t v, int width, char pad = '0') {
  bool neg = v < 0;
  std::string s = std::to_string(neg ? -v : v);
  while (static_cast<int>(s.size()) < width) s.insert(s.begin(), pad);
  if (neg) s.insert(s.begin(), '-');
  return s;
}

// ---- layout chunks ----

enum Std {
  kNone = 0,
  kLongMonth, kMonth, kNumMonth, kZeroMonth, kLongWeekDay, kWeekDay, kDay, kUnderDay, kZeroDay,
  kUnderYearDay, kZeroYearDay, kHour, kHour12, kZeroHour12, kMinute, kZeroMinute, kSecond, kZeroSecond,
  kLongYear, kYear, kPM, kpm, kTZ, kISO8601TZ, kISO8601SecondsTZ, kISO8601ShortTZ, kISO8601ColonTZ,
  kISO8601ColonSecondsTZ, kNumTZ, kNumSecondsTz, kNumShortTZ, kNumColonTZ, kNumColonSecondsTZ,
  kFracSecond0, kFracSecond9,
};

struct Chunk {
  std::string_view prefix;
  Std std = kNone;
  int frac_digits = 0;
  char frac_sep = '.';
  std::string_view suffix;
};

bool StartsWithLower(std::string_view s) { return !s.empty() && s[0] >= 'a' && s[0] <= 'z'; }
bool IsDigitAt(std::string_view s, size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }

Chunk NextStdChunk(std::string_view layout) {
  auto ret = [&](size_t i, Std std, size_t len) {
    Chunk c;
    c.prefix = layout.substr(0, i);
    c.std = std;
    c.suffix = layout.substr(i + len);
    return c;
  };
  auto has = [&](size_t i, std::string_view s) { return layout.substr(i, s.size()) == s; };
  for (size_t i = 0; i < layout.size(); ++i) {
    char c = layout[i];
    switch (c) {
      case 'J':
        if (has(i, "Jan")) {
          if (has(i, "January")) return ret(i, kLongMonth, 7);
          if (!StartsWithLower(layout.substr(i + 3))) return ret(i, kMonth, 3);
        }
        break;
      case 'M':
        if (layout.size() >= i + 3) {
          if (has(i, "Mon")) {
            if (has(i, "Monday")) return ret(i, kLongWeekDay, 6);
            if (!StartsWithLower(layout.substr(i + 3))) return ret(i, kWeekDay, 3);
          }
          if (has(i, "MST")) return ret(i, kTZ, 3);
        }
        break;
      case '0':
        if (layout.size() >= i + 2 && layout[i + 1] >= '1' && layout[i + 1] <= '6') {
          static const Std k0x[] = {kZeroMonth, kZeroDay, kZeroHour12, kZeroMinute, kZeroSecond, kYear};
          return ret(i, k0x[layout[i + 1] - '1'], 2);
        }
        if (has(i, "002")) return ret(i, kZeroYearDay, 3);
        break;
      case '1':
        if (has(i, "15")) return ret(i, kHour, 2);
        return ret(i, kNumMonth, 1);
      case '2':
        if (has(i, "2006")) return ret(i, kLongYear, 4);
        return ret(i, kDay, 1);
      case '_':
        if (layout.size() >= i + 2 && layout[i + 1] == '2') {
          if (has(i + 1, "2006")) return ret(i + 1, kLongYear, 4);
          return ret(i, kUnderDay, 2);
        }
        if (has(i, "__2")) return ret(i, kUnderYearDay, 3);
        break;
      case '3':
        return ret(i, kHour12, 1);
      case '4':
        return ret(i, kMinute, 1);
      case '5':
        return ret(i, kSecond, 1);
      case 'P':
        if (has(i, "PM")) return ret(i, kPM, 2);
        break;
      case 'p':
        if (has(i, "pm")) return ret(i, kpm, 2);
        break;
      case '-':
        if (has(i, "-070000")) return ret(i, kNumSecondsTz, 7);
        if (has(i, "-07:00:00")) return ret(i, kNumColonSecondsTZ, 9);
        if (has(i, "-0700")) return ret(i, kNumTZ, 5);
        if (has(i, "-07:00")) return ret(i, kNumColonTZ, 6);
        if (has(i, "-07")) return ret(i, kNumShortTZ, 3);
        break;
      case 'Z':
        if (has(i, "Z070000")) return ret(i, kISO8601SecondsTZ, 7);
        if (has(i, "Z07:00:00")) return ret(i, kISO8601ColonSecondsTZ, 9);
        if (has(i, "Z0700")) return ret(i, kISO8601TZ, 5);
        if (has(i, "Z07:00")) return ret(i, kISO8601ColonTZ, 6);
        if (has(i, "Z07")) return ret(i, kISO8601ShortTZ, 3);
        break;
      case '.':
      case ',':
        if (i + 1 < layout.size() && (layout[i + 1] == '0' || layout[i + 1] == '9')) {
          char ch = layout[i + 1];
          size_t j = i + 1;
          while (j < layout.size() && layout[j] == ch) ++j;
          if (!IsDigitAt(layout, j)) {
            Chunk r = ret(i, ch == '0' ? kFracSecond0 : kFracSecond9, j - i);
            r.frac_digits = static_cast<int>(j - (i + 1));
            r.frac_sep = c;
            return r;
          }
        }
        break;
    }
  }
  Chunk r;
  r.prefix = layout;
  return r;
}

void AppendNano(std::string* b, int32_t nanosec, const Chunk& c) {
  bool trim = c.std == kFracSecond9;
  int n = c.frac_digits;
  if (n > 9) n = 9;
  std::string digits = Pad(nanosec, 9);
  digits = digits.substr(0, n);
  if (trim) {
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    if (digits.empty()) return;
  }
  b->push_back(c.frac_sep);
  *b += digits;
}

}  // namespace

// ---- Zone ----

std::shared_ptr<const Zone> Zone::Utc() {
  static const std::shared_ptr<const Zone> utc = [] {
    auto z = std::make_shared<Zone>();
    z->name_ = "UTC";
    z->types_.push_back(Type{0, false, "UTC"});
    return z;
  }();
  return utc;
}

std::shared_ptr<const Zone> Zone::Local() {
  static const std::shared_ptr<const Zone> local = []() -> std::shared_ptr<const Zone> {
    const char* tz = std::getenv("TZ");
    std::shared_ptr<const Zone> z;
    if (tz == nullptr) {
      z = LoadFile("Local", "/etc/localtime");
    } else if (*tz != '\0' && std::string(tz) != "UTC") {
      std::string name = tz[0] == ':' ? tz + 1 : tz;
      z = name[0] == '/' ? LoadFile("Local", name) : LoadFile("Local", "/usr/share/zoneinfo/" + name);
    }
    if (!z) {
      auto u = std::make_shared<Zone>(*Utc());
      u->name_ = "Local";
      return u;
    }
    return z;
  }();
  return local;
}

std::shared_ptr<const Zone> Zone::Fixed(std::string name, int32_t offset) {
  auto z = std::make_shared<Zone>();
  z->name_ = name;
  z->types_.push_back(Type{offset, false, std::move(name)});
  return z;
}

Result<std::shared_ptr<const Zone>> Zone::Load(std::string_view name) {
  if (name.empty() || name == "UTC") return Utc();
  if (name == "Local") return Local();
  std::string n(name);
  bool bad = n.find("..") != std::string::npos || n[0] == '/' || n.find('\\') != std::string::npos;
  if (!bad) {
    std::lock_guard<std::mutex> lock(g_zone_mu);
    auto it = ZoneCache().find(n);
    if (it != ZoneCache().end()) return it->second;
    const char* dir = std::getenv("ZONEINFO");
    std::shared_ptr<const Zone> z;
    if (dir != nullptr && *dir) z = LoadFile(n, std::string(dir) + "/" + n);
    if (!z) z = LoadFile(n, "/usr/share/zoneinfo/" + n);
    if (z) {
      ZoneCache()[n] = z;
      return z;
    }
  }
  return Error(Code::kInvalidArgument, "unknown time zone " + n);
}

const Zone::Type& Zone::Lookup(int64_t t) const {
  if (transitions_.empty() || t < transitions_.front()) {
    // Go's lookupFirstZone: the first non-DST type.
    for (const Type& ty : types_) {
      if (!ty.dst) return ty;
    }
    return types_.front();
  }
  size_t lo = 0, hi = transitions_.size();
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (transitions_[mid] <= t) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  uint8_t idx = indices_[lo];
  return types_[idx < types_.size() ? idx : 0];
}

const Zone::Type* Zone::FindAbbr(std::string_view abbr, int64_t near) const {
  const Type& cur = Lookup(near);
  if (cur.abbr == abbr) return &cur;
  for (const Type& t : types_) {
    if (t.abbr == abbr) return &t;
  }
  return nullptr;
}

// ---- Time ----

namespace {
const std::chrono::steady_clock::time_point kProcessStart = std::chrono::steady_clock::now();
}

Time Time::Now() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  int64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now).count();
  Time t;
  t.sec = FloorDiv(ns, kNsPerSec);
  t.nsec = static_cast<int32_t>(ns - t.sec * kNsPerSec);
  t.zone = Zone::Local();
  t.mono_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - kProcessStart)
                  .count() + 1;
  return t;
}

int32_t Time::Offset() const { return zone ? zone->Lookup(sec).offset : 0; }
std::string Time::Abbr() const { return zone ? zone->Lookup(sec).abbr : "UTC"; }

Time::Civil Time::ToCivil() const {
  int64_t local = sec + Offset();
  int64_t days = FloorDiv(local, 86400);
  int64_t rem = local - days * 86400;
  Civil c;
  unsigned m, d;
  CivilFromDays(days, &c.year, &m, &d);
  c.month = static_cast<int>(m);
  c.day = static_cast<int>(d);
  c.hour = static_cast<int>(rem / 3600);
  c.minute = static_cast<int>(rem % 3600 / 60);
  c.second = static_cast<int>(rem % 60);
  c.weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  c.yday = static_cast<int>(days - DaysFromCivil(c.year, 1, 1) + 1);
  return c;
}

Time Time::AddNanos(int64_t d) const {
  Time t = *this;
  int64_t dsec = d / kNsPerSec;
  int64_t nsec = t.nsec + d % kNsPerSec;
  if (nsec >= kNsPerSec) {
    ++dsec;
    nsec -= kNsPerSec;
  } else if (nsec < 0) {
    --dsec;
    nsec += kNsPerSec;
  }
  t.sec += dsec;
  t.nsec = static_cast<int32_t>(nsec);
  if (t.mono_ns) *t.mono_ns += d;
  return t;
}

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::string Format(const Time& t, std::string_view layout) {
  Time::Civil c = t.ToCivil();
  int32_t offset = t.Offset();
  std::string name = t.Abbr();
  std::string b;
  while (!layout.empty()) {
    Chunk ch = NextStdChunk(layout);
    b += ch.prefix;
    if (ch.std == kNone) break;
    layout = ch.suffix;
    switch (ch.std) {
      case kYear:
        b += Pad(((c.year % 100) + 100) % 100, 2);
        break;
      case kLongYear:
        b += Pad(c.year, 4);
        break;
      case kMonth:
        b += std::string(kLongMonths[c.month - 1]).substr(0, 3);
        break;
      case kLongMonth:
        b += kLongMonths[c.month - 1];
        break;
      case kNumMonth:
        b += std::to_string(c.month);
        break;
      case kZeroMonth:
        b += Pad(c.month, 2);
        break;
      case kWeekDay:
        b += std::string(kLongDays[c.weekday]).substr(0, 3);
        break;
      case kLongWeekDay:
        b += kLongDays[c.weekday];
        break;
      case kDay:
        b += std::to_string(c.day);
        break;
      case kUnderDay:
        if (c.day < 10) b.push_back(' ');
        b += std::to_string(c.day);
        break;
      case kZeroDay:
        b += Pad(c.day, 2);
        break;
      case kUnderYearDay:
        b += Pad(c.yday, 3, ' ');
        break;
      case kZeroYearDay:
        b += Pad(c.yday, 3);
        break;
      case kHour:
        b += Pad(c.hour, 2);
        break;
      case kHour12: {
        int hr = c.hour % 12;
        b += std::to_string(hr == 0 ? 12 : hr);
        break;
      }
      case kZeroHour12: {
        int hr = c.hour % 12;
        b += Pad(hr == 0 ? 12 : hr, 2);
        break;
      }
      case kMinute:
        b += std::to_string(c.minute);
        break;
      case kZeroMinute:
        b += Pad(c.minute, 2);
        break;
      case kSecond:
        b += std::to_string(c.second);
        break;
      case kZeroSecond:
        b += Pad(c.second, 2);
        break;
      case kPM:
        b += c.hour >= 12 ? "PM" : "AM";
        break;
      case kpm:
        b += c.hour >= 12 ? "pm" : "am";
        break;
      case kISO8601TZ:
      case kISO8601ColonTZ:
      case kISO8601SecondsTZ:
      case kISO8601ShortTZ:
      case kISO8601ColonSecondsTZ:
      case kNumTZ:
      case kNumColonTZ:
      case kNumSecondsTz:
      case kNumShortTZ:
      case kNumColonSecondsTZ: {
        bool iso = ch.std == kISO8601TZ || ch.std == kISO8601ColonTZ || ch.std == kISO8601SecondsTZ ||
                   ch.std == kISO8601ShortTZ || ch.std == kISO8601ColonSecondsTZ;
        if (offset == 0 && iso) {
          b.push_back('Z');
          break;
        }
        int zone = offset / 60;
        int absoffset = offset;
        if (zone < 0) {
          b.push_back('-');
          zone = -zone;
          absoffset = -absoffset;
        } else {
          b.push_back('+');
        }
        b += Pad(zone / 60, 2);
        if (ch.std == kISO8601ColonTZ || ch.std == kNumColonTZ || ch.std == kISO8601ColonSecondsTZ ||
            ch.std == kNumColonSecondsTZ) {
          b.push_back(':');
        }
        if (ch.std != kNumShortTZ && ch.std != kISO8601ShortTZ) b += Pad(zone % 60, 2);
        if (ch.std == kISO8601SecondsTZ || ch.std == kNumSecondsTz || ch.std == kNumColonSecondsTZ ||
            ch.std == kISO8601ColonSecondsTZ) {
          if (ch.std == kNumColonSecondsTZ || ch.std == kISO8601ColonSecondsTZ) b.push_back(':');
          b += Pad(absoffset % 60, 2);
        }
        break;
      }
      case kTZ: {
        if (!name.empty()) {
          b += name;
          break;
        }
        int zone = offset / 60;
        if (zone < 0) {
          b.push_back('-');
          zone = -zone;
        } else {
          b.push_back('+');
        }
        b += Pad(zone / 60, 2);
        b += Pad(zone % 60, 2);
        break;
      }
      case kFracSecond0:
      case kFracSecond9:
        AppendNano(&b, t.nsec, ch);
        break;
      default:
        break;
    }
  }
  return b;
}

std::string String(const Time& t) {
  std::string s = Format(t, "2006-01-02 15:04:05.999999999 -0700 MST");
  if (t.mono_ns) {
    int64_t m = *t.mono_ns;
    char sign = '+';
    if (m < 0) {
      sign = '-';
      m = -m;
    }
    s += " m=";
    s.push_back(sign);
    s += std::to_string(m / kNsPerSec) + "." + Pad(m % kNsPerSec, 9);
  }
  return s;
}

// ---- Parse ----

namespace {

struct ParseState {
  std::string_view alayout, avalue;
};

Status ParseError(const ParseState& st, std::string_view layout_elem, std::string_view value_elem,
                  std::string_view message) {
  if (message.empty()) {
    return Error(Code::kInvalidArgument, "parsing time " + GoQuote(st.avalue) + " as " + GoQuote(st.alayout) +
                                             ": cannot parse " + GoQuote(value_elem) + " as " + GoQuote(layout_elem));
  }
  return Error(Code::kInvalidArgument, "parsing time " + GoQuote(st.avalue) + std::string(message));
}

std::string_view CutSpace(std::string_view s) {
  while (!s.empty() && s[0] == ' ') s.remove_prefix(1);
  return s;
}

bool Skip(std::string_view* value, std::string_view prefix) {
  while (!prefix.empty()) {
    if (prefix[0] == ' ') {
      if (!value->empty() && (*value)[0] != ' ') return false;
      prefix = CutSpace(prefix);
      *value = CutSpace(*value);
      continue;
    }
    if (value->empty() || (*value)[0] != prefix[0]) return false;
    prefix.remove_prefix(1);
    value->remove_prefix(1);
  }
  return true;
}

bool GetNum(std::string_view* s, bool fixed, int* out) {
  if (!IsDigitAt(*s, 0)) return false;
  if (!IsDigitAt(*s, 1)) {
    if (fixed) return false;
    *out = (*s)[0] - '0';
    s->remove_prefix(1);
    return true;
  }
  *out = ((*s)[0] - '0') * 10 + ((*s)[1] - '0');
  s->remove_prefix(2);
  return true;
}

bool GetNum3(std::string_view* s, bool fixed, int* out) {
  int n = 0, i = 0;
  for (; i < 3 && IsDigitAt(*s, i); ++i) n = n * 10 + ((*s)[i] - '0');
  if (i == 0 || (fixed && i != 3)) return false;
  *out = n;
  s->remove_prefix(i);
  return true;
}

bool LookupName(const char* const* tab, int n, int prefix_len, std::string_view* val, int* idx) {
  for (int i = 0; i < n; ++i) {
    std::string v = tab[i];
    if (prefix_len > 0) v = v.substr(0, prefix_len);
    if (val->size() >= v.size()) {
      bool eq = true;
      for (size_t k = 0; k < v.size() && eq; ++k) {
        eq = std::tolower(static_cast<unsigned char>((*val)[k])) == std::tolower(static_cast<unsigned char>(v[k]));
      }
      if (eq) {
        *idx = i;
        val->remove_prefix(v.size());
        return true;
      }
    }
  }
  return false;
}

// Returns false on syntax error; sets *range_err for out-of-range fractions.
bool ParseNanos(std::string_view value, size_t nbytes, int32_t* ns) {
  if (value.empty() || (value[0] != '.' && value[0] != ',')) return false;
  if (nbytes > 10) nbytes = 10;
  int64_t v = 0;
  for (size_t i = 1; i < nbytes; ++i) {
    if (!IsDigitAt(value, i)) return false;
    v = v * 10 + (value[i] - '0');
  }
  for (size_t i = 0; i < 10 - nbytes; ++i) v *= 10;
  *ns = static_cast<int32_t>(v);
  return true;
}

size_t ParseTimeZoneLen(std::string_view value) {
  if (value.size() < 3) return 0;
  if (value.size() >= 4 && (value.substr(0, 4) == "ChST" || value.substr(0, 4) == "MeST")) return 4;
  if (value.substr(0, 3) == "GMT") {
    size_t n = 3;
    if (value.size() > 3 && (value[3] == '+' || value[3] == '-')) {
      size_t k = 4;
      while (k < value.size() && IsDigitAt(value, k)) ++k;
      if (k > 4) n = k;
    }
    return n;
  }
  if (value[0] == '+' || value[0] == '-') {
    size_t k = 1;
    while (k < value.size() && IsDigitAt(value, k)) ++k;
    return k > 1 ? k : 0;
  }
  size_t n = 0;
  while (n < value.size() && n < 6 && value[n] >= 'A' && value[n] <= 'Z') ++n;
  switch (n) {
    case 0:
    case 1:
    case 2:
    case 6:
      return 0;
    case 5:
      return value[4] == 'T' ? 5 : 0;
    case 4:
      return (value[3] == 'T' || value.substr(0, 4) == "WITA") ? 4 : 0;
    default:
      return 3;
  }
}

Time MakeDate(int64_t year, int month, int day, int hour, int min, int sec, int32_t nsec,
              const std::shared_ptr<const Zone>& loc) {
  int64_t unix = DaysFromCivil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec;
  Time t;
  t.nsec = nsec;
  t.zone = loc;
  int32_t offset = loc ? loc->Lookup(unix).offset : 0;
  if (offset != 0) {
    int32_t off2 = loc->Lookup(unix - offset).offset;
    if (off2 != offset) offset = off2;
  }
  t.sec = unix - offset;
  return t;
}

}  // namespace

Result<Time> ParseInLocation(std::string_view layout, std::string_view value, std::shared_ptr<const Zone> loc) {
  ParseState st{layout, value};
  bool am = false, pm = false;
  int64_t year = 0;
  int month = -1, day = -1, yday = -1, hour = 0, min = 0, sec = 0;
  int32_t nsec = 0;
  std::shared_ptr<const Zone> z;
  int zone_offset = -1;
  bool have_offset = false;
  std::string zone_name;
  while (true) {
    Chunk ch = NextStdChunk(layout);
    std::string_view stdstr = layout.substr(ch.prefix.size(), layout.size() - ch.prefix.size() - ch.suffix.size());
    if (!Skip(&value, ch.prefix)) return ParseError(st, ch.prefix, value, "");
    if (ch.std == kNone) {
      if (!value.empty()) return ParseError(st, "", value, ": extra text: " + GoQuote(value));
      break;
    }
    layout = ch.suffix;
    std::string_view hold = value;
    bool ok = true;
    std::string range_err;
    switch (ch.std) {
      case kYear: {
        if (value.size() < 2 || !IsDigitAt(value, 0) || !IsDigitAt(value, 1)) {
          ok = false;
          break;
        }
        year = (value[0] - '0') * 10 + (value[1] - '0');
        value.remove_prefix(2);
        year += year >= 69 ? 1900 : 2000;
        break;
      }
      case kLongYear: {
        if (value.size() < 4 || !IsDigitAt(value, 0)) {
          ok = false;
          break;
        }
        int64_t y = 0;
        for (int i = 0; i < 4; ++i) {
          if (!IsDigitAt(value, i)) {
            ok = false;
            break;
          }
          y = y * 10 + (value[i] - '0');
        }
        if (ok) {
          year = y;
          value.remove_prefix(4);
        }
        break;
      }
      case kMonth:
      case kLongMonth: {
        int idx;
        ok = LookupName(kLongMonths, 12, ch.std == kMonth ? 3 : 0, &value, &idx);
        month = idx + 1;
        break;
      }
      case kNumMonth:
      case kZeroMonth:
        ok = GetNum(&value, ch.std == kZeroMonth, &month);
        if (ok && (month <= 0 || month > 12)) range_err = "month";
        break;
      case kWeekDay:
      case kLongWeekDay: {
        int idx;
        ok = LookupName(kLongDays, 7, ch.std == kWeekDay ? 3 : 0, &value, &idx);
        break;
      }
      case kDay:
      case kUnderDay:
      case kZeroDay:
        if (ch.std == kUnderDay && !value.empty() && value[0] == ' ') value.remove_prefix(1);
        ok = GetNum(&value, ch.std == kZeroDay, &day);
        break;
      case kUnderYearDay:
      case kZeroYearDay:
        for (int i = 0; i < 2; ++i) {
          if (ch.std == kUnderYearDay && !value.empty() && value[0] == ' ') value.remove_prefix(1);
        }
        ok = GetNum3(&value, ch.std == kZeroYearDay, &yday);
        break;
      case kHour:
        ok = GetNum(&value, false, &hour);
        if (hour < 0 || hour >= 24) range_err = "hour";
        break;
      case kHour12:
      case kZeroHour12:
        ok = GetNum(&value, ch.std == kZeroHour12, &hour);
        if (hour < 0 || hour > 12) range_err = "hour";
        break;
      case kMinute:
      case kZeroMinute:
        ok = GetNum(&value, ch.std == kZeroMinute, &min);
        if (min < 0 || min >= 60) range_err = "minute";
        break;
      case kSecond:
      case kZeroSecond: {
        ok = GetNum(&value, ch.std == kZeroSecond, &sec);
        if (!ok) break;
        if (sec < 0 || sec >= 60) {
          range_err = "second";
          break;
        }
        if (value.size() >= 2 && (value[0] == '.' || value[0] == ',') && IsDigitAt(value, 1)) {
          Chunk next = NextStdChunk(layout);
          if (next.std == kFracSecond0 || next.std == kFracSecond9) break;
          size_t n = 2;
          while (n < value.size() && IsDigitAt(value, n)) ++n;
          ok = ParseNanos(value, n, &nsec);
          value.remove_prefix(n);
        }
        break;
      }
      case kPM:
      case kpm: {
        if (value.size() < 2) {
          ok = false;
          break;
        }
        std::string_view p = value.substr(0, 2);
        value.remove_prefix(2);
        if (p == (ch.std == kPM ? "PM" : "pm")) {
          pm = true;
        } else if (p == (ch.std == kPM ? "AM" : "am")) {
          am = true;
        } else {
          ok = false;
        }
        break;
      }
      case kISO8601TZ:
      case kISO8601ShortTZ:
      case kISO8601ColonTZ:
      case kISO8601SecondsTZ:
      case kISO8601ColonSecondsTZ:
        if (!value.empty() && value[0] == 'Z') {
          value.remove_prefix(1);
          z = Zone::Utc();
          break;
        }
        [[fallthrough]];
      case kNumTZ:
      case kNumShortTZ:
      case kNumColonTZ:
      case kNumSecondsTz:
      case kNumColonSecondsTZ: {
        std::string_view sign, hh, mm, ss = "00";
        Std s = ch.std;
        if (s == kISO8601ColonTZ || s == kNumColonTZ) {
          if (value.size() < 6 || value[3] != ':') {
            ok = false;
            break;
          }
          sign = value.substr(0, 1), hh = value.substr(1, 2), mm = value.substr(4, 2);
          value.remove_prefix(6);
        } else if (s == kNumShortTZ || s == kISO8601ShortTZ) {
          if (value.size() < 3) {
            ok = false;
            break;
          }
          sign = value.substr(0, 1), hh = value.substr(1, 2), mm = "00";
          value.remove_prefix(3);
        } else if (s == kISO8601ColonSecondsTZ || s == kNumColonSecondsTZ) {
          if (value.size() < 9 || value[3] != ':' || value[6] != ':') {
            ok = false;
            break;
          }
          sign = value.substr(0, 1), hh = value.substr(1, 2), mm = value.substr(4, 2), ss = value.substr(7, 2);
          value.remove_prefix(9);
        } else if (s == kISO8601SecondsTZ || s == kNumSecondsTz) {
          if (value.size() < 7) {
            ok = false;
            break;
          }
          sign = value.substr(0, 1), hh = value.substr(1, 2), mm = value.substr(3, 2), ss = value.substr(5, 2);
          value.remove_prefix(7);
        } else {
          if (value.size() < 5) {
            ok = false;
            break;
          }
          sign = value.substr(0, 1), hh = value.substr(1, 2), mm = value.substr(3, 2);
          value.remove_prefix(5);
        }
        int hr = 0, mi = 0, se = 0;
        ok = GetNum(&hh, true, &hr) && GetNum(&mm, true, &mi) && GetNum(&ss, true, &se);
        if (hr > 24) range_err = "time zone offset hour";
        if (mi > 60) range_err = "time zone offset minute";
        if (se > 60) range_err = "time zone offset second";
        zone_offset = (hr * 60 + mi) * 60 + se;
        have_offset = true;
        if (sign == "-") {
          zone_offset = -zone_offset;
        } else if (sign != "+") {
          ok = false;
        }
        break;
      }
      case kTZ: {
        if (value.size() >= 3 && value.substr(0, 3) == "UTC") {
          z = Zone::Utc();
          value.remove_prefix(3);
          break;
        }
        size_t n = ParseTimeZoneLen(value);
        if (n == 0) {
          ok = false;
          break;
        }
        zone_name = std::string(value.substr(0, n));
        value.remove_prefix(n);
        break;
      }
      case kFracSecond0: {
        size_t nd = 1 + ch.frac_digits;
        if (value.size() < nd) {
          ok = false;
          break;
        }
        ok = ParseNanos(value, nd, &nsec);
        value.remove_prefix(nd);
        break;
      }
      case kFracSecond9: {
        if (value.size() < 2 || (value[0] != '.' && value[0] != ',') || !IsDigitAt(value, 1)) break;
        size_t i = 0;
        while (i + 1 < value.size() && IsDigitAt(value, i + 1)) ++i;
        ok = ParseNanos(value, 1 + i, &nsec);
        value.remove_prefix(1 + i);
        break;
      }
      default:
        break;
    }
    if (!range_err.empty()) return ParseError(st, stdstr, value, ": " + range_err + " out of range");
    if (!ok) return ParseError(st, stdstr, hold, "");
  }
  if (pm && hour < 12) {
    hour += 12;
  } else if (am && hour == 12) {
    hour = 0;
  }
  if (yday >= 0) {
    int d = 0, m = 0;
    if (IsLeap(year)) {
      if (yday == 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) {
        --yday;
      }
    }
    if (yday < 1 || yday > 365) return ParseError(st, "", value, ": day-of-year out of range");
    if (m == 0) {
      m = (yday - 1) / 31 + 1;
      int before = 0;
      for (int k = 1; k < m; ++k) before += DaysIn(k, 2001);
      if (before + DaysIn(m, 2001) < yday) {
        before += DaysIn(m, 2001);
        ++m;
      }
      d = yday - before;
    }
    if (month >= 0 && month != m) return ParseError(st, "", value, ": day-of-year does not match month");
    month = m;
    if (day >= 0 && day != d) return ParseError(st, "", value, ": day-of-year does not match day");
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > DaysIn(month, year)) return ParseError(st, "", value, ": day out of range");
  if (z) return MakeDate(year, month, day, hour, min, sec, nsec, z);
  if (have_offset) {
    Time t = MakeDate(year, month, day, hour, min, sec, nsec, Zone::Utc());
    t.sec -= zone_offset;
    const Zone::Type& lt = loc->Lookup(t.sec);
    if (lt.offset == zone_offset && (zone_name.empty() || lt.abbr == zone_name)) {
      t.zone = loc;
      return t;
    }
    t.zone = Zone::Fixed(zone_name, zone_offset);
    return t;
  }
  if (!zone_name.empty()) {
    Time t = MakeDate(year, month, day, hour, min, sec, nsec, Zone::Utc());
    if (const Zone::Type* ty = loc->FindAbbr(zone_name, t.sec)) {
      t.sec -= ty->offset;
      t.zone = loc;
      return t;
    }
    int offset = 0;
    if (zone_name.size() > 3 && zone_name.substr(0, 3) == "GMT") offset = std::atoi(zone_name.c_str() + 3) * 3600;
    t.zone = Zone::Fixed(zone_name, offset);
    return t;
  }
  return MakeDate(year, month, day, hour, min, sec, nsec, loc);
}

// ---- Durations ----

Result<int64_t> ParseDuration(std::string_view s) {
  std::string orig(s);
  auto invalid = [&]() { return Error(Code::kInvalidArgument, "time: invalid duration " + GoQuote(orig)); };
  uint64_t d = 0;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return int64_t{0};
  if (s.empty()) return invalid();
  const uint64_t kMax = uint64_t{1} << 63;
  while (!s.empty()) {
    uint64_t v = 0, f = 0;
    double scale = 1;
    if (!(s[0] == '.' || (s[0] >= '0' && s[0] <= '9'))) return invalid();
    size_t pl = s.size();
    size_t i = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      if (v > (kMax - 1) / 10) return invalid();
      v = v * 10 + (s[i] - '0');
      if (v > kMax) return invalid();
    }
    s.remove_prefix(i);
    bool pre = pl != s.size();
    bool post = false;
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      size_t pl2 = s.size();
      bool overflow = false;
      size_t k = 0;
      for (; k < s.size() && s[k] >= '0' && s[k] <= '9'; ++k) {
        if (overflow) continue;
        if (f > (kMax - 1) / 10) {
          overflow = true;
          continue;
        }
        uint64_t y = f * 10 + (s[k] - '0');
        if (y > kMax) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      s.remove_prefix(k);
      post = pl2 != s.size();
    }
    if (!pre && !post) return invalid();
    size_t u = 0;
    while (u < s.size() && !(s[u] == '.' || (s[u] >= '0' && s[u] <= '9'))) ++u;
    if (u == 0) return Error(Code::kInvalidArgument, "time: missing unit in duration " + GoQuote(orig));
    std::string_view unit_s = s.substr(0, u);
    s.remove_prefix(u);
    uint64_t unit;
    if (unit_s == "ns") {
      unit = 1;
    } else if (unit_s == "us" || unit_s == "\xC2\xB5s" || unit_s == "\xCE\xBCs") {
      unit = 1000;
    } else if (unit_s == "ms") {
      unit = 1000000;
    } else if (unit_s == "s") {
      unit = kNsPerSec;
    } else if (unit_s == "m") {
      unit = 60 * kNsPerSec;
    } else if (unit_s == "h") {
      unit = 3600 * kNsPerSec;
    } else {
      return Error(Code::kInvalidArgument,
                   "time: unknown unit " + GoQuote(unit_s) + " in duration " + GoQuote(orig));
    }
    if (v > kMax / unit) return invalid();
    v *= unit;
    if (f > 0) {
      v += static_cast<uint64_t>(static_cast<double>(f) * (static_cast<double>(unit) / scale));
      if (v > kMax) return invalid();
    }
    d += v;
    if (d > kMax) return invalid();
  }
  if (neg) return static_cast<int64_t>(0 - d);
  if (d > kMax - 1) return invalid();
  return static_cast<int64_t>(d);
}

namespace {
// Formats v / 10^prec's fraction (trailing zeros dropped) in front of buf; returns v / 10^prec.
uint64_t FmtFrac(std::string* out, uint64_t v, int prec) {
  std::string frac;
  bool print = false;
  for (int i = 0; i < prec; ++i) {
    int digit = static_cast<int>(v % 10);
    print = print || digit != 0;
    if (print) frac.insert(frac.begin(), static_cast<char>('0' + digit));
    v /= 10;
  }
  if (print) *out = "." + frac + *out;
  return v;
}
}  // namespace

std::string DurationString(int64_t d) {
  uint64_t u = static_cast<uint64_t>(d);
  bool neg = d < 0;
  if (neg) u = 0 - u;
  std::string out;
  if (u < static_cast<uint64_t>(kNsPerSec)) {
    if (u == 0) return "0s";
    int prec;
    if (u < 1000) {
      prec = 0;
      out = "ns";
    } else if (u < 1000000) {
      prec = 3;
      out = "\xC2\xB5s";
    } else {
      prec = 6;
      out = "ms";
    }
    u = FmtFrac(&out, u, prec);
    out = std::to_string(u) + out;
  } else {
    out = "s";
    u = FmtFrac(&out, u, 9);
    out = std::to_string(u % 60) + out;
    u /= 60;
    if (u > 0) {
      out = std::to_string(u % 60) + "m" + out;
      u /= 60;
      if (u > 0) out = std::to_string(u) + "h" + out;
    }
  }
  if (neg) out = "-" + out;
  return out;
}

int64_t DurationRound(int64_t d, int64_t m) {
  if (m <= 0) return d;
  int64_t r = d % m;
  auto less_than_half = [](int64_t x, int64_t y) {
    return static_cast<uint64_t>(x) + static_cast<uint64_t>(x) < static_cast<uint64_t>(y);
  };
  if (d < 0) {
    r = -r;
    if (less_than_half(r, m)) return d + r;
    int64_t d1 = d - m + r;
    if (d1 < d) return d1;
    return INT64_MIN;
  }
  if (less_than_half(r, m)) return d - r;
  int64_t d1 = d + m - r;
  if (d1 > d) return d1;
  return INT64_MAX;
}

}  // namespace helm::funcs::gotime
