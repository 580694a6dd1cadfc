#include <openssl/rand.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "helm/base/strings.h"
#include "helm/funcs/internal.h"

namespace helm::funcs::internal {

void Def(FuncMap& m, const std::string& name, std::vector<ArgType> params, FuncImpl impl,
         bool variadic) {
  Func f;
  f.params = std::move(params);
  f.variadic = variadic;
  f.impl = std::move(impl);
  m[name] = std::move(f);
}

namespace {

int DigitVal(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

// Go's underscoreOK: underscores only between digits (or after a base prefix).
bool UnderscoreOk(std::string_view s) {
  char saw = '^';
  size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0') {
    char c = static_cast<char>(s[1] | 0x20);
    if (c == 'b' || c == 'o' || c == 'x') {
      i = 2;
      saw = '0';
      hex = c == 'x';
    }
  }
  for (; i < s.size(); ++i) {
    char c = s[i];
    char lc = static_cast<char>(c | 0x20);
    if ((c >= '0' && c <= '9') || (hex && lc >= 'a' && lc <= 'f')) {
      saw = '0';
      continue;
    }
    if (c == '_') {
      if (saw != '0') return false;
      saw = '_';
      continue;
    }
    if (saw == '_') return false;
    saw = '!';
  }
  return saw != '_';
}

// cast's trimZeroDecimal: "1.000" -> "1".
std::string_view TrimZeroDecimal(std::string_view s) {
  bool found_zero = false;
  for (size_t i = s.size(); i > 0; --i) {
    char c = s[i - 1];
    if (c == '.') {
      if (found_zero) return s.substr(0, i - 1);
    } else if (c == '0') {
      found_zero = true;
    } else {
      return s;
    }
  }
  return s;
}

}  // namespace

std::optional<int64_t> ParseGoInt(std::string_view s, int base) {
  if (s.empty()) return std::nullopt;
  bool neg = false;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  bool base0 = base == 0;
  if (base0) {
    base = 10;
    if (!s.empty() && s[0] == '0') {
      if (s.size() >= 3 && (s[1] | 0x20) == 'b') {
        base = 2;
        s.remove_prefix(2);
      } else if (s.size() >= 3 && (s[1] | 0x20) == 'o') {
        base = 8;
        s.remove_prefix(2);
      } else if (s.size() >= 3 && (s[1] | 0x20) == 'x') {
        base = 16;
        s.remove_prefix(2);
      } else {
        base = 8;
        s.remove_prefix(1);
        if (s.empty()) return 0;  // "0"
      }
    }
  }
  if (s.empty()) return std::nullopt;
  uint64_t n = 0;
  bool underscores = false;
  const uint64_t cutoff = std::numeric_limits<uint64_t>::max() / base + 1;
  for (char c : s) {
    if (c == '_' && base0) {
      underscores = true;
      continue;
    }
    int d = DigitVal(c);
    if (d >= base) return std::nullopt;
    if (n >= cutoff) return std::nullopt;
    n *= base;
    uint64_t n1 = n + d;
    if (n1 < n) return std::nullopt;
    n = n1;
  }
  if (underscores && !UnderscoreOk(s)) return std::nullopt;
  const uint64_t limit = static_cast<uint64_t>(1) << 63;
  if (!neg && n >= limit) return std::nullopt;
  if (neg && n > limit) return std::nullopt;
  return neg ? static_cast<int64_t>(-n) : static_cast<int64_t>(n);
}

std::optional<double> ParseGoFloat(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::string t;
  t.reserve(s.size());
  bool underscore = false;
  for (char c : s) {
    if (c == '_') {
      underscore = true;
      continue;
    }
    t.push_back(c);
  }
  // Go accepts underscores only between digits (its underscoreOK rule).
  if (underscore && !UnderscoreOk(s)) return std::nullopt;
  std::string_view body = t;
  bool neg = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    neg = body[0] == '-';
    body.remove_prefix(1);
  }
  std::string lower;
  for (char c : body) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (lower == "inf" || lower == "infinity") {
    return neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  if (lower == "nan") return std::numeric_limits<double>::quiet_NaN();
  // Reject forms strtod takes but Go does not (leading spaces, "0x" without 'p' exponent, "nan(...)").
  for (char c : lower) {
    if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == '+' || c == '-' || c == 'x' ||
          (c >= 'a' && c <= 'f') || c == 'p')) {
      return std::nullopt;
    }
  }
  bool hex = lower.size() > 2 && lower[0] == '0' && lower[1] == 'x';
  if (hex && lower.find('p') == std::string::npos) return std::nullopt;
  if (!hex && lower.find_first_of("abcdfx") != std::string::npos) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  double d = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size()) return std::nullopt;
  if (errno == ERANGE && std::isinf(d)) return std::nullopt;  // Go: value out of range
  return d;
}

