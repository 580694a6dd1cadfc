#include "helm/base/strings.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace helm {
namespace {

// Decimal digits and decimal-point position of |f|: value = 0.d1d2...dn * 10^dp.
struct Digits {
  std::string d;  // no leading zeros; empty for zero
  int dp = 0;
};

// Shortest round-trip digits (prec < 0) or digits rounded to `prec` significant digits.
Digits DigitsOf(double f, int significant) {
  Digits out;
  f = std::fabs(f);
  if (f == 0) {
    out.dp = 0;
    if (significant > 0) out.d.assign(1, '0');  // caller handles zero specially
    out.d.clear();
    return out;
  }
  char buf[64];
  std::to_chars_result r;
  if (significant < 0) {
    r = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
  } else {
    r = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific,
                      significant > 0 ? significant - 1 : 0);
  }
  std::string_view s(buf, r.ptr - buf);
  size_t e = s.find('e');
  std::string_view mant = s.substr(0, e);
  int exp = std::atoi(std::string(s.substr(e + 1)).c_str());
  for (char c : mant)
    if (c != '.') out.d.push_back(c);
  // Drop trailing zeros only for shortest; rounded forms keep the requested digits.
  if (significant < 0) {
    while (out.d.size() > 1 && out.d.back() == '0') out.d.pop_back();
  }
  out.dp = exp + 1;
  return out;
}

void AppendExp(std::string* out, int exp, char e) {
  out->push_back(e);
  if (exp < 0) {
    out->push_back('-');
    exp = -exp;
  } else {
    out->push_back('+');
  }
  if (exp < 10) out->push_back('0');
  out->append(std::to_string(exp));
}

// %e with `prec` digits after the point, from digits d (already rounded to prec+1 significant).
std::string FmtE(bool neg, const Digits& dg, int prec, char e) {
  std::string out;
  if (neg) out.push_back('-');
  char first = dg.d.empty() ? '0' : dg.d[0];
  out.push_back(first);
  if (prec > 0) {
    out.push_back('.');
    for (int i = 1; i <= prec; ++i) out.push_back(i < static_cast<int>(dg.d.size()) ? dg.d[i] : '0');
  }
  int exp = dg.d.empty() ? 0 : dg.dp - 1;
  AppendExp(&out, exp, e);
  return out;
}

// %f with `prec` digits after the point.
std::string FmtF(bool neg, const Digits& dg, int prec) {
  std::string out;
  if (neg) out.push_back('-');
  int nd = static_cast<int>(dg.d.size());
  if (dg.dp > 0) {
    int m = std::min(nd, dg.dp);
    out.append(dg.d, 0, m);
    for (; m < dg.dp; ++m) out.push_back('0');
  } else {
    out.push_back('0');
  }
  if (prec > 0) {
    out.push_back('.');
    for (int i = 0; i < prec; ++i) {
      int j = dg.dp + i;
      out.push_back(j < 0 || j >= nd ? '0' : dg.d[j]);
    }
  }
  return out;
}

}  // namespace

std::string FormatFloat(double f, char fmt, int prec) {
  if (std::isnan(f)) return "NaN";
  if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
  bool neg = std::signbit(f);
  bool shortest = prec < 0;
  Digits dg;
  if (fmt == 'f') {
    if (shortest) {
      dg = DigitsOf(f, -1);
      int p = std::max(static_cast<int>(dg.d.size()) - dg.dp, 0);
      return FmtF(neg, dg, p);
    }
    // Exact rounding to prec decimals: let to_chars do it.
    char buf[512];
    auto r = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::fixed, prec);
    return std::string(buf, r.ptr - buf);
  }
  if (fmt == 'e' || fmt == 'E') {
    dg = DigitsOf(f, shortest ? -1 : prec + 1);
    int p = shortest ? std::max(static_cast<int>(dg.d.size()) - 1, 0) : prec;
    return FmtE(neg, dg, p, fmt);
  }
  // 'g' / 'G'
  int eprec = prec;
  if (shortest) {
    dg = DigitsOf(f, -1);
    eprec = 6;
  } else {
    if (prec == 0) prec = 1;
    dg = DigitsOf(f, prec);
    // Go trims to the rounded digit count for %g.
    while (dg.d.size() > 1 && dg.d.back() == '0') dg.d.pop_back();
    eprec = prec;
    int nd = static_cast<int>(dg.d.size());
    if (eprec > nd && nd >= dg.dp) eprec = nd;
  }
  int nd = static_cast<int>(dg.d.size());
  int exp = dg.d.empty() ? 0 : dg.dp - 1;
  if (f == 0) exp = 0;
  if (exp < -4 || exp >= eprec) {
    return FmtE(neg, dg, std::max(nd - 1, 0), fmt == 'g' ? 'e' : 'E');
  }
  return FmtF(neg, dg, std::max(nd - dg.dp, 0));
}

