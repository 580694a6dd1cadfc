// Go's fmt package (Sprint, Sprintln, Sprintf) over Values.
#include <cstdint>
#include <cstring>
#include <string>

#include "helm/base/strings.h"
#include "helm/template/internal.h"
#include "helm/template/template.h"

namespace helm::tmpl {

namespace {

constexpr const char* kLowerHex = "0123456789abcdefx";
constexpr const char* kUpperHex = "0123456789ABCDEFX";

size_t RuneCount(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    int w;
    DecodeRune(s, i, &w);
    i += w;
    ++n;
  }
  return n;
}

// Appends the escaped form of rune r as strconv's appendEscapedRune does.
void AppendEscapedRune(std::string* out, uint32_t r, char quote, bool ascii_only) {
  if (r == static_cast<uint32_t>(quote) || r == '\\') {
    out->push_back('\\');
    AppendUtf8(out, r);
    return;
  }
  if (ascii_only) {
    if (r < 0x80 && IsPrintRune(r)) {
      out->push_back(static_cast<char>(r));
      return;
    }
  } else if (IsPrintRune(r)) {
    AppendUtf8(out, r);
    return;
  }
  switch (r) {
    case '\a': *out += "\\a"; return;
    case '\b': *out += "\\b"; return;
    case '\f': *out += "\\f"; return;
    case '\n': *out += "\\n"; return;
    case '\r': *out += "\\r"; return;
    case '\t': *out += "\\t"; return;
    case '\v': *out += "\\v"; return;
    default: break;
  }
  if (r < ' ' || r == 0x7F) {
    *out += "\\x";
    out->push_back(kLowerHex[(r >> 4) & 0xF]);
    out->push_back(kLowerHex[r & 0xF]);
    return;
  }
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
  if (r < 0x10000) {
    *out += "\\u";
    for (int s = 12; s >= 0; s -= 4) out->push_back(kLowerHex[(r >> s) & 0xF]);
  } else {
    *out += "\\U";
    for (int s = 28; s >= 0; s -= 4) out->push_back(kLowerHex[(r >> s) & 0xF]);
  }
}

std::string QuoteWith(std::string_view s, char quote, bool ascii_only) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back(quote);
  for (size_t i = 0; i < s.size();) {
    int w;
    uint32_t r = DecodeRune(s, i, &w);
    if (r == 0xFFFD && w == 1) {
      out += "\\x";
      out.push_back(kLowerHex[static_cast<unsigned char>(s[i]) >> 4]);
      out.push_back(kLowerHex[static_cast<unsigned char>(s[i]) & 0xF]);
      i += 1;
      continue;
    }
    AppendEscapedRune(&out, r, quote, ascii_only);
    i += w;
  }
  out.push_back(quote);
  return out;
}

bool CanBackquote(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    int w;
    uint32_t r = DecodeRune(s, i, &w);
    if (w > 1) {
      if (r == 0xFEFF) return false;
      i += w;
      continue;
    }
    if (r == 0xFFFD) return false;
    if ((r < ' ' && r != '\t') || r == '`' || r == 0x7F) return false;
    i += w;
  }
  return true;
}