int64_t ToInt64(const Value& v) {
  switch (v.kind()) {
    case Kind::kNull:
      return 0;
    case Kind::kBool:
      return v.as_bool() ? 1 : 0;
    case Kind::kInt:
      return v.as_int();
    case Kind::kFloat: {
      double f = v.as_float();
      if (std::isnan(f)) return std::numeric_limits<int64_t>::min();
      if (f >= 9.2233720368547758e18 || f < -9.2233720368547758e18) {
        return std::numeric_limits<int64_t>::min();  // amd64 conversion result
      }
      return static_cast<int64_t>(f);
    }
    case Kind::kString: {
      auto r = ParseGoInt(TrimZeroDecimal(v.as_string()), 0);
      return r ? *r : 0;
    }
    default:
      return 0;
  }
}

double ToFloat64(const Value& v) {
  switch (v.kind()) {
    case Kind::kNull:
      return 0;
    case Kind::kBool:
      return v.as_bool() ? 1 : 0;
    case Kind::kInt:
      if (v.int_type() >= IntType::kUint) return static_cast<double>(static_cast<uint64_t>(v.as_int()));
      return static_cast<double>(v.as_int());
    case Kind::kFloat:
      return v.as_float();
    case Kind::kString: {
      auto r = ParseGoFloat(v.as_string());
      return r ? *r : 0;
    }
    default:
      return 0;
  }
}

std::string Strval(const Value& v) {
  if (v.is_string()) return v.as_string();
  if (v.is_list() && v.list_type() == ListType::kBytes) {
    std::string s;
    for (const Value& b : v.as_list()) s.push_back(static_cast<char>(b.is_int() ? b.as_int() : 0));
    return s;
  }
  if (v.is_object()) return v.as_object().Format();
  return tmpl::FormatValue(v);
}

bool Empty(const Value& v) {
  switch (v.kind()) {
    case Kind::kNull:
      return true;
    case Kind::kBool:
      return !v.as_bool();
    case Kind::kInt:
      return v.as_int() == 0;
    case Kind::kFloat:
      return v.as_float() == 0;
    case Kind::kString:
      return v.as_string().empty();
    case Kind::kList:
      return v.as_list().empty();
    case Kind::kMap:
      return v.as_map().empty();
    case Kind::kObject: {
      // Structs and pointers are never empty; map, slice and scalar kinds (time.Duration) go by value.
      std::string k = v.as_object().KindName();
      if (k == "struct" || k == "ptr") return false;
      auto plain = v.as_object().AsPlainValue();
      return plain ? Empty(*plain) : false;
    }
  }
  return false;
}

std::string KindName(const Value& v) {
  switch (v.kind()) {
    case Kind::kNull:
      return "invalid";
    case Kind::kBool:
      return "bool";
    case Kind::kInt:
      return std::string(IntTypeName(v.int_type()));
    case Kind::kFloat:
      return "float64";
    case Kind::kString:
      return "string";
    case Kind::kList:
      return "slice";
    case Kind::kMap:
      return "map";
    case Kind::kObject:
      return v.as_object().KindName();
  }
  return "invalid";
}

const ValueList* SliceElems(const Value& v, Value* holder) {
  if (v.is_list()) return &v.as_list();
  if (v.is_object() && v.as_object().KindName() == "slice") {
    auto plain = v.as_object().AsPlainValue();
    if (plain && plain->is_list()) {
      *holder = *plain;
      return &holder->as_list();
    }
  }
  return nullptr;
}

Value StringList(std::vector<std::string> items) {
  ValueList l;
  l.reserve(items.size());
  for (auto& s : items) l.emplace_back(std::move(s));
  return Value(std::move(l), ListType::kString);
}

Value StringMap(ValueMap m) { return Value(std::move(m), MapType::kString); }

// ---- Unicode (subset) ----

bool IsSpaceRune(uint32_t r) {
  switch (r) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return r >= 0x2000 && r <= 0x200A;
  }
}

namespace {
// Latin Extended-A: pairs (upper even, lower odd) in 0x100..0x137 and 0x14A..0x177; (upper odd, lower
// even) in 0x139..0x148 and 0x179..0x17E.
bool ExtAUpper(uint32_t r) {
  if ((r >= 0x100 && r <= 0x137) || (r >= 0x14A && r <= 0x177)) return r % 2 == 0;
  if ((r >= 0x139 && r <= 0x148) || (r >= 0x179 && r <= 0x17E)) return r % 2 == 1;
  return r == 0x178;
}
bool ExtALower(uint32_t r) {
  if ((r >= 0x100 && r <= 0x137) || (r >= 0x14A && r <= 0x177)) return r % 2 == 1;
  if ((r >= 0x139 && r <= 0x148) || (r >= 0x179 && r <= 0x17E)) return r % 2 == 0;
  return r == 0x138 || r == 0x149 || r == 0x17F;
}
}  // namespace