void AppendUtf8(std::string* out, uint32_t r) {
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
  if (r < 0x80) {
    out->push_back(static_cast<char>(r));
  } else if (r < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (r >> 6)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (r >> 12)));
    out->push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (r >> 18)));
    out->push_back(static_cast<char>(0x80 | ((r >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  }
}

uint32_t DecodeRune(std::string_view s, size_t i, int* width) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  *width = 1;
  if (c < 0x80) return c;
  size_t n = s.size();
  auto cont = [&](size_t k) { return k < n && (b(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF && cont(i + 1)) {
    *width = 2;
    return ((c & 0x1F) << 6) | (b(i + 1) & 0x3F);
  }
  if (c >= 0xE0 && c <= 0xEF && cont(i + 1) && cont(i + 2)) {
    uint32_t r = ((c & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F);
    if (r < 0x800 || (r >= 0xD800 && r <= 0xDFFF)) return 0xFFFD;
    *width = 3;
    return r;
  }
  if (c >= 0xF0 && c <= 0xF4 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
    uint32_t r = ((c & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) | ((b(i + 2) & 0x3F) << 6) |
                 (b(i + 3) & 0x3F);
    if (r < 0x10000 || r > 0x10FFFF) return 0xFFFD;
    *width = 4;
    return r;
  }
  return 0xFFFD;
}

namespace {
// A conservative stand-in for Go's unicode.IsPrint on non-ASCII runes: control and format ranges,
// surrogates, private use and unassigned planes are not printable.
bool IsPrintRune(uint32_t r) {
  if (r < 0x20 || r == 0x7F) return false;
  if (r < 0x7F) return true;
  if (r >= 0x80 && r < 0xA0) return false;
  if (r == 0xAD) return false;  // soft hyphen (Cf)
  if (r >= 0x200B && r <= 0x200F) return false;
  if (r >= 0x2028 && r <= 0x202E) return false;
  if (r >= 0x2060 && r <= 0x206F) return false;
  if (r == 0xFEFF) return false;
  if (r >= 0xFFF9 && r <= 0xFFFB) return false;
  if (r >= 0xE000 && r <= 0xF8FF) return false;
  if (r >= 0xF0000) return false;
  if (r == 0xFFFE || r == 0xFFFF) return false;
  if (r == 0x3000 || (r >= 0x2000 && r <= 0x200A) || r == 0x1680 || r == 0x205F || r == 0xA0)
    return false;  // Go: spaces other than U+0020 are not IsPrint
  return true;
}
}  // namespace

std::string GoQuote(std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  for (size_t i = 0; i < s.size();) {
    int w;
    uint32_t r = DecodeRune(s, i, &w);
    if (r == 0xFFFD && w == 1 && static_cast<unsigned char>(s[i]) >= 0x80) {
      out += "\\x";
      out.push_back(kHex[static_cast<unsigned char>(s[i]) >> 4]);
      out.push_back(kHex[static_cast<unsigned char>(s[i]) & 0xF]);
      i += 1;
      continue;
    }
    i += w;
    switch (r) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\a': out += "\\a"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      case '\v': out += "\\v"; continue;
      default: break;
    }
    if (IsPrintRune(r)) {
      AppendUtf8(&out, r);
    } else if (r < 0x20 || r == 0x7F) {
      out += "\\x";
      out.push_back(kHex[r >> 4]);
      out.push_back(kHex[r & 0xF]);
    } else if (r < 0x10000) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", r);
      out += buf;
    } else {
      char buf[12];
      std::snprintf(buf, sizeof buf, "\\U%08x", r);
      out += buf;
    }
  }
  out.push_back('"');
  return out;
}

bool GoUnquote(std::string_view lit, std::string* out) {
  out->clear();
  if (lit.size() < 2) return false;
  char q = lit.front();
  if (q != lit.back()) return false;
  std::string_view body = lit.substr(1, lit.size() - 2);
  if (q == '`') {
    if (body.find('`') != std::string_view::npos) return false;
    for (char c : body)
      if (c != '\r') out->push_back(c);
    return true;
  }
  if (q != '"' && q != '\'') return false;
  auto hexval = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  size_t runes = 0;
  for (size_t i = 0; i < body.size();) {
    char c = body[i];
    ++runes;
    if (c == q || c == '\n') return false;
    if (c != '\\') {
      int w;
      DecodeRune(body, i, &w);
      out->append(body.substr(i, w));
      i += w;
      continue;
    }
    if (++i >= body.size()) return false;
    char e = body[i++];
    switch (e) {
      case 'a': out->push_back('\a'); break;
      case 'b': out->push_back('\b'); break;
      case 'f': out->push_back('\f'); break;
      case 'n': out->push_back('\n'); break;
      case 'r': out->push_back('\r'); break;
      case 't': out->push_back('\t'); break;
      case 'v': out->push_back('\v'); break;
      case '\\': out->push_back('\\'); break;
      case '\'':
      case '"':
        if (e != q) return false;
        out->push_back(e);
        break;
      case 'x':
      case 'u':
      case 'U': {
        int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        if (i + n > body.size()) return false;
        uint32_t v = 0;
        for (int k = 0; k < n; ++k) {
          int h = hexval(body[i + k]);
          if (h < 0) return false;
          v = v * 16 + h;
        }
        i += n;
        if (e == 'x') {
          out->push_back(static_cast<char>(v));
        } else {
          if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return false;
          AppendUtf8(out, v);
        }
        break;
      }
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        if (i + 2 > body.size()) return false;
        uint32_t v = e - '0';
        for (int k = 0; k < 2; ++k) {
          char d = body[i + k];
          if (d < '0' || d > '7') return false;
          v = v * 8 + (d - '0');
        }
        if (v > 255) return false;
        i += 2;
        out->push_back(static_cast<char>(v));
        break;
      }
      default:
        return false;
    }
  }
  if (q == '\'' && runes != 1) return false;
  return true;
}

std::string_view TrimSpace(std::string_view s) {
  auto is_space = [](std::string_view t, size_t i, int* w) {
    uint32_t r = DecodeRune(t, i, w);
    return r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0 || r == 0x1680 ||
           (r >= 0x2000 && r <= 0x200A) || r == 0x2028 || r == 0x2029 || r == 0x202F ||
           r == 0x205F || r == 0x3000;
  };
  size_t b = 0;
  int w;
  while (b < s.size() && is_space(s, b, &w)) b += w;
  size_t e = s.size();
  while (e > b) {
    // Step back to the start of the previous rune.
    size_t p = e - 1;
    while (p > b && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) --p;
    if (!is_space(s, p, &w) || p + w != e) break;
    e = p;
  }
  return s.substr(b, e - b);
}

std::vector<std::string> Split(std::string_view s, std::string_view sep) {
  std::vector<std::string> out;
  if (sep.empty()) {
    for (size_t i = 0; i < s.size();) {
      int w;
      DecodeRune(s, i, &w);
      out.emplace_back(s.substr(i, w));
      i += w;
    }
    return out;
  }
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    if (p == std::string_view::npos) break;
    out.emplace_back(s.substr(start, p - start));
    start = p + sep.size();
  }
  out.emplace_back(s.substr(start));
  return out;
}

std::string CleanPath(std::string_view p) {
  if (p.empty()) return ".";
  const bool rooted = p.front() == '/';
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < p.size()) {
    size_t j = p.find('/', i);
    if (j == std::string_view::npos) j = p.size();
    std::string_view seg = p.substr(i, j - i);
    i = j + 1;
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!rooted) {
        parts.push_back(seg);
      }
      continue;
    }
    parts.push_back(seg);
  }
  std::string out = rooted ? "/" : "";
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k > 0) out.push_back('/');
    out.append(parts[k]);
  }
  return out.empty() ? "." : out;
}

}  // namespace helm