// strconv.FormatFloat(f, 'x'|'X'|'b', prec, 64).
std::string FormatFloatBits(double f, char fmt, int prec) {
  uint64_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  bool neg = bits >> 63;
  int exp = static_cast<int>((bits >> 52) & 0x7FF);
  uint64_t mant = bits & ((uint64_t{1} << 52) - 1);
  if (exp == 0x7FF) return FormatFloat(f, 'g', -1);  // Inf, NaN
  if (exp == 0) {
    ++exp;
  } else {
    mant |= uint64_t{1} << 52;
  }
  exp -= 1023;
  std::string out;
  if (fmt == 'b') {
    if (neg) out.push_back('-');
    out += std::to_string(mant);
    out.push_back('p');
    int e = exp - 52;
    if (e >= 0) out.push_back('+');
    out += std::to_string(e);
    return out;
  }
  if (mant == 0) exp = 0;
  mant <<= 60 - 52;
  while (mant != 0 && (mant & (uint64_t{1} << 60)) == 0) {
    mant <<= 1;
    --exp;
  }
  if (prec >= 0 && prec < 15) {
    unsigned shift = static_cast<unsigned>(prec * 4);
    uint64_t extra = (mant << shift) & ((uint64_t{1} << 60) - 1);
    mant >>= 60 - shift;
    if ((extra | (mant & 1)) > (uint64_t{1} << 59)) ++mant;
    mant <<= 60 - shift;
    if (mant & (uint64_t{1} << 61)) {
      mant >>= 1;
      ++exp;
    }
  }
  const char* hex = fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  if (neg) out.push_back('-');
  out.push_back('0');
  out.push_back(fmt);
  out.push_back(static_cast<char>('0' + ((mant >> 60) & 1)));
  mant <<= 4;
  if (prec < 0 && mant != 0) {
    out.push_back('.');
    while (mant != 0) {
      out.push_back(hex[(mant >> 60) & 15]);
      mant <<= 4;
    }
  } else if (prec > 0) {
    out.push_back('.');
    for (int i = 0; i < prec; ++i) {
      out.push_back(hex[(mant >> 60) & 15]);
      mant <<= 4;
    }
  }
  out.push_back(fmt == 'X' ? 'P' : 'p');
  if (exp < 0) {
    out.push_back('-');
    exp = -exp;
  } else {
    out.push_back('+');
  }
  if (exp < 100) {
    out.push_back(static_cast<char>('0' + exp / 10));
    out.push_back(static_cast<char>('0' + exp % 10));
  } else {
    out += std::to_string(exp);
  }
  return out;
}

bool TooLarge(int64_t x) { return x > 1000000 || x < -1000000; }

class Printer {
 public:
  explicit Printer(std::string* buf) : buf_(*buf) {}

  void ClearFlags() {
    sharp_ = zero_ = plus_ = minus_ = space_ = sharp_v_ = plus_v_ = false;
    wid_present_ = prec_present_ = false;
    wid_ = prec_ = 0;
  }

  void DoPrint(std::span<const Value> args) {
    bool prev_string = false;
    for (size_t i = 0; i < args.size(); ++i) {
      bool is_string = args[i].is_string();
      if (i > 0 && !is_string && !prev_string) buf_.push_back(' ');
      PrintArg(args[i], 'v');
      prev_string = is_string;
    }
  }

  void DoPrintln(std::span<const Value> args) {
    for (size_t i = 0; i < args.size(); ++i) {
      if (i > 0) buf_.push_back(' ');
      PrintArg(args[i], 'v');
    }
    buf_.push_back('\n');
  }

  void DoPrintf(std::string_view format, std::span<const Value> a);

  // Prints one operand at the top level (depth 0).
  void PrintArg(const Value& arg, uint32_t verb) {
    if (arg.is_null()) {
      if (verb == 'T' || verb == 'v') {
        PadString("<nil>");
      } else {
        BadVerb(verb, nullptr);
      }
      return;
    }
    if (verb == 'T') {
      FmtS(arg.TypeName());
      return;
    }
    PrintValue(arg, verb, 0);
  }

 private:
  void WritePadding(int n) {
    if (n <= 0) return;
    buf_.append(static_cast<size_t>(n), zero_ && !minus_ ? '0' : ' ');
  }

  void Pad(std::string_view s) {
    if (!wid_present_ || wid_ == 0) {
      buf_.append(s);
      return;
    }
    int width = wid_ - static_cast<int>(RuneCount(s));
    if (!minus_) {
      WritePadding(width);
      buf_.append(s);
    } else {
      buf_.append(s);
      WritePadding(width);
    }
  }
  void PadString(std::string_view s) { Pad(s); }

  std::string_view Truncate(std::string_view s) const {
    if (prec_present_) {
      int n = prec_;
      for (size_t i = 0; i < s.size();) {
        --n;
        if (n < 0) return s.substr(0, i);
        int w;
        DecodeRune(s, i, &w);
        i += w;
      }
    }
    return s;
  }

  void FmtS(std::string_view s) { PadString(Truncate(s)); }

  void FmtQ(std::string_view s) {
    s = Truncate(s);
    if (sharp_ && CanBackquote(s)) {
      std::string q = "`";
      q.append(s);
      q.push_back('`');
      PadString(q);
      return;
    }
    Pad(plus_ ? QuoteWith(s, '"', true) : QuoteWith(s, '"', false));
  }