bool IsUpperRune(uint32_t r) {
  if (r < 0x80) return r >= 'A' && r <= 'Z';
  if (r >= 0x1C4 && r <= 0x1CC) return (r - 0x1C4) % 3 == 0;
  if (r >= 0xC0 && r <= 0xDE) return r != 0xD7;
  if (r >= 0x100 && r <= 0x17F) return ExtAUpper(r);
  if (r >= 0x391 && r <= 0x3AB) return r != 0x3A2;
  if (r >= 0x400 && r <= 0x42F) return true;
  return false;
}

bool IsLowerRune(uint32_t r) {
  if (r < 0x80) return r >= 'a' && r <= 'z';
  if (r >= 0x1C4 && r <= 0x1CC) return (r - 0x1C4) % 3 == 2;
  if (r == 0xAA || r == 0xB5 || r == 0xBA) return true;
  if (r >= 0xDF && r <= 0xFF) return r != 0xF7;
  if (r >= 0x100 && r <= 0x17F) return ExtALower(r);
  if (r >= 0x3AC && r <= 0x3CE) return true;
  if (r >= 0x430 && r <= 0x45F) return true;
  return false;
}

bool IsLetterRune(uint32_t r) {
  if (r < 0x80) return (r | 0x20) >= 'a' && (r | 0x20) <= 'z';
  if (IsUpperRune(r) || IsLowerRune(r)) return true;
  if (r >= 0x180 && r <= 0x24F) return true;
  if (r >= 0x370 && r <= 0x3FF) return r != 0x37E && r != 0x387 && r != 0x375;
  if (r >= 0x400 && r <= 0x52F) return !(r >= 0x482 && r <= 0x489);
  if (r >= 0x5D0 && r <= 0x5EA) return true;
  if (r >= 0x620 && r <= 0x64A) return true;
  if (r >= 0x3041 && r <= 0x3096) return true;
  if (r >= 0x30A1 && r <= 0x30FA) return true;
  if (r >= 0x4E00 && r <= 0x9FFF) return true;
  if (r >= 0xAC00 && r <= 0xD7A3) return true;
  return false;
}

bool IsNumberRune(uint32_t r) {
  if (r < 0x80) return r >= '0' && r <= '9';
  return r == 0xB2 || r == 0xB3 || r == 0xB9 || (r >= 0xBC && r <= 0xBE) || (r >= 0x660 && r <= 0x669) ||
         (r >= 0xFF10 && r <= 0xFF19) || (r >= 0x2160 && r <= 0x2188);
}

bool IsPunctRune(uint32_t r) {
  if (r < 0x80) {
    return std::strchr("!\"#%&'()*,-./:;?@[\\]_{}", static_cast<int>(r)) != nullptr && r != 0;
  }
  return r == 0xA1 || r == 0xA7 || r == 0xAB || r == 0xB6 || r == 0xB7 || r == 0xBB || r == 0xBF ||
         (r >= 0x2010 && r <= 0x2027) || (r >= 0x2030 && r <= 0x205E) || (r >= 0x3001 && r <= 0x3003) ||
         (r >= 0x3008 && r <= 0x3011);
}

uint32_t ToUpperRune(uint32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') ? r - 32 : r;
  if (r >= 0x1C4 && r <= 0x1CC) return r - (r - 0x1C4) % 3;  // DŽ Dž dž, LJ Lj lj, NJ Nj nj
  if (r == 0xB5) return 0x39C;
  if (r >= 0xE0 && r <= 0xFE && r != 0xF7) return r - 32;
  if (r == 0xFF) return 0x178;
  if (r >= 0x100 && r <= 0x17F) {
    if (r == 0x131) return 'I';
    if (r == 0x17F) return 'S';
    if (ExtALower(r) && r != 0x138 && r != 0x149) {
      return r - 1;
    }
    return r;
  }
  if (r >= 0x3B1 && r <= 0x3CB) return r == 0x3C2 ? 0x3A3 : r - 32;
  if (r == 0x3AC) return 0x386;
  if (r >= 0x3AD && r <= 0x3AF) return r - 37;
  if (r == 0x3CC) return 0x38C;
  if (r == 0x3CD || r == 0x3CE) return r - 63;
  if (r >= 0x430 && r <= 0x44F) return r - 32;
  if (r >= 0x450 && r <= 0x45F) return r - 80;
  return r;
}

