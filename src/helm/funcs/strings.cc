// Sprig's string functions (strings.go, goutils, xstrings) with Go's byte/rune semantics.
#include <algorithm>

#include "helm/base/strings.h"
#include "helm/funcs/internal.h"

namespace helm::funcs::internal {
namespace {

const std::string& S(const Value& v) { return v.as_string(); }
int64_t I(const Value& v) { return v.as_int(); }

std::string SliceOutOfRange(int64_t lo, int64_t hi, size_t len, bool has_lo, bool has_hi) {
  // Go's runtime messages for s[lo:hi] failures.
  if (has_hi && (hi < 0 || static_cast<size_t>(hi) > len)) {
    if (!has_lo) return "runtime error: slice bounds out of range [:" + std::to_string(hi) + "] with length " +
                        std::to_string(len);
    return "runtime error: slice bounds out of range [:" + std::to_string(hi) + "] with length " +
           std::to_string(len);
  }
  if (!has_hi) {
    return "runtime error: slice bounds out of range [" + std::to_string(lo) + ":" + std::to_string(len) + "]";
  }
  return "runtime error: slice bounds out of range [" + std::to_string(lo) + ":" + std::to_string(hi) + "]";
}

std::string ToUpperStr(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    if (c < 0x80) {
      out.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c));
      ++i;
      continue;
    }
    int w = 1;
    uint32_t r = DecodeRune(s, i, &w);
    AppendUtf8(&out, ToUpperRune(r));
    i += w;
  }
  return out;
}

std::string ToLowerStr(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    if (c < 0x80) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      ++i;
      continue;
    }
    int w = 1;
    uint32_t r = DecodeRune(s, i, &w);
    AppendUtf8(&out, ToLowerRune(r));
    i += w;
  }
  return out;
}