  // %x / %X of a string or byte slice.
  void FmtSbx(std::string_view s, const char* digits) {
    int length = static_cast<int>(s.size());
    if (prec_present_ && prec_ < length) length = prec_;
    int width = 2 * length;
    if (width > 0) {
      if (space_) {
        if (sharp_) width *= 2;
        width += length - 1;
      } else if (sharp_) {
        width += 2;
      }
    } else {
      if (wid_present_) WritePadding(wid_);
      return;
    }
    if (wid_present_ && wid_ > width && !minus_) WritePadding(wid_ - width);
    if (sharp_) {
      buf_.push_back('0');
      buf_.push_back(digits[16]);
    }
    for (int i = 0; i < length; ++i) {
      if (space_ && i > 0) {
        buf_.push_back(' ');
        if (sharp_) {
          buf_.push_back('0');
          buf_.push_back(digits[16]);
        }
      }
      unsigned char c = static_cast<unsigned char>(s[i]);
      buf_.push_back(digits[c >> 4]);
      buf_.push_back(digits[c & 0xF]);
    }
    if (wid_present_ && wid_ > width && minus_) WritePadding(wid_ - width);
  }

  void FmtInteger(uint64_t u, int base, bool is_signed, uint32_t verb, const char* digits) {
    bool negative = is_signed && static_cast<int64_t>(u) < 0;
    if (negative) u = -u;
    int prec = 0;
    if (prec_present_) {
      prec = prec_;
      if (prec == 0 && u == 0) {
        bool old_zero = zero_;
        zero_ = false;
        WritePadding(wid_);
        zero_ = old_zero;
        return;
      }
    } else if (zero_ && !minus_ && wid_present_) {
      prec = wid_;
      if (negative || plus_ || space_) --prec;
    }
    std::string tmp;  // built right to left, reversed at the end
    switch (base) {
      case 10:
        while (u >= 10) {
          tmp.push_back(static_cast<char>('0' + u % 10));
          u /= 10;
        }
        break;
      case 16:
        while (u >= 16) {
          tmp.push_back(digits[u & 0xF]);
          u >>= 4;
        }
        break;
      case 8:
        while (u >= 8) {
          tmp.push_back(static_cast<char>('0' + (u & 7)));
          u >>= 3;
        }
        break;
      case 2:
        while (u >= 2) {
          tmp.push_back(static_cast<char>('0' + (u & 1)));
          u >>= 1;
        }
        break;
    }
    tmp.push_back(digits[u]);
    while (prec > static_cast<int>(tmp.size())) tmp.push_back('0');
    if (sharp_) {
      switch (base) {
        case 2:
          tmp.push_back('b');
          tmp.push_back('0');
          break;
        case 8:
          if (tmp.back() != '0') tmp.push_back('0');
          break;
        case 16:
          tmp.push_back(digits[16]);
          tmp.push_back('0');
          break;
      }
    }
    if (verb == 'O') {
      tmp.push_back('o');
      tmp.push_back('0');
    }
    if (negative) {
      tmp.push_back('-');
    } else if (plus_) {
      tmp.push_back('+');
    } else if (space_) {
      tmp.push_back(' ');
    }
    std::string s(tmp.rbegin(), tmp.rend());
    bool old_zero = zero_;
    zero_ = false;
    Pad(s);
    zero_ = old_zero;
  }

  void FmtUnicode(uint64_t u) {
    int prec = 4;
    if (prec_present_ && prec_ > 4) prec = prec_;
    std::string hex;
    uint64_t x = u;
    do {
      hex.insert(hex.begin(), kUpperHex[x & 0xF]);
      x >>= 4;
      --prec;
    } while (x > 0);
    while (prec > 0) {
      hex.insert(hex.begin(), '0');
      --prec;
    }
    std::string s = "U+" + hex;
    if (sharp_ && u <= 0x10FFFF && IsPrintRune(static_cast<uint32_t>(u))) {
      s += " '";
      AppendUtf8(&s, static_cast<uint32_t>(u));
      s += "'";
    }
    bool old_zero = zero_;
    zero_ = false;
    Pad(s);
    zero_ = old_zero;
  }

  void FmtC(uint64_t c) {
    uint32_t r = c > 0x10FFFF ? 0xFFFD : static_cast<uint32_t>(c);
    std::string s;
    AppendUtf8(&s, r);
    Pad(s);
  }

  void FmtQc(uint64_t c) {
    uint32_t r = c > 0x10FFFF ? 0xFFFD : static_cast<uint32_t>(c);
    std::string s = "'";
    AppendEscapedRune(&s, r, '\'', plus_);
    s.push_back('\'');
    Pad(s);
  }