uint32_t ToLowerRune(uint32_t r) {
  if (r < 0x80) return (r >= 'A' && r <= 'Z') ? r + 32 : r;
  if (r >= 0x1C4 && r <= 0x1CC) return r - (r - 0x1C4) % 3 + 2;
  if (r >= 0xC0 && r <= 0xDE && r != 0xD7) return r + 32;
  if (r >= 0x100 && r <= 0x17F) {
    if (r == 0x130) return 'i';
    if (r == 0x178) return 0xFF;
    if (ExtAUpper(r)) return r + 1;
    return r;
  }
  if (r >= 0x391 && r <= 0x3AB && r != 0x3A2) return r + 32;
  if (r == 0x386) return 0x3AC;
  if (r >= 0x388 && r <= 0x38A) return r + 37;
  if (r == 0x38C) return 0x3CC;
  if (r == 0x38E || r == 0x38F) return r + 63;
  if (r >= 0x410 && r <= 0x42F) return r + 32;
  if (r >= 0x400 && r <= 0x40F) return r + 80;
  return r;
}

std::vector<uint32_t> Runes(std::string_view s) {
  std::vector<uint32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    int w = 1;
    out.push_back(DecodeRune(s, i, &w));
    i += w;
  }
  return out;
}

std::string FromRunes(const std::vector<uint32_t>& runes) {
  std::string s;
  s.reserve(runes.size());
  for (uint32_t r : runes) AppendUtf8(&s, r);
  return s;
}

void RandomBytes(uint8_t* out, size_t n) {
  if (n == 0) return;
  RAND_bytes(out, static_cast<int>(n));
}

uint64_t RandomBelow(uint64_t n) {
  if (n <= 1) return 0;
  uint64_t limit = std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % n;
  for (;;) {
    uint64_t x;
    RandomBytes(reinterpret_cast<uint8_t*>(&x), sizeof x);
    if (x < limit) return x % n;
  }
}

static const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64Encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out.push_back(kB64[v >> 18]);
    out.push_back(kB64[(v >> 12) & 63]);
    out.push_back(kB64[(v >> 6) & 63]);
    out.push_back(kB64[v & 63]);
  }
  if (i < in.size()) {
    uint32_t v = uint8_t(in[i]) << 16;
    if (i + 1 < in.size()) v |= uint8_t(in[i + 1]) << 8;
    out.push_back(kB64[v >> 18]);
    out.push_back(kB64[(v >> 12) & 63]);
    out.push_back(i + 1 < in.size() ? kB64[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

// Mirrors Go's encoding/base64 decoder (StdEncoding, padding required, \r and \n ignored), including the
// byte offset it reports in "illegal base64 data at input byte N".
std::optional<std::string> Base64Decode(std::string_view in, std::string* err) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  auto corrupt = [&](size_t at) -> std::optional<std::string> {
    *err = "illegal base64 data at input byte " + std::to_string(at);
    return std::nullopt;
  };
  std::string out;
  size_t si = 0;
  const size_t n = in.size();
  while (true) {
    uint8_t dbuf[4] = {0, 0, 0, 0};
    size_t dlen = 4;
    bool done = false;
    for (size_t j = 0; j < 4; ++j) {
      if (si == n) {
        if (j == 0) return out;
        if (j == 1) return corrupt(si - j);
        return corrupt(si - j);  // missing padding
      }
      char in_c = in[si];
      ++si;
      int v = val(in_c);
      if (v >= 0) {
        dbuf[j] = static_cast<uint8_t>(v);
        continue;
      }
      if (in_c == '\n' || in_c == '\r') {
        --j;
        continue;
      }
      if (in_c != '=') return corrupt(si - 1);
      // Padding.
      switch (j) {
        case 0:
        case 1:
          return corrupt(si - 1);
        case 2:
          while (si < n && (in[si] == '\n' || in[si] == '\r')) ++si;
          if (si == n) return corrupt(n);
          if (in[si] != '=') return corrupt(si - 1);
          ++si;
          break;
      }
      while (si < n && (in[si] == '\n' || in[si] == '\r')) ++si;
      if (si < n) return corrupt(si);
      dlen = j;
      done = true;
      break;
    }
    uint32_t v = (dbuf[0] << 18) | (dbuf[1] << 12) | (dbuf[2] << 6) | dbuf[3];
    uint8_t b0 = v >> 16, b1 = (v >> 8) & 0xff, b2 = v & 0xff;
    switch (dlen) {
      case 4:
        out.push_back(char(b0));
        out.push_back(char(b1));
        out.push_back(char(b2));
        break;
      case 3:
        out.push_back(char(b0));
        out.push_back(char(b1));
        break;
      case 2:
        out.push_back(char(b0));
        break;
    }
    if (done) return out;
  }
}

}  // namespace helm::funcs::internal
