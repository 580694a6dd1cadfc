#include "helm/values/internal.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "helm/base/strings.h"

namespace helm::values::internal {

bool IsGoSpace(uint32_t r) {
  switch (r) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return r >= 0x2000 && r <= 0x200A;
  }
}

bool IsGoPrint(uint32_t r) {
  if (r < 0x20 || r == 0x7F) return false;
  if (r < 0x7F) return true;
  if (r >= 0x80 && r <= 0xA0) return false;  // C1 controls and NBSP
  if (r == 0xAD) return false;                // soft hyphen (Cf)
  if (IsGoSpace(r)) return false;
  if ((r >= 0x200B && r <= 0x200F) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2060 && r <= 0x206F)) return false;
  if (r == 0xFEFF || (r >= 0xFFF9 && r <= 0xFFFB)) return false;
  if (r >= 0xD800 && r <= 0xDFFF) return false;
  if ((r >= 0xE000 && r <= 0xF8FF) || r >= 0xF0000) return false;  // private use
  if ((r & 0xFFFE) == 0xFFFE) return false;                         // noncharacters
  return r <= 0x10FFFF;
}

namespace {

void AppendGo(std::string* out, const Value& v) {
  switch (v.kind()) {
    case Kind::kNull: out->append("<nil>"); return;
    case Kind::kBool: out->append(v.as_bool() ? "true" : "false"); return;
    case Kind::kInt:
      if (v.int_type() == IntType::kUint64 || v.int_type() == IntType::kUint) {
        out->append(std::to_string(static_cast<uint64_t>(v.as_int())));
      } else {
        out->append(std::to_string(v.as_int()));
      }
      return;
    case Kind::kFloat: out->append(FormatFloat(v.as_float(), 'g', -1)); return;
    case Kind::kString: out->append(v.as_string()); return;
    case Kind::kList: {
      out->push_back('[');
      bool first = true;
      for (const Value& e : v.as_list()) {
        if (!first) out->push_back(' ');
        first = false;
        AppendGo(out, e);
      }
      out->push_back(']');
      return;
    }
    case Kind::kMap: {
      out->append("map[");
      bool first = true;
      for (const auto& [k, e] : v.as_map()) {
        if (!first) out->push_back(' ');
        first = false;
        out->append(k);
        out->push_back(':');
        AppendGo(out, e);
      }
      out->push_back(']');
      return;
    }
    case Kind::kObject: out->append(v.as_object().Format()); return;
  }
}

// Go's encoding/json quoteChar, used in syntax error messages.
std::string QuoteChar(unsigned char c) {
  if (c == '\'') return "'\\''";
  if (c == '"') return "'\"'";
  std::string q = GoQuote(std::string_view(reinterpret_cast<const char*>(&c), 1));
  return "'" + q.substr(1, q.size() - 2) + "'";
}

bool IsJsonSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

class JsonReader {
 public:
  JsonReader(std::string_view s, bool use_number, bool decoder)
      : s_(s), use_number_(use_number), decoder_(decoder) {}

  Result<Value> ReadTop(size_t* consumed) {
    SkipSpace();
    if (pos_ >= s_.size()) {
      return Error(Code::kParse, decoder_ ? "EOF" : "unexpected end of JSON input");
    }
    Value v;
    HELM_RETURN_IF_ERROR(ReadValue(&v, 0));
    if (consumed) *consumed = pos_;
    if (!decoder_) {
      SkipSpace();
      if (pos_ < s_.size()) return Syntax("after top-level value");
    }
    return v;
  }