// strings.Title's word boundary test.
bool IsTitleSeparator(uint32_t r) {
  if (r <= 0x7F) {
    if ((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_') return false;
    return true;
  }
  if (IsLetterRune(r) || IsNumberRune(r)) return false;
  return IsSpaceRune(r);
}

std::string Title(std::string_view s) {
  std::string out;
  uint32_t prev = ' ';
  for (size_t i = 0; i < s.size();) {
    int w = 1;
    uint32_t r = DecodeRune(s, i, &w);
    AppendUtf8(&out, IsTitleSeparator(prev) ? ToUpperRune(r) : r);
    prev = r;
    i += w;
  }
  return out;
}

std::string Untitle(std::string_view s) {
  if (s.empty()) return std::string();
  auto runes = Runes(s);
  bool next = true;
  for (auto& r : runes) {
    if (IsSpaceRune(r)) {
      next = true;
    } else if (next) {
      r = ToLowerRune(r);
      next = false;
    }
  }
  return FromRunes(runes);
}

std::string Abbreviate(std::string_view str, int64_t offset, int64_t max_width, bool* ok) {
  *ok = true;
  if (str.empty()) return std::string();
  if (max_width < 4) {
    *ok = false;
    return std::string();
  }
  int64_t len = static_cast<int64_t>(str.size());
  if (len <= max_width) return std::string(str);
  if (offset > len) offset = len;
  if (len - offset < max_width - 3) offset = len - (max_width - 3);
  if (offset <= 4) return std::string(str.substr(0, max_width - 3)) + "...";
  if (max_width < 7) {
    *ok = false;
    return std::string();
  }
  if (offset + max_width - 3 < len) {
    bool ok2;
    return "..." + Abbreviate(str.substr(offset), 0, max_width - 3, &ok2);
  }
  return "..." + std::string(str.substr(len - (max_width - 3)));
}

std::string Initials(std::string_view s) {
  std::string out;
  bool gap = true;
  for (unsigned char c : s) {
    // goutils walks bytes, not runes.
    if (IsSpaceRune(c)) {
      gap = true;
    } else if (gap) {
      AppendUtf8(&out, c);
      gap = false;
    }
  }
  return out;
}

std::string DeleteWhiteSpace(const std::string& s) {
  std::string out;
  size_t count = 0;
  for (unsigned char c : s) {
    if (!IsSpaceRune(c)) {
      AppendUtf8(&out, c);
      ++count;
    }
  }
  if (count == s.size()) return s;
  return out;
}

std::string SwapCase(std::string_view s) {
  auto runes = Runes(s);
  bool whitespace = true;
  for (auto& r : runes) {
    if (IsUpperRune(r)) {
      r = ToLowerRune(r);
      whitespace = false;
    } else if (IsLowerRune(r)) {
      r = ToUpperRune(r);
      whitespace = false;
    } else {
      whitespace = IsSpaceRune(r);
    }
  }
  (void)whitespace;
  return FromRunes(runes);
}

std::string Shuffle(std::string_view s) {
  auto runes = Runes(s);
  for (size_t i = runes.size(); i > 1; --i) {
    size_t j = RandomBelow(i);
    std::swap(runes[i - 1], runes[j]);
  }
  return FromRunes(runes);
}

// ---- xstrings case conversion ----

bool IsConnector(uint32_t r) { return r == '-' || r == '_' || IsSpaceRune(r); }
bool IsAlphabet(uint32_t r) { return IsLetterRune(r) && !(r >= 0x4E00 && r <= 0x9FCC); }

std::string PascalCase(std::string_view str) {
  if (str.empty()) return std::string();
  std::string out;
  auto runes = Runes(str);
  size_t i = 0;
  uint32_t r0 = 0, r1 = 0;
  while (i < runes.size()) {
    r0 = runes[i++];
    if (!IsConnector(r0)) {
      r0 = ToUpperRune(r0);
      break;
    }
    AppendUtf8(&out, r0);
  }
  if (i >= runes.size()) {
    // xstrings writes the last decoded rune again here, even when it was a connector.
    AppendUtf8(&out, r0);
    return out;
  }
  while (i < runes.size()) {
    r1 = r0;
    r0 = runes[i++];
    if (IsConnector(r0) && IsConnector(r1)) {
      AppendUtf8(&out, r1);
      continue;
    }
    if (IsConnector(r1)) {
      r0 = ToUpperRune(r0);
    } else {
      AppendUtf8(&out, r1);
    }
  }
  AppendUtf8(&out, r0);
  return out;
}

enum WordType { kInvalidWord, kNumberWord, kUpperCaseWord, kAlphabetWord, kConnectorWord, kPunctWord, kOtherWord };

struct Word {
  WordType type = kInvalidWord;
  std::string_view word;
  std::string_view remaining;
};

// Decodes the next valid rune; invalid bytes are skipped but counted in the size.
uint32_t NextValidRune(std::string_view s, uint32_t prev, size_t* size) {
  *size = 0;
  size_t i = 0;
  while (i < s.size()) {
    int w = 1;
    uint32_t r = DecodeRune(s, i, &w);
    *size += w;
    if (r != 0xFFFD || (w == 3 && s.substr(i, 3) == "\xEF\xBF\xBD")) return r;
    i += w;
  }
  return prev;
}

Word NextWord(std::string_view str) {
  Word res;
  if (str.empty()) return res;
  size_t offset = 0;
  std::string_view remaining = str;
  size_t size;
  uint32_t r = NextValidRune(remaining, 0xFFFD, &size);
  offset += size;
  if (r == 0xFFFD) {
    res.type = kInvalidWord;
    res.word = str.substr(0, offset);
    res.remaining = str.substr(offset);
    return res;
  }
  auto advance_while = [&](auto pred) {
    while (!remaining.empty()) {
      r = NextValidRune(remaining, r, &size);
      if (!pred(r)) break;
      offset += size;
      remaining.remove_prefix(size);
    }
  };
  if (IsConnector(r)) {
    res.type = kConnectorWord;
    remaining.remove_prefix(size);
    advance_while(IsConnector);
  } else if (IsPunctRune(r)) {
    res.type = kPunctWord;
    remaining.remove_prefix(size);
    advance_while(IsPunctRune);
  } else if (IsUpperRune(r)) {
    res.type = kUpperCaseWord;
    remaining.remove_prefix(size);
    if (!remaining.empty()) {
      r = NextValidRune(remaining, r, &size);
      if (IsUpperRune(r)) {
        size_t prev_size = size;
        offset += size;
        remaining.remove_prefix(size);
        while (!remaining.empty()) {
          r = NextValidRune(remaining, r, &size);
          if (!IsUpperRune(r)) break;
          prev_size = size;
          offset += size;
          remaining.remove_prefix(size);
        }
        if (!remaining.empty() && IsAlphabet(r)) {
          offset -= prev_size;
          remaining = str.substr(offset);
        }
      } else if (IsAlphabet(r)) {
        offset += size;
        remaining.remove_prefix(size);
        advance_while([](uint32_t x) { return IsAlphabet(x) && !IsUpperRune(x); });
      }
    }
  } else if (IsAlphabet(r)) {
    res.type = kAlphabetWord;
    remaining.remove_prefix(size);
    advance_while([](uint32_t x) { return IsAlphabet(x) && !IsUpperRune(x); });
  } else if (IsNumberRune(r)) {
    res.type = kNumberWord;
    remaining.remove_prefix(size);
    advance_while(IsNumberRune);
  } else {
    res.type = kOtherWord;
    remaining.remove_prefix(size);
    while (!remaining.empty()) {
      r = NextValidRune(remaining, r, &size);
      if (size == 0 || IsConnector(r) || IsAlphabet(r) || IsNumberRune(r) || IsPunctRune(r)) break;
      offset += size;
      remaining.remove_prefix(size);
    }
  }
  res.word = str.substr(0, offset);
  res.remaining = remaining;
  return res;
}

void LowerWord(std::string* buf, WordType wt, std::string_view str, uint32_t connector) {
  if (wt != kUpperCaseWord && wt != kConnectorWord) {
    buf->append(str);
    return;
  }
  for (size_t i = 0; i < str.size();) {
    int w = 1;
    uint32_t r = DecodeRune(str, i, &w);
    i += w;
    if (IsConnector(r)) {
      AppendUtf8(buf, connector);
    } else if (IsUpperRune(r)) {
      AppendUtf8(buf, ToLowerRune(r));
    } else {
      AppendUtf8(buf, r);
    }
  }
}

std::string CamelToLower(std::string_view str, uint32_t connector) {
  if (str.empty()) return std::string();
  std::string buf;
  Word w = NextWord(str);
  WordType wt = w.type;
  std::string_view word = w.word, remaining = w.remaining;
  auto next = [&]() {
    Word n = NextWord(remaining);
    wt = n.type;
    word = n.word;
    remaining = n.remaining;
  };
  auto conn = [&]() { AppendUtf8(&buf, connector); };
  while (!remaining.empty()) {
    if (wt != kConnectorWord) LowerWord(&buf, wt, word, connector);
    WordType prev = wt;
    std::string_view last = word;
    next();
    switch (prev) {
      case kNumberWord:
        while (wt == kAlphabetWord || wt == kNumberWord) {
          LowerWord(&buf, wt, word, connector);
          next();
        }
        if (wt != kInvalidWord && wt != kPunctWord && wt != kConnectorWord) conn();
        break;
      case kConnectorWord:
        LowerWord(&buf, prev, last, connector);
        break;
      case kPunctWord:
        break;
      default: {
        if (wt != kNumberWord) {
          if (wt != kConnectorWord && wt != kPunctWord) conn();
          break;
        }
        if (remaining.empty()) break;
        std::string_view last2 = word;
        next();
        if (wt != kAlphabetWord) {
          LowerWord(&buf, kNumberWord, last2, connector);
          if (wt != kConnectorWord && wt != kPunctWord) conn();
          break;
        }
        conn();
        LowerWord(&buf, kNumberWord, last2, connector);
        while (wt == kAlphabetWord || wt == kNumberWord) {
          LowerWord(&buf, wt, word, connector);
          next();
        }
        if (wt != kInvalidWord && wt != kConnectorWord && wt != kPunctWord) conn();
        break;
      }
    }
  }
  LowerWord(&buf, wt, word, connector);
  return buf;
}

// goutils.WrapCustom.
std::string WrapCustom(std::string_view str, int64_t wrap_length, std::string_view newline, bool wrap_long) {
  if (str.empty()) return std::string();
  if (newline.empty()) newline = "\n";
  if (wrap_length < 1) wrap_length = 1;
  const int64_t len = static_cast<int64_t>(str.size());
  int64_t offset = 0;
  std::string out;
  while (len - offset > wrap_length) {
    if (str[offset] == ' ') {
      ++offset;
      continue;
    }
    int64_t end = wrap_length + offset + 1;
    std::string_view window = str.substr(offset, end - offset);
    size_t sp = window.rfind(' ');
    int64_t space_at = (sp == std::string_view::npos ? -1 : static_cast<int64_t>(sp)) + offset;
    if (space_at >= offset) {
      out.append(str.substr(offset, space_at - offset));
      out.append(newline);
      offset = space_at + 1;
    } else if (wrap_long) {
      out.append(str.substr(offset, wrap_length));
      out.append(newline);
      offset += wrap_length;
    } else {
      int64_t e = wrap_length + offset;
      size_t idx = str.substr(e).find(' ');
      if (idx == std::string_view::npos) {
        out.append(str.substr(offset));
        offset = len;
      } else {
        space_at = static_cast<int64_t>(idx) + e;
        out.append(str.substr(offset, space_at - offset));
        out.append(newline);
        offset = space_at + 1;
      }
    }
  }
  out.append(str.substr(offset));
  return out;
}

std::string ReplaceAll(std::string_view s, std::string_view old, std::string_view neu) {
  if (old == neu) return std::string(s);
  std::string out;
  if (old.empty()) {
    // Go inserts `neu` before every rune and at the end.
    size_t i = 0;
    out.append(neu);
    while (i < s.size()) {
      int w = 1;
      DecodeRune(s, i, &w);
      out.append(s.substr(i, w));
      out.append(neu);
      i += w;
    }
    return out;
  }
  size_t pos = 0;
  while (true) {
    size_t f = s.find(old, pos);
    if (f == std::string_view::npos) break;
    out.append(s.substr(pos, f - pos));
    out.append(neu);
    pos = f + old.size();
  }
  out.append(s.substr(pos));
  return out;
}

// strings.Trim(s, cutset): strip leading/trailing runes contained in cutset.
std::string TrimCutset(std::string_view s, std::string_view cutset) {
  if (s.empty() || cutset.empty()) return std::string(s);
  auto runes_cut = Runes(cutset);
  auto in_set = [&](uint32_t r) { return std::find(runes_cut.begin(), runes_cut.end(), r) != runes_cut.end(); };
  size_t start = 0;
  while (start < s.size()) {
    int w = 1;
    uint32_t r = DecodeRune(s, start, &w);
    if (!in_set(r)) break;
    start += w;
  }
  size_t end = s.size();
  while (end > start) {
    // Step back one rune.
    size_t b = end - 1;
    while (b > start && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80 && end - b < 4) --b;
    int w = 1;
    uint32_t r = DecodeRune(s, b, &w);
    if (b + w != end) {
      b = end - 1;
      r = 0xFFFD;
    }
    if (!in_set(r)) break;
    end = b;
  }
  return std::string(s.substr(start, end - start));
}

std::vector<std::string> SplitN(std::string_view s, std::string_view sep, int64_t n) {
  if (n == 0) return {};
  if (n < 0) return Split(s, sep);
  std::vector<std::string> out;
  if (sep.empty()) {
    size_t i = 0;
    while (i < s.size() && static_cast<int64_t>(out.size()) < n - 1) {
      int w = 1;
      DecodeRune(s, i, &w);
      out.emplace_back(s.substr(i, w));
      i += w;
    }
    if (i < s.size()) out.emplace_back(s.substr(i));
    return out;
  }
  size_t pos = 0;
  while (static_cast<int64_t>(out.size()) < n - 1) {
    size_t f = s.find(sep, pos);
    if (f == std::string_view::npos) break;
    out.emplace_back(s.substr(pos, f - pos));
    pos = f + sep.size();
  }
  out.emplace_back(s.substr(pos));
  return out;
}

Value PartsMap(const std::vector<std::string>& parts) {
  ValueMap m;
  for (size_t i = 0; i < parts.size(); ++i) m["_" + std::to_string(i)] = Value(parts[i]);
  return StringMap(std::move(m));
}

std::string RandomString(int64_t count, std::string_view alphabet) {
  if (count <= 0) return std::string();
  std::string out;
  out.reserve(count);
  for (int64_t i = 0; i < count; ++i) out.push_back(alphabet[RandomBelow(alphabet.size())]);
  return out;
}

constexpr std::string_view kAlpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kDigits = "0123456789";
constexpr std::string_view kAlnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kAscii =
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

}  // namespace

// Sprig's strslice: the []string view of a value (nil elements dropped).
std::vector<std::string> StrSlice(const Value& v) {
  std::vector<std::string> out;
  Value holder;
  if (const ValueList* l = SliceElems(v, &holder)) {
    out.reserve(l->size());
    for (const Value& e : *l) {
      if (!e.is_null()) out.push_back(Strval(e));
    }
    return out;
  }
  if (v.is_null()) return out;
  out.push_back(Strval(v));
  return out;
}

std::vector<int64_t> UntilStep(int64_t start, int64_t stop, int64_t step) {
  std::vector<int64_t> v;
  if (stop < start) {
    if (step >= 0) return v;
    for (int64_t i = start; i > stop; i += step) v.push_back(i);
    return v;
  }
  if (step <= 0) return v;
  for (int64_t i = start; i < stop; i += step) v.push_back(i);
  return v;
}

void RegisterStrings(FuncMap& m) {
  using A = ArgType;
  const auto kS = A::kString;
  const auto kI = A::kInt;
  Def(m, "abbrev", {kI, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    if (I(a[0]) < 4) return Value(S(a[1]));
    bool ok;
    return Value(Abbreviate(S(a[1]), 0, I(a[0]), &ok));
  });
  Def(m, "abbrevboth", {kI, kI, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    int64_t left = I(a[0]), right = I(a[1]);
    if (right < 4 || (left > 0 && right < 7)) return Value(S(a[2]));
    bool ok;
    return Value(Abbreviate(S(a[2]), left, right, &ok));
  });
  Def(m, "trunc", {kI, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    int64_t c = I(a[0]);
    const std::string& s = S(a[1]);
    int64_t len = static_cast<int64_t>(s.size());
    if (c < 0 && len + c > 0) return Value(s.substr(len + c));
    if (c >= 0 && len > c) return Value(s.substr(0, c));
    return a[1];
  });
  Def(m, "trim", {kS}, [](Args a, const CallInfo&) -> Result<Value> { return Value(TrimSpace(S(a[0]))); });
  Def(m, "upper", {kS}, [](Args a, const CallInfo&) -> Result<Value> { return Value(ToUpperStr(S(a[0]))); });
  Def(m, "lower", {kS}, [](Args a, const CallInfo&) -> Result<Value> { return Value(ToLowerStr(S(a[0]))); });
  Def(m, "title", {kS}, [](Args a, const CallInfo&) -> Result<Value> { return Value(Title(S(a[0]))); });
  Def(m, "untitle", {kS}, [](Args a, const CallInfo&) -> Result<Value> { return Value(Untitle(S(a[0]))); });
  Def(m, "substr", {kI, kI, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    int64_t start = I(a[0]), end = I(a[1]);
    const std::string& s = S(a[2]);
    int64_t len = static_cast<int64_t>(s.size());
    if (start < 0) {
      if (end < 0 || end > len) return Fail(SliceOutOfRange(0, end, s.size(), false, true));
      return Value(s.substr(0, end));
    }
    if (end < 0 || end > len) {
      if (start > len) return Fail(SliceOutOfRange(start, 0, s.size(), true, false));
      return Value(s.substr(start));
    }
    if (start > end) return Fail(SliceOutOfRange(start, end, s.size(), true, true));
    return Value(s.substr(start, end - start));
  });
  Def(m, "repeat", {kI, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    int64_t n = I(a[0]);
    if (n < 0) return Fail("strings: negative Repeat count");
    const std::string& s = S(a[1]);
    if (!s.empty() && static_cast<uint64_t>(n) > (uint64_t{1} << 31) / s.size()) {
      return Fail("strings: Repeat output length overflow");
    }
    std::string out;
    out.reserve(s.size() * n);
    for (int64_t i = 0; i < n; ++i) out += s;
    return Value(std::move(out));
  });
  auto trim_all = [](Args a, const CallInfo&) -> Result<Value> { return Value(TrimCutset(S(a[1]), S(a[0]))); };
  Def(m, "trimall", {kS, kS}, trim_all);
  Def(m, "trimAll", {kS, kS}, trim_all);
  Def(m, "trimSuffix", {kS, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    std::string_view s = S(a[1]);
    if (s.ends_with(S(a[0]))) s.remove_suffix(S(a[0]).size());
    return Value(s);
  });
  Def(m, "trimPrefix", {kS, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    std::string_view s = S(a[1]);
    if (s.starts_with(S(a[0]))) s.remove_prefix(S(a[0]).size());
    return Value(s);
  });
  Def(m, "nospace", {kS}, [](Args a, const CallInfo&) -> Result<Value> { return Value(DeleteWhiteSpace(S(a[0]))); });
  Def(m, "initials", {kS}, [](Args a, const CallInfo&) -> Result<Value> { return Value(Initials(S(a[0]))); });
  Def(m, "randAlphaNum", {kI}, [](Args a, const CallInfo&) -> Result<Value> {
    return Value(RandomString(I(a[0]), kAlnum));
  });
  Def(m, "randAlpha", {kI}, [](Args a, const CallInfo&) -> Result<Value> { return Value(RandomString(I(a[0]), kAlpha)); });
  Def(m, "randAscii", {kI}, [](Args a, const CallInfo&) -> Result<Value> { return Value(RandomString(I(a[0]), kAscii)); });
  Def(m, "randNumeric", {kI}, [](Args a, const CallInfo&) -> Result<Value> {
    return Value(RandomString(I(a[0]), kDigits));
  });
  Def(m, "swapcase", {kS}, [](Args a, const CallInfo&) -> Result<Value> { return Value(SwapCase(S(a[0]))); });
  Def(m, "shuffle", {kS}, [](Args a, const CallInfo&) -> Result<Value> { return Value(Shuffle(S(a[0]))); });
  Def(m, "snakecase", {kS}, [](Args a, const CallInfo&) -> Result<Value> { return Value(CamelToLower(S(a[0]), '_')); });
  Def(m, "kebabcase", {kS}, [](Args a, const CallInfo&) -> Result<Value> { return Value(CamelToLower(S(a[0]), '-')); });
  Def(m, "camelcase", {kS}, [](Args a, const CallInfo&) -> Result<Value> { return Value(PascalCase(S(a[0]))); });
  Def(m, "wrap", {kI, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    return Value(WrapCustom(S(a[1]), I(a[0]), "", false));
  });
  Def(m, "wrapWith", {kI, kS, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    return Value(WrapCustom(S(a[2]), I(a[0]), S(a[1]), true));
  });
  Def(m, "contains", {kS, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    return Value(S(a[1]).find(S(a[0])) != std::string::npos);
  });
  Def(m, "hasPrefix", {kS, kS}, [](Args a, const CallInfo&) -> Result<Value> { return Value(S(a[1]).starts_with(S(a[0]))); });
  Def(m, "hasSuffix", {kS, kS}, [](Args a, const CallInfo&) -> Result<Value> { return Value(S(a[1]).ends_with(S(a[0]))); });
  Def(
      m, "quote", {A::kAny},
      [](Args a, const CallInfo&) -> Result<Value> {
        std::string out;
        bool first = true;
        for (const Value& v : a) {
          if (v.is_null()) continue;
          if (!first) out.push_back(' ');
          first = false;
          out += GoQuote(Strval(v));
        }
        return Value(std::move(out));
      },
      true);
  Def(
      m, "squote", {A::kAny},
      [](Args a, const CallInfo&) -> Result<Value> {
        std::string out;
        bool first = true;
        for (const Value& v : a) {
          if (v.is_null()) continue;
          if (!first) out.push_back(' ');
          first = false;
          out += "'" + tmpl::FormatValue(v) + "'";
        }
        return Value(std::move(out));
      },
      true);
  Def(
      m, "cat", {A::kAny},
      [](Args a, const CallInfo&) -> Result<Value> {
        std::string out;
        bool first = true;
        for (const Value& v : a) {
          if (v.is_null()) continue;
          if (!first) out.push_back(' ');
          first = false;
          out += tmpl::FormatValue(v);
        }
        return Value(std::move(out));
      },
      true);
  auto indent = [](int64_t spaces, const std::string& v) {
    std::string pad(spaces > 0 ? spaces : 0, ' ');
    return pad + ReplaceAll(v, "\n", "\n" + pad);
  };
  Def(m, "indent", {kI, kS}, [indent](Args a, const CallInfo&) -> Result<Value> {
    if (I(a[0]) < 0) return Fail("strings: negative Repeat count");
    return Value(indent(I(a[0]), S(a[1])));
  });
  Def(m, "nindent", {kI, kS}, [indent](Args a, const CallInfo&) -> Result<Value> {
    if (I(a[0]) < 0) return Fail("strings: negative Repeat count");
    return Value("\n" + indent(I(a[0]), S(a[1])));
  });
  Def(m, "replace", {kS, kS, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    return Value(ReplaceAll(S(a[2]), S(a[0]), S(a[1])));
  });
  Def(m, "plural", {kS, kS, kI}, [](Args a, const CallInfo&) -> Result<Value> {
    return I(a[2]) == 1 ? a[0] : a[1];
  });
  Def(m, "toString", {A::kAny}, [](Args a, const CallInfo&) -> Result<Value> { return Value(Strval(a[0])); });
  Def(m, "split", {kS, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    return PartsMap(Split(S(a[1]), S(a[0])));
  });
  Def(m, "splitList", {kS, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    return StringList(Split(S(a[1]), S(a[0])));
  });
  Def(m, "splitn", {kS, kI, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    return PartsMap(SplitN(S(a[2]), S(a[0]), I(a[1])));
  });
  Def(m, "toStrings", {A::kAny}, [](Args a, const CallInfo&) -> Result<Value> { return StringList(StrSlice(a[0])); });
  Def(m, "join", {kS, A::kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    auto parts = StrSlice(a[1]);
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (i) out += S(a[0]);
      out += parts[i];
    }
    return Value(std::move(out));
  });
  Def(m, "sortAlpha", {A::kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    Value holder;
    if (SliceElems(a[0], &holder) == nullptr) return StringList({Strval(a[0])});
    auto parts = StrSlice(a[0]);
    std::sort(parts.begin(), parts.end());
    return StringList(std::move(parts));
  });
  Def(
      m, "seq", {kI},
      [](Args a, const CallInfo&) -> Result<Value> {
        std::vector<int64_t> v;
        switch (a.size()) {
          case 1: {
            int64_t start = 1, end = I(a[0]), inc = end < start ? -1 : 1;
            v = UntilStep(start, end + inc, inc);
            break;
          }
          case 2: {
            int64_t start = I(a[0]), end = I(a[1]), step = end < start ? -1 : 1;
            v = UntilStep(start, end + step, step);
            break;
          }
          case 3: {
            int64_t start = I(a[0]), end = I(a[2]), step = I(a[1]), inc = 1;
            if (end < start) {
              inc = -1;
              if (step > 0) return Value("");
            }
            v = UntilStep(start, end + inc, step);
            break;
          }
          default:
            return Value("");
        }
        std::string out;
        for (size_t i = 0; i < v.size(); ++i) {
          if (i) out.push_back(' ');
          out += std::to_string(v[i]);
        }
        return Value(std::move(out));
      },
      true);
  Def(m, "until", {kI}, [](Args a, const CallInfo&) -> Result<Value> {
    int64_t n = I(a[0]);
    ValueList l;
    for (int64_t i : UntilStep(0, n, n < 0 ? -1 : 1)) l.emplace_back(Value::Int(i));
    return Value(std::move(l));
  });
  Def(m, "untilStep", {kI, kI, kI}, [](Args a, const CallInfo&) -> Result<Value> {
    ValueList l;
    for (int64_t i : UntilStep(I(a[0]), I(a[1]), I(a[2]))) l.emplace_back(Value::Int(i));
    return Value(std::move(l));
  });
}

}  // namespace helm::funcs::internal