  void PrintInteger(uint64_t v, bool is_signed, uint32_t verb, const Value& arg, int depth) {
    switch (verb) {
      case 'v':
        if (sharp_v_ && !is_signed) {
          bool old = sharp_;
          sharp_ = true;
          FmtInteger(v, 16, false, 'v', kLowerHex);
          sharp_ = old;
        } else {
          FmtInteger(v, 10, is_signed, verb, kLowerHex);
        }
        return;
      case 'd': FmtInteger(v, 10, is_signed, verb, kLowerHex); return;
      case 'b': FmtInteger(v, 2, is_signed, verb, kLowerHex); return;
      case 'o':
      case 'O': FmtInteger(v, 8, is_signed, verb, kLowerHex); return;
      case 'x': FmtInteger(v, 16, is_signed, verb, kLowerHex); return;
      case 'X': FmtInteger(v, 16, is_signed, verb, kUpperHex); return;
      case 'c': FmtC(v); return;
      case 'q': FmtQc(v); return;
      case 'U': FmtUnicode(v); return;
      default: BadVerb(verb, &arg); return;
    }
  }

  void FmtFloatImpl(double v, char verb, int prec) {
    if (prec_present_) prec = prec_;
    std::string num = (verb == 'x' || verb == 'X' || verb == 'b') ? FormatFloatBits(v, verb, prec)
                                                                   : FormatFloat(v, verb, prec);
    if (num[0] == '-' || num[0] == '+') {
      // keep the sign
    } else {
      num.insert(num.begin(), '+');
    }
    if (space_ && num[0] == '+' && !plus_) num[0] = ' ';
    if (num[1] == 'I' || num[1] == 'N') {
      bool old_zero = zero_;
      zero_ = false;
      if (num[1] == 'N' && !space_ && !plus_) num.erase(0, 1);
      Pad(num);
      zero_ = old_zero;
      return;
    }
    if (sharp_ && verb != 'b') {
      int digits = 0;
      if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x') {
        digits = prec;
        if (digits == -1) digits = 6;
      }
      std::string tail;
      bool has_point = false, saw_nonzero = false;
      for (size_t i = 1; i < num.size(); ++i) {
        char c = num[i];
        if (c == '.') {
          has_point = true;
        } else if (c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X')) {
          tail = num.substr(i);
          num.resize(i);
          break;
        } else {
          if (c != '0') saw_nonzero = true;
          if (saw_nonzero) --digits;
        }
      }
      if (!has_point) {
        if (num.size() == 2 && num[1] == '0') --digits;
        num.push_back('.');
      }
      while (digits > 0) {
        num.push_back('0');
        --digits;
      }
      num += tail;
    }
    if (plus_ || num[0] != '+') {
      if (zero_ && !minus_ && wid_present_ && wid_ > static_cast<int>(num.size())) {
        buf_.push_back(num[0]);
        WritePadding(wid_ - static_cast<int>(num.size()));
        buf_.append(num, 1);
        return;
      }
      Pad(num);
      return;
    }
    Pad(std::string_view(num).substr(1));
  }

  void PrintFloat(double v, uint32_t verb, const Value& arg) {
    switch (verb) {
      case 'v': FmtFloatImpl(v, 'g', -1); return;
      case 'b':
      case 'x':
      case 'X':
      case 'g':
      case 'G': FmtFloatImpl(v, static_cast<char>(verb), -1); return;
      case 'f':
      case 'e':
      case 'E': FmtFloatImpl(v, static_cast<char>(verb), 6); return;
      case 'F': FmtFloatImpl(v, 'f', 6); return;
      default: BadVerb(verb, &arg); return;
    }
  }

  void PrintString(const std::string& s, uint32_t verb, const Value& arg) {
    switch (verb) {
      case 'v':
        if (sharp_v_) {
          FmtQ(s);
        } else {
          FmtS(s);
        }
        return;
      case 's': FmtS(s); return;
      case 'x': FmtSbx(s, kLowerHex); return;
      case 'X': FmtSbx(s, kUpperHex); return;
      case 'q': FmtQ(s); return;
      default: BadVerb(verb, &arg); return;
    }
  }

  void PrintBytes(const Value& arg, uint32_t verb, int depth) {
    const ValueList& list = arg.as_list();
    if (verb == 'v' || verb == 'd') {
      if (sharp_v_) {
        buf_ += "[]byte{";
        for (size_t i = 0; i < list.size(); ++i) {
          if (i > 0) buf_ += ", ";
          bool old = sharp_;
          sharp_ = true;
          FmtInteger(static_cast<uint64_t>(ElemInt(list[i])), 16, false, 'v', kLowerHex);
          sharp_ = old;
        }
        buf_.push_back('}');
        return;
      }
      buf_.push_back('[');
      for (size_t i = 0; i < list.size(); ++i) {
        if (i > 0) buf_.push_back(' ');
        FmtInteger(static_cast<uint64_t>(ElemInt(list[i])), 10, false, verb, kLowerHex);
      }
      buf_.push_back(']');
      return;
    }
    std::string s;
    s.reserve(list.size());
    for (const Value& e : list) s.push_back(static_cast<char>(ElemInt(e)));
    switch (verb) {
      case 's': FmtS(s); return;
      case 'x': FmtSbx(s, kLowerHex); return;
      case 'X': FmtSbx(s, kUpperHex); return;
      case 'q': FmtQ(s); return;
      default: PrintList(arg, verb, depth); return;
    }
  }

  static int64_t ElemInt(const Value& v) { return v.is_int() ? v.as_int() : 0; }

  void PrintList(const Value& arg, uint32_t verb, int depth) {
    const ValueList& list = arg.as_list();
    bool iface = arg.list_type() == ListType::kInterface;
    if (sharp_v_) {
      buf_ += arg.TypeName();
      buf_.push_back('{');
      for (size_t i = 0; i < list.size(); ++i) {
        if (i > 0) buf_ += ", ";
        PrintElem(list[i], verb, depth + 1, iface);
      }
      buf_.push_back('}');
      return;
    }
    buf_.push_back('[');
    for (size_t i = 0; i < list.size(); ++i) {
      if (i > 0) buf_.push_back(' ');
      PrintElem(list[i], verb, depth + 1, iface);
    }
    buf_.push_back(']');
  }

  void PrintMap(const Value& arg, uint32_t verb, int depth) {
    const ValueMap& map = arg.as_map();
    bool iface = arg.map_type() != MapType::kString;
    Value key;
    if (sharp_v_) {
      buf_ += arg.TypeName();
      buf_.push_back('{');
      bool first = true;
      for (const auto& [k, v] : map) {
        if (!first) buf_ += ", ";
        first = false;
        key = Value(std::string_view(k));
        PrintValue(key, verb, depth + 1);
        buf_.push_back(':');
        PrintElem(v, verb, depth + 1, iface);
      }
      buf_.push_back('}');
      return;
    }
    buf_ += "map[";
    bool first = true;
    for (const auto& [k, v] : map) {
      if (!first) buf_.push_back(' ');
      first = false;
      key = Value(std::string_view(k));
      PrintValue(key, verb, depth + 1);
      buf_.push_back(':');
      PrintElem(v, verb, depth + 1, iface);
    }
    buf_.push_back(']');
  }

  // An element of a container; `iface` tells whether the element's static type is interface {}.
  void PrintElem(const Value& v, uint32_t verb, int depth, bool iface) {
    if (v.is_null()) {
      if (sharp_v_) {
        PadString("interface {}");
        PadString("(nil)");
      } else {
        PadString("<nil>");
      }
      return;
    }
    PrintValue(v, verb, depth);
  }

 public:
  void PrintValue(const Value& arg, uint32_t verb, int depth) {
    switch (arg.kind()) {
      case Kind::kNull:
        PrintElem(arg, verb, depth, true);
        return;
      case Kind::kBool:
        if (verb == 't' || verb == 'v') {
          PadString(arg.as_bool() ? "true" : "false");
        } else {
          BadVerb(verb, &arg);
        }
        return;
      case Kind::kInt: {
        IntType t = arg.int_type();
        bool is_signed = t == IntType::kInt || t == IntType::kInt64 || t == IntType::kInt32 ||
                         t == IntType::kInt16 || t == IntType::kInt8;
        PrintInteger(static_cast<uint64_t>(arg.as_int()), is_signed, verb, arg, depth);
        return;
      }
      case Kind::kFloat:
        PrintFloat(arg.as_float(), verb, arg);
        return;
      case Kind::kString:
        PrintString(arg.as_string(), verb, arg);
        return;
      case Kind::kList:
        if (arg.list_type() == ListType::kBytes) {
          PrintBytes(arg, verb, depth);
        } else {
          PrintList(arg, verb, depth);
        }
        return;
      case Kind::kMap:
        PrintMap(arg, verb, depth);
        return;
      case Kind::kObject:
        if (!sharp_v_ && (verb == 'v' || verb == 's' || verb == 'x' || verb == 'X' || verb == 'q')) {
          PrintString(arg.as_object().Format(), verb, arg);
        } else if (sharp_v_) {
          PadString(arg.as_object().Format());
        } else {
          BadVerb(verb, &arg);
        }
        return;
    }
  }

 private:
  void BadVerb(uint32_t verb, const Value* arg) {
    buf_ += "%!";
    AppendUtf8(&buf_, verb);
    buf_.push_back('(');
    if (arg != nullptr && !arg->is_null()) {
      buf_ += arg->TypeName();
      buf_.push_back('=');
      PrintArg(*arg, 'v');
    } else {
      buf_ += "<nil>";
    }
    buf_.push_back(')');
  }

  // Reads [n] at format[i]; see Go's argNumber.
  void ArgNumber(int* arg_num, std::string_view format, size_t* i, int num_args, bool* found) {
    *found = false;
    if (*i >= format.size() || format[*i] != '[') return;
    reordered_ = true;
    std::string_view f = format.substr(*i);
    int index = 0;
    size_t wid = 1;
    bool ok = false;
    if (f.size() >= 3) {
      for (size_t j = 1; j < f.size(); ++j) {
        if (f[j] == ']') {
          int num = 0;
          bool isnum = false;
          size_t k = 1;
          bool overflow = false;
          for (; k < j && f[k] >= '0' && f[k] <= '9'; ++k) {
            if (TooLarge(num)) {
              overflow = true;
              break;
            }
            num = num * 10 + (f[k] - '0');
            isnum = true;
          }
          if (overflow || !isnum || k != j) {
            index = 0;
            wid = j + 1;
            ok = false;
          } else {
            index = num - 1;
            wid = j + 1;
            ok = true;
          }
          break;
        }
      }
    }
    if (ok && index >= 0 && index < num_args) {
      *arg_num = index;
      *i += wid;
      *found = true;
      return;
    }
    good_arg_num_ = false;
    *i += wid;
    *found = ok;
  }

  static void ParseNum(std::string_view s, size_t start, size_t end, int* num, bool* isnum, size_t* newi) {
    *num = 0;
    *isnum = false;
    if (start >= end) {
      *newi = end;
      return;
    }
    size_t k = start;
    for (; k < end && s[k] >= '0' && s[k] <= '9'; ++k) {
      if (TooLarge(*num)) {
        *num = 0;
        *isnum = false;
        *newi = end;
        return;
      }
      *num = *num * 10 + (s[k] - '0');
      *isnum = true;
    }
    *newi = k;
  }

  static void IntFromArg(std::span<const Value> a, int* arg_num, int* num, bool* is_int) {
    *num = 0;
    *is_int = false;
    if (*arg_num < static_cast<int>(a.size())) {
      const Value& v = a[*arg_num];
      if (v.is_int()) {
        IntType t = v.int_type();
        bool is_unsigned = t == IntType::kUint || t == IntType::kUint64 || t == IntType::kUint32 ||
                           t == IntType::kUint16 || t == IntType::kUint8;
        if (!(is_unsigned && v.as_int() < 0)) {
          *num = static_cast<int>(v.as_int());
          *is_int = static_cast<int64_t>(*num) == v.as_int();
          if (!*is_int) *num = 0;
        }
      }
      ++*arg_num;
      if (TooLarge(*num)) {
        *num = 0;
        *is_int = false;
      }
    }
  }

  std::string& buf_;
  bool sharp_ = false, zero_ = false, plus_ = false, minus_ = false, space_ = false;
  bool sharp_v_ = false, plus_v_ = false;
  bool wid_present_ = false, prec_present_ = false;
  int wid_ = 0, prec_ = 0;
  bool reordered_ = false;
  bool good_arg_num_ = true;
};

