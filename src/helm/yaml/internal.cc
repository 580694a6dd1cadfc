#include "helm/yaml/internal.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "helm/base/strings.h"

namespace helm::yaml::internal {
namespace {

struct RuneRange {
  uint32_t lo, hi;
};
#include "helm/yaml/unicode_tables.inc"

template <size_t N>
bool InTable(const RuneRange (&t)[N], uint32_t r) {
  size_t lo = 0, hi = N;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (r < t[mid].lo) {
      hi = mid;
    } else if (r > t[mid].hi) {
      lo = mid + 1;
    } else {
      return true;
    }
  }
  return false;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// strconv.ParseUint(s, 0, 64) on a string without underscores. Returns false on syntax or range errors.
bool GoParseUint(std::string_view s, uint64_t* out) {
  if (s.empty()) return false;
  int base = 10;
  if (s[0] == '0') {
    char c1 = s.size() >= 3 ? static_cast<char>(s[1] | 0x20) : 0;
    if (c1 == 'b') {
      base = 2;
      s.remove_prefix(2);
    } else if (c1 == 'o') {
      base = 8;
      s.remove_prefix(2);
    } else if (c1 == 'x') {
      base = 16;
      s.remove_prefix(2);
    } else {
      base = 8;
      s.remove_prefix(1);
    }
  }
  uint64_t n = 0;
  for (char c : s) {
    int d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
      d = (c | 0x20) - 'a' + 10;
    } else {
      return false;
    }
    if (d >= base) return false;
    if (n > (std::numeric_limits<uint64_t>::max() - d) / base) return false;
    n = n * base + d;
  }
  *out = n;
  return true;
}

// strconv.ParseInt(s, 0, 64).
bool GoParseInt(std::string_view s, int64_t* out) {
  if (s.empty()) return false;
  bool neg = false;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  uint64_t u;
  if (!GoParseUint(s, &u)) return false;
  constexpr uint64_t kCutoff = uint64_t{1} << 63;
  if (!neg && u >= kCutoff) return false;
  if (neg && u > kCutoff) return false;
  *out = neg ? static_cast<int64_t>(0 - u) : static_cast<int64_t>(u);
  return true;
}

// ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool MatchYamlFloat(std::string_view s) {
  size_t i = 0, n = s.size();
  if (i < n && (s[i] == '+' || s[i] == '-')) i++;
  if (i < n && s[i] == '.') {
    i++;
    size_t st = i;
    while (i < n && IsDigit(s[i])) i++;
    if (i == st) return false;
  } else {
    size_t st = i;
    while (i < n && IsDigit(s[i])) i++;
    if (i == st) return false;
    if (i < n && s[i] == '.') {
      i++;
      while (i < n && IsDigit(s[i])) i++;
    }
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    size_t st = i;
    while (i < n && IsDigit(s[i])) i++;
    if (i == st) return false;
  }
  return i == n;
}

// strconv.ParseFloat on text already known to be a plain decimal float. Overflow is an error in Go.
bool ParseDecimalFloat(std::string_view s, double* out) {
  std::string tmp(s);
  errno = 0;
  char* end = nullptr;
  double v = std::strtod(tmp.c_str(), &end);
  if (end != tmp.c_str() + tmp.size()) return false;
  if (std::isinf(v)) return false;
  *out = v;
  return true;
}

// Go's time.Parse getnum: one or two digits.
bool GetNum(std::string_view s, size_t* i, int* v) {
  if (*i >= s.size() || !IsDigit(s[*i])) return false;
  if (*i + 1 >= s.size() || !IsDigit(s[*i + 1])) {
    *v = s[*i] - '0';
    *i += 1;
    return true;
  }
  *v = (s[*i] - '0') * 10 + (s[*i + 1] - '0');
  *i += 2;
  return true;
}

bool DayValid(int year, int month, int day) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int d = kDays[month - 1];
  if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) d = 29;
  return day >= 1 && day <= d;
}