 private:
  Status Eof() const {
    return Error(Code::kParse, decoder_ ? "unexpected EOF" : "unexpected end of JSON input");
  }
  Status Syntax(std::string_view context) const {
    return Error(Code::kParse, "invalid character " + QuoteChar(static_cast<unsigned char>(s_[pos_])) + " " +
                                   std::string(context));
  }
  void SkipSpace() {
    while (pos_ < s_.size() && IsJsonSpace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }

  Status ReadValue(Value* out, int depth) {
    if (depth > 10000) return Error(Code::kParse, "exceeded max depth");
    SkipSpace();
    if (pos_ >= s_.size()) return Eof();
    char c = s_[pos_];
    switch (c) {
      case '{': return ReadObject(out, depth);
      case '[': return ReadArray(out, depth);
      case '"': {
        std::string str;
        HELM_RETURN_IF_ERROR(ReadString(&str));
        *out = Value(std::string_view(str));
        return OkStatus();
      }
      case 't': return ReadLiteral("true", Value(true), out);
      case 'f': return ReadLiteral("false", Value(false), out);
      case 'n': return ReadLiteral("null", Value(), out);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber(out);
        return Syntax("looking for beginning of value");
    }
  }

  Status ReadLiteral(std::string_view word, Value v, Value* out) {
    ++pos_;
    for (size_t i = 1; i < word.size(); ++i, ++pos_) {
      if (pos_ >= s_.size()) return Eof();
      if (s_[pos_] != word[i]) {
        return Syntax("in literal " + std::string(word) + " (expecting " +
                      QuoteChar(static_cast<unsigned char>(word[i])) + ")");
      }
    }
    *out = std::move(v);
    return OkStatus();
  }

  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

  Status ReadNumber(Value* out) {
    size_t start = pos_;
    bool integer = true;
    if (s_[pos_] == '-') {
      ++pos_;
      if (pos_ >= s_.size()) return Eof();
      if (!IsDigit(s_[pos_])) return Syntax("in numeric literal");
    }
    if (s_[pos_] == '0') {
      ++pos_;
    } else {
      while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      integer = false;
      ++pos_;
      if (pos_ >= s_.size()) return Eof();
      if (!IsDigit(s_[pos_])) return Syntax("after decimal point in numeric literal");
      while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      integer = false;
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (pos_ >= s_.size()) return Eof();
      if (!IsDigit(s_[pos_])) return Syntax("in exponent of numeric literal");
      while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
    }
    // The decoder cannot know a top-level number ended until it sees the next byte or EOF; both are
    // fine here. Inside containers the caller checks what follows.
    std::string text(s_.substr(start, pos_ - start));
    if (use_number_ && integer) {
      errno = 0;
      long long i = std::strtoll(text.c_str(), nullptr, 10);
      if (errno == 0) {
        *out = Value::Int64(i);
        return OkStatus();
      }
    }
    errno = 0;
    double d = std::strtod(text.c_str(), nullptr);
    if (errno == ERANGE && std::isinf(d)) {
      return Error(Code::kParse, "json: cannot unmarshal number " + text + " into Go value of type float64");
    }
    *out = Value(d);
    return OkStatus();
  }

  static int Hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  // Reads 4 hex digits at pos_ (already validated by the scanner pass) and returns the code unit.
  Status ReadHex4(uint32_t* out) {
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i, ++pos_) {
      if (pos_ >= s_.size()) return Eof();
      int h = Hex(s_[pos_]);
      if (h < 0) return Syntax("in \\u hexadecimal character escape");
      v = v * 16 + h;
    }
    *out = v;
    return OkStatus();
  }