void Printer::DoPrintf(std::string_view format, std::span<const Value> a) {
  size_t end = format.size();
  int arg_num = 0;
  int nargs = static_cast<int>(a.size());
  bool after_index = false;
  reordered_ = false;
  for (size_t i = 0; i < end;) {
    good_arg_num_ = true;
    size_t lasti = i;
    while (i < end && format[i] != '%') ++i;
    if (i > lasti) buf_.append(format.substr(lasti, i - lasti));
    if (i >= end) break;
    ++i;  // skip %
    ClearFlags();
    bool simple_done = false;
    for (; i < end; ++i) {
      char c = format[i];
      if (c == '#') {
        sharp_ = true;
      } else if (c == '0') {
        zero_ = !minus_;
      } else if (c == '+') {
        plus_ = true;
      } else if (c == '-') {
        minus_ = true;
        zero_ = false;
      } else if (c == ' ') {
        space_ = true;
      } else {
        if (c >= 'a' && c <= 'z' && arg_num < nargs) {
          if (c == 'v') {
            sharp_v_ = sharp_;
            sharp_ = false;
            plus_v_ = plus_;
            plus_ = false;
          }
          PrintArg(a[arg_num], static_cast<uint32_t>(c));
          ++arg_num;
          ++i;
          simple_done = true;
        }
        break;
      }
    }
    if (simple_done) continue;

    ArgNumber(&arg_num, format, &i, nargs, &after_index);

    if (i < end && format[i] == '*') {
      ++i;
      IntFromArg(a, &arg_num, &wid_, &wid_present_);
      if (!wid_present_) buf_ += "%!(BADWIDTH)";
      if (wid_ < 0) {
        wid_ = -wid_;
        minus_ = true;
        zero_ = false;
      }
      after_index = false;
    } else {
      ParseNum(format, i, end, &wid_, &wid_present_, &i);
      if (after_index && wid_present_) good_arg_num_ = false;
    }

    if (i + 1 < end && format[i] == '.') {
      ++i;
      if (after_index) good_arg_num_ = false;
      ArgNumber(&arg_num, format, &i, nargs, &after_index);
      if (i < end && format[i] == '*') {
        ++i;
        IntFromArg(a, &arg_num, &prec_, &prec_present_);
        if (prec_ < 0) {
          prec_ = 0;
          prec_present_ = false;
        }
        if (!prec_present_) buf_ += "%!(BADPREC)";
        after_index = false;
      } else {
        ParseNum(format, i, end, &prec_, &prec_present_, &i);
        if (!prec_present_) {
          prec_ = 0;
          prec_present_ = true;
        }
      }
    }

    if (!after_index) ArgNumber(&arg_num, format, &i, nargs, &after_index);

    if (i >= end) {
      buf_ += "%!(NOVERB)";
      break;
    }
    int size = 1;
    uint32_t verb = static_cast<unsigned char>(format[i]);
    if (verb >= 0x80) verb = DecodeRune(format, i, &size);
    i += size;

    if (verb == '%') {
      buf_.push_back('%');
    } else if (!good_arg_num_) {
      buf_ += "%!";
      AppendUtf8(&buf_, verb);
      buf_ += "(BADINDEX)";
    } else if (arg_num >= nargs) {
      buf_ += "%!";
      AppendUtf8(&buf_, verb);
      buf_ += "(MISSING)";
    } else {
      if (verb == 'v') {
        sharp_v_ = sharp_;
        sharp_ = false;
        plus_v_ = plus_;
        plus_ = false;
      }
      PrintArg(a[arg_num], verb);
      ++arg_num;
    }
  }

  if (!reordered_ && arg_num < nargs) {
    ClearFlags();
    buf_ += "%!(EXTRA ";
    for (int k = arg_num; k < nargs; ++k) {
      if (k > arg_num) buf_ += ", ";
      if (a[k].is_null()) {
        buf_ += "<nil>";
      } else {
        buf_ += a[k].TypeName();
        buf_.push_back('=');
        PrintArg(a[k], 'v');
      }
    }
    buf_.push_back(')');
  }
}

}  // namespace

void AppendSprint(std::string* out, std::span<const Value> args) { Printer(out).DoPrint(args); }

void AppendValue(std::string* out, const Value& v) { Printer(out).PrintArg(v, 'v'); }

std::string Sprint(std::span<const Value> args) {
  std::string out;
  Printer(&out).DoPrint(args);
  return out;
}

std::string Sprintln(std::span<const Value> args) {
  std::string out;
  Printer(&out).DoPrintln(args);
  return out;
}

std::string Sprintf(std::string_view format, std::span<const Value> args) {
  std::string out;
  Printer(&out).DoPrintf(format, args);
  return out;
}

std::string FormatValue(const Value& v) {
  std::string out;
  Printer(&out).PrintArg(v, 'v');
  return out;
}

}  // namespace helm::tmpl