// go-yaml v2's parseTimestamp: time.Parse with the layouts "2006-1-2T15:4:5.999999999Z07:00" (also with a
// lower-case t), "2006-1-2 15:4:5.999999999" and "2006-1-2".
bool IsTimestamp(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && IsDigit(s[i])) i++;
  if (i != 4 || i == s.size() || s[i] != '-') return false;
  int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  i = 5;
  int month, day;
  if (!GetNum(s, &i, &month) || month < 1 || month > 12) return false;
  if (i >= s.size() || s[i] != '-') return false;
  i++;
  if (!GetNum(s, &i, &day)) return false;
  if (day < 1 || day > 31) return false;
  if (i == s.size()) return DayValid(year, month, day);
  char sep = s[i];
  if (sep != 'T' && sep != 't' && sep != ' ') return false;
  i++;
  int hh, mm, ss;
  if (!GetNum(s, &i, &hh) || hh > 23) return false;
  if (i >= s.size() || s[i] != ':') return false;
  i++;
  if (!GetNum(s, &i, &mm) || mm > 59) return false;
  if (i >= s.size() || s[i] != ':') return false;
  i++;
  if (!GetNum(s, &i, &ss) || ss > 59) return false;
  if (i + 1 < s.size() && (s[i] == '.' || s[i] == ',') && IsDigit(s[i + 1])) {
    i++;
    while (i < s.size() && IsDigit(s[i])) i++;
  }
  if (sep != ' ') {
    if (i < s.size() && s[i] == 'Z') {
      i++;
    } else {
      if (s.size() - i < 6) return false;
      if (s[i] != '+' && s[i] != '-') return false;
      if (!IsDigit(s[i + 1]) || !IsDigit(s[i + 2]) || s[i + 3] != ':' || !IsDigit(s[i + 4]) ||
          !IsDigit(s[i + 5])) {
        return false;
      }
      int oh = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
      int om = (s[i + 4] - '0') * 10 + (s[i + 5] - '0');
      if (oh > 24 || om > 60) return false;
      i += 6;
    }
  }
  if (i != s.size()) return false;
  return DayValid(year, month, day);
}

// Shortest decimal digits of a float32 and the decimal point position (value = 0.d1d2.. * 10^dp).
void ShortestFloat32(float x, std::string* digits, int* dp) {
  char buf[64];
  for (int prec = 1; prec <= 9; prec++) {
    std::snprintf(buf, sizeof buf, "%.*e", prec - 1, static_cast<double>(x));
    if (std::strtof(buf, nullptr) == x || prec == 9) break;
  }
  // buf: d.ddde[+-]XX
  digits->clear();
  const char* p = buf;
  if (*p == '-') p++;
  for (; *p && *p != 'e'; p++) {
    if (*p != '.') digits->push_back(*p);
  }
  int exp = std::atoi(p + 1);
  while (digits->size() > 1 && digits->back() == '0') digits->pop_back();
  *dp = exp + 1;
}

}  // namespace

Resolved ResolvePlain(std::string_view in) {
  Resolved r;
  char hint = 'N';
  if (!in.empty()) {
    unsigned char c = in[0];
    if (c == '+' || c == '-') {
      hint = 'S';
    } else if (c >= '0' && c <= '9') {
      hint = 'D';
    } else if (std::strchr("yYnNtTfFoO~", c) != nullptr && c != 0) {
      hint = 'M';
    } else if (c == '.') {
      hint = '.';
    } else {
      hint = 0;
    }
  }
  if (hint == 0) return r;
  // The resolve map.
  switch (in.size()) {
    case 0:
      r.kind = ScalarKind::kNull;
      return r;
    case 1:
      if (in == "y" || in == "Y") {
        r.kind = ScalarKind::kBool;
        r.b = true;
        return r;
      }
      if (in == "n" || in == "N") {
        r.kind = ScalarKind::kBool;
        return r;
      }
      if (in == "~") {
        r.kind = ScalarKind::kNull;
        return r;
      }
      break;
    default:
      if (in == "yes" || in == "Yes" || in == "YES" || in == "true" || in == "True" || in == "TRUE" ||
          in == "on" || in == "On" || in == "ON") {
        r.kind = ScalarKind::kBool;
        r.b = true;
        return r;
      }
      if (in == "no" || in == "No" || in == "NO" || in == "false" || in == "False" || in == "FALSE" ||
          in == "off" || in == "Off" || in == "OFF") {
        r.kind = ScalarKind::kBool;
        return r;
      }
      if (in == "null" || in == "Null" || in == "NULL") {
        r.kind = ScalarKind::kNull;
        return r;
      }
      if (in == ".nan" || in == ".NaN" || in == ".NAN") {
        r.kind = ScalarKind::kFloat;
        r.f = std::numeric_limits<double>::quiet_NaN();
        return r;
      }
      if (in == ".inf" || in == ".Inf" || in == ".INF" || in == "+.inf" || in == "+.Inf" || in == "+.INF") {
        r.kind = ScalarKind::kFloat;
        r.f = std::numeric_limits<double>::infinity();
        return r;
      }
      if (in == "-.inf" || in == "-.Inf" || in == "-.INF") {
        r.kind = ScalarKind::kFloat;
        r.f = -std::numeric_limits<double>::infinity();
        return r;
      }
      break;
  }
  if (hint == '.') {
    // strconv.ParseFloat of text starting with '.': only ".digits[exponent]" is valid Go syntax.
    if (in.size() >= 2 && MatchYamlFloat(in) && ParseDecimalFloat(in, &r.f)) r.kind = ScalarKind::kFloat;
    return r;
  }
  if (hint == 'D' || hint == 'S') {
    if (IsTimestamp(in)) {
      r.kind = ScalarKind::kTimestamp;
      return r;
    }
    std::string plain;
    plain.reserve(in.size());
    for (char c : in) {
      if (c != '_') plain.push_back(c);
    }
    if (GoParseInt(plain, &r.i)) {
      r.kind = ScalarKind::kInt;
      return r;
    }
    if (GoParseUint(plain, &r.u)) {
      r.kind = ScalarKind::kUint;
      return r;
    }
    if (MatchYamlFloat(plain) && ParseDecimalFloat(plain, &r.f)) {
      r.kind = ScalarKind::kFloat;
      return r;
    }
  }
  return r;
}