  Status ReadString(std::string* out) {
    ++pos_;  // opening quote
    while (true) {
      if (pos_ >= s_.size()) return Eof();
      unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        return OkStatus();
      }
      if (c < 0x20) return Syntax("in string literal");
      if (c == '\\') {
        ++pos_;
        if (pos_ >= s_.size()) return Eof();
        char e = s_[pos_];
        switch (e) {
          case '"': case '\\': case '/': out->push_back(e); ++pos_; break;
          case 'b': out->push_back('\b'); ++pos_; break;
          case 'f': out->push_back('\f'); ++pos_; break;
          case 'n': out->push_back('\n'); ++pos_; break;
          case 'r': out->push_back('\r'); ++pos_; break;
          case 't': out->push_back('\t'); ++pos_; break;
          case 'u': {
            ++pos_;
            uint32_t r = 0;
            HELM_RETURN_IF_ERROR(ReadHex4(&r));
            if (r >= 0xD800 && r < 0xDC00) {
              // A high surrogate needs a following \uDC00-\uDFFF escape; otherwise it decodes as U+FFFD.
              if (pos_ + 6 <= s_.size() && s_[pos_] == '\\' && s_[pos_ + 1] == 'u') {
                size_t save = pos_;
                pos_ += 2;
                uint32_t r2 = 0;
                HELM_RETURN_IF_ERROR(ReadHex4(&r2));
                if (r2 >= 0xDC00 && r2 < 0xE000) {
                  r = 0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00);
                } else {
                  pos_ = save;
                  r = 0xFFFD;
                }
              } else {
                r = 0xFFFD;
              }
            } else if (r >= 0xDC00 && r < 0xE000) {
              r = 0xFFFD;
            }
            AppendUtf8(out, r);
            break;
          }
          default:
            return Syntax("in string escape code");
        }
        continue;
      }
      if (c < 0x80) {
        out->push_back(static_cast<char>(c));
        ++pos_;
        continue;
      }
      int width = 1;
      uint32_t r = DecodeRune(s_, pos_, &width);
      if (r == 0xFFFD && width == 1) {
        AppendUtf8(out, 0xFFFD);
      } else {
        out->append(s_.substr(pos_, width));
      }
      pos_ += width;
    }
  }

  Status ReadObject(Value* out, int depth) {
    ++pos_;
    ValueMap m;
    SkipSpace();
    if (pos_ >= s_.size()) return Eof();
    if (s_[pos_] == '}') {
      ++pos_;
      *out = Value(std::move(m));
      return OkStatus();
    }
    while (true) {
      SkipSpace();
      if (pos_ >= s_.size()) return Eof();
      if (s_[pos_] != '"') return Syntax("looking for beginning of object key string");
      std::string key;
      HELM_RETURN_IF_ERROR(ReadString(&key));
      SkipSpace();
      if (pos_ >= s_.size()) return Eof();
      if (s_[pos_] != ':') return Syntax("after object key");
      ++pos_;
      Value v;
      HELM_RETURN_IF_ERROR(ReadValue(&v, depth + 1));
      m.insert_or_assign(std::move(key), std::move(v));
      SkipSpace();
      if (pos_ >= s_.size()) return Eof();
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] == '}') {
        ++pos_;
        *out = Value(std::move(m));
        return OkStatus();
      }
      return Syntax("after object key:value pair");
    }
  }

  Status ReadArray(Value* out, int depth) {
    ++pos_;
    ValueList list;
    SkipSpace();
    if (pos_ >= s_.size()) return Eof();
    if (s_[pos_] == ']') {
      ++pos_;
      *out = Value(std::move(list));
      return OkStatus();
    }
    while (true) {
      Value v;
      HELM_RETURN_IF_ERROR(ReadValue(&v, depth + 1));
      list.push_back(std::move(v));
      SkipSpace();
      if (pos_ >= s_.size()) return Eof();
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] == ']') {
        ++pos_;
        *out = Value(std::move(list));
        return OkStatus();
      }
      return Syntax("after array element");
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  bool use_number_;
  bool decoder_;
};

}  // namespace

std::string FormatGo(const Value& v) {
  std::string out;
  AppendGo(&out, v);
  return out;
}

std::string PanicTypeName(const Value& v) { return v.is_null() ? "nil" : v.TypeName(); }

Result<Value> DecodeJsonPrefix(std::string_view s, size_t* consumed, bool use_number) {
  return JsonReader(s, use_number, true).ReadTop(consumed);
}

Result<Value> UnmarshalJson(std::string_view s, bool use_number) {
  return JsonReader(s, use_number, false).ReadTop(nullptr);
}

}  // namespace helm::values::internal