bool IsBase60Float(std::string_view s) {
  // ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
  if (s.empty()) return false;
  char c = s[0];
  if (!(c == '+' || c == '-' || IsDigit(c)) || s.find(':') == std::string_view::npos) return false;
  size_t i = 0, n = s.size();
  if (s[i] == '+' || s[i] == '-') i++;
  if (i >= n || !IsDigit(s[i])) return false;
  i++;
  while (i < n && (IsDigit(s[i]) || s[i] == '_')) i++;
  int groups = 0;
  while (i < n && s[i] == ':') {
    i++;
    // [0-5]?[0-9]
    if (i + 1 < n && s[i] >= '0' && s[i] <= '5' && IsDigit(s[i + 1])) {
      i += 2;
    } else if (i < n && IsDigit(s[i])) {
      i += 1;
    } else {
      return false;
    }
    groups++;
  }
  if (groups == 0) return false;
  if (i < n && s[i] == '.') {
    i++;
    while (i < n && (IsDigit(s[i]) || s[i] == '_')) i++;
  }
  return i == n;
}

std::string FormatFloat32G(double f) {
  float x = static_cast<float>(f);
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x > 0 ? "+Inf" : "-Inf";
  std::string out;
  if (std::signbit(x)) out.push_back('-');
  if (x == 0) {
    out.push_back('0');
    return out;
  }
  std::string d;
  int dp;
  ShortestFloat32(std::fabs(x), &d, &dp);
  int exp = dp - 1;
  if (exp < -4 || exp >= 6) {
    out.push_back(d[0]);
    if (d.size() > 1) {
      out.push_back('.');
      out.append(d, 1, std::string::npos);
    }
    out.push_back('e');
    out.push_back(exp < 0 ? '-' : '+');
    int a = exp < 0 ? -exp : exp;
    if (a < 10) out.push_back('0');
    out += std::to_string(a);
    return out;
  }
  if (dp <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-dp), '0');
    out += d;
  } else if (static_cast<size_t>(dp) >= d.size()) {
    out += d;
    out.append(dp - d.size(), '0');
  } else {
    out.append(d, 0, dp);
    out.push_back('.');
    out.append(d, dp, std::string::npos);
  }
  return out;
}

void AppendJsonFloat(std::string* out, double f) {
  double a = std::fabs(f);
  char fmt = 'f';
  if (a != 0 && (a < 1e-6 || a >= 1e21)) fmt = 'e';
  std::string s = FormatFloat(f, fmt, -1);
  if (fmt == 'e') {
    size_t n = s.size();
    if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0') {
      s[n - 2] = s[n - 1];
      s.pop_back();
    }
  }
  out->append(s);
}

bool IsGoLetter(uint32_t r) {
  if (r < 0x80) return (r | 0x20) >= 'a' && (r | 0x20) <= 'z';
  return InTable(kLetter, r);
}

bool IsGoDigit(uint32_t r) {
  if (r < 0x80) return r >= '0' && r <= '9';
  return InTable(kDigit, r);
}

bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    int w;
    uint32_t r = DecodeRune(s, i, &w);
    if (r == 0xFFFD && w == 1) return false;
    i += w;
  }
  return true;
}

std::string CoerceUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      i++;
      continue;
    }
    int w;
    uint32_t r = DecodeRune(s, i, &w);
    if (r == 0xFFFD && w == 1) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(s.substr(i, w));
    }
    i += w;
  }
  return out;
}

}  // namespace helm::yaml::internal
