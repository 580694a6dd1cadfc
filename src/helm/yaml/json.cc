// JSON with Go encoding/json's exact behaviour: Marshal (sorted keys, HTML-safe escaping, float format),
// MarshalIndent, and Unmarshal into interface{} with the scanner's error texts.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "helm/base/strings.h"
#include "helm/yaml/internal.h"
#include "helm/yaml/yaml.h"

namespace helm::yaml {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  size_t start = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char b = s[i];
    if (b < 0x80) {
      bool safe = b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&';
      if (safe) {
        i++;
        continue;
      }
      out->append(s.substr(start, i - start));
      switch (b) {
        case '\\':
        case '"':
          out->push_back('\\');
          out->push_back(static_cast<char>(b));
          break;
        case '\b':
          *out += "\\b";
          break;
        case '\f':
          *out += "\\f";
          break;
        case '\n':
          *out += "\\n";
          break;
        case '\r':
          *out += "\\r";
          break;
        case '\t':
          *out += "\\t";
          break;
        default:
          *out += "\\u00";
          out->push_back(kHex[b >> 4]);
          out->push_back(kHex[b & 0xF]);
      }
      i++;
      start = i;
      continue;
    }
    int w;
    uint32_t r = DecodeRune(s, i, &w);
    if (r == 0xFFFD && w == 1) {
      out->append(s.substr(start, i - start));
      *out += "\\ufffd";
      i += w;
      start = i;
      continue;
    }
    if (r == 0x2028 || r == 0x2029) {
      out->append(s.substr(start, i - start));
      *out += r == 0x2028 ? "\\u2028" : "\\u2029";
      i += w;
      start = i;
      continue;
    }
    i += w;
  }
  out->append(s.substr(start));
  out->push_back('"');
}

void AppendBase64(std::string* out, const ValueList& bytes) {
  static const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string raw;
  raw.reserve(bytes.size());
  for (const Value& b : bytes) raw.push_back(static_cast<char>(b.is_int() ? b.as_int() : 0));
  size_t i = 0;
  for (; i + 3 <= raw.size(); i += 3) {
    uint32_t n = (uint8_t(raw[i]) << 16) | (uint8_t(raw[i + 1]) << 8) | uint8_t(raw[i + 2]);
    out->push_back(kB64[n >> 18]);
    out->push_back(kB64[(n >> 12) & 63]);
    out->push_back(kB64[(n >> 6) & 63]);
    out->push_back(kB64[n & 63]);
  }
  if (i < raw.size()) {
    uint32_t n = uint8_t(raw[i]) << 16;
    if (i + 1 < raw.size()) n |= uint8_t(raw[i + 1]) << 8;
    out->push_back(kB64[n >> 18]);
    out->push_back(kB64[(n >> 12) & 63]);
    out->push_back(i + 1 < raw.size() ? kB64[(n >> 6) & 63] : '=');
    out->push_back('=');
  }
}

bool Encode(std::string* out, const Value& v, std::string* err) {
  switch (v.kind()) {
    case Kind::kNull:
      *out += "null";
      return true;
    case Kind::kBool:
      *out += v.as_bool() ? "true" : "false";
      return true;
    case Kind::kInt:
      if (v.int_type() == IntType::kUint64 || v.int_type() == IntType::kUint) {
        *out += std::to_string(static_cast<uint64_t>(v.as_int()));
      } else {
        *out += std::to_string(v.as_int());
      }
      return true;
    case Kind::kFloat: {
      double f = v.as_float();
      if (std::isnan(f) || std::isinf(f)) {
        *err = "json: unsupported value: " + FormatFloat(f, 'g', -1);
        return false;
      }
      internal::AppendJsonFloat(out, f);
      return true;
    }
    case Kind::kString:
      AppendJsonString(out, v.as_string());
      return true;
    case Kind::kList: {
      if (v.list_type() == ListType::kBytes) {
        out->push_back('"');
        AppendBase64(out, v.as_list());
        out->push_back('"');
        return true;
      }
      out->push_back('[');
      bool first = true;
      for (const Value& e : v.as_list()) {
        if (!first) out->push_back(',');
        first = false;
        if (!Encode(out, e, err)) return false;
      }
      out->push_back(']');
      return true;
    }
    case Kind::kMap: {
      out->push_back('{');
      bool first = true;
      for (const auto& [k, e] : v.as_map()) {
        if (!first) out->push_back(',');
        first = false;
        AppendJsonString(out, k);
        out->push_back(':');
        if (!Encode(out, e, err)) return false;
      }
      out->push_back('}');
      return true;
    }
    case Kind::kObject: {
      std::optional<Value> plain = v.as_object().AsPlainValue();
      if (plain) return Encode(out, *plain, err);
      *out += "{}";
      return true;
    }
  }
  return true;
}

// json.Indent over compact Marshal output.
std::string Indent(std::string_view src, std::string_view prefix, std::string_view indent) {
  std::string out;
  out.reserve(src.size() * 2);
  int depth = 0;
  bool need_indent = false;
  auto newline = [&](int d) {
    out.push_back('\n');
    out.append(prefix);
    for (int i = 0; i < d; i++) out.append(indent);
  };
  for (size_t i = 0; i < src.size(); i++) {
    char c = src[i];
    if (c == '"') {
      if (need_indent) {
        newline(depth);
        need_indent = false;
      }
      size_t j = i + 1;
      while (j < src.size() && src[j] != '"') j += src[j] == '\\' ? 2 : 1;
      out.append(src.substr(i, j - i + 1));
      i = j;
      continue;
    }
    if (need_indent && c != ']' && c != '}') {
      newline(depth);
      need_indent = false;
    }
    switch (c) {
      case '{':
      case '[':
        out.push_back(c);
        depth++;
        need_indent = true;
        break;
      case ',':
        out.push_back(c);
        newline(depth);
        break;
      case ':':
        out += ": ";
        break;
      case '}':
      case ']':
        if (need_indent) {
          need_indent = false;  // empty container stays compact
        } else {
          newline(depth - 1);
        }
        depth--;
        out.push_back(c);
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// --- Decoding ---------------------------------------------------------------------------------------

std::string QuoteChar(unsigned char c) {
  if (c == '\'') return "'\\''";
  if (c == '"') return "'\"'";
  std::string s;
  AppendUtf8(&s, c);
  std::string q = GoQuote(s);
  return "'" + q.substr(1, q.size() - 2) + "'";
}

class JsonParser {
 public:
  explicit JsonParser(std::string_view s) : s_(s) {}

  // Syntax errors come first (Go validates the whole input before decoding); a number out of float64's
  // range is reported through *type_err, since what Go says then depends on the target type.
  Result<Value> Parse(std::string* type_err) {
    Value v;
    if (!ParseValue(&v, 0)) return Error(Code::kParse, err_);
    SkipSpace();
    if (pos_ < s_.size()) {
      return Error(Code::kParse, "invalid character " + QuoteChar(s_[pos_]) + " after top-level value");
    }
    *type_err = std::move(type_err_);
    return v;
  }

 private:
  void SkipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\r' || s_[pos_] == '\n')) {
      pos_++;
    }
  }
  bool Fail(std::string_view context) {
    if (pos_ >= s_.size()) {
      // Go's scanner ends input by feeding it a space: states that cannot take one report it.
      bool space_fails = context.substr(0, 3) == "in " || context.substr(0, 6) == "after ";
      if (space_fails && context.substr(0, 9) != "after obj" && context.substr(0, 9) != "after arr") {
        err_ = "invalid character ' ' " + std::string(context);
      } else {
        err_ = "unexpected end of JSON input";
      }
    } else {
      err_ = "invalid character " + QuoteChar(s_[pos_]) + " " + std::string(context);
    }
    return false;
  }

  bool ParseValue(Value* out, int depth) {
    SkipSpace();
    if (pos_ >= s_.size()) return Fail("");
    if (depth > 10000) {
      err_ = "exceeded max depth";
      return false;
    }
    char c = s_[pos_];
    switch (c) {
      case '{':
        return ParseObject(out, depth);
      case '[':
        return ParseArray(out, depth);
      case '"': {
        std::string str;
        if (!ParseString(&str)) return false;
        *out = Value(std::move(str));
        return true;
      }
      case 't':
        return Literal("true", Value(true), out);
      case 'f':
        return Literal("false", Value(false), out);
      case 'n':
        return Literal("null", Value(), out);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber(out);
        return Fail("looking for beginning of value");
    }
  }

  bool Literal(std::string_view word, Value v, Value* out) {
    for (size_t i = 1; i < word.size(); i++) {
      pos_++;
      if (pos_ >= s_.size() || s_[pos_] != word[i]) {
        return Fail("in literal " + std::string(word) + " (expecting " + QuoteChar(word[i]) + ")");
      }
    }
    pos_++;
    *out = std::move(v);
    return true;
  }

  static bool Digit(char c) { return c >= '0' && c <= '9'; }

  bool ParseNumber(Value* out) {
    size_t start = pos_;
    if (s_[pos_] == '-') {
      pos_++;
      if (pos_ >= s_.size() || !Digit(s_[pos_])) return Fail("in numeric literal");
    }
    if (s_[pos_] == '0') {
      pos_++;
    } else {
      while (pos_ < s_.size() && Digit(s_[pos_])) pos_++;
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      pos_++;
      if (pos_ >= s_.size() || !Digit(s_[pos_])) return Fail("after decimal point in numeric literal");
      while (pos_ < s_.size() && Digit(s_[pos_])) pos_++;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      pos_++;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) pos_++;
      if (pos_ >= s_.size() || !Digit(s_[pos_])) return Fail("in exponent of numeric literal");
      while (pos_ < s_.size() && Digit(s_[pos_])) pos_++;
    }
    std::string text(s_.substr(start, pos_ - start));
    double f = std::strtod(text.c_str(), nullptr);
    if (std::isinf(f) && type_err_.empty()) {
      type_err_ = "json: cannot unmarshal number " + text + " into Go value of type float64";
    }
    *out = Value(f);
    return true;
  }

  bool Hex4(uint32_t* r) {
    uint32_t v = 0;
    for (int k = 0; k < 4; k++) {
      pos_++;
      if (pos_ >= s_.size()) return Fail("in \\u hexadecimal character escape");
      char c = s_[pos_];
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        return Fail("in \\u hexadecimal character escape");
      }
      v = v * 16 + d;
    }
    *r = v;
    return true;
  }

  bool ParseString(std::string* out) {
    pos_++;  // opening quote
    size_t run = pos_;
    while (true) {
      if (pos_ >= s_.size()) return Fail("");
      unsigned char c = s_[pos_];
      if (c == '"') {
        out->append(s_.substr(run, pos_ - run));
        pos_++;
        return true;
      }
      if (c < 0x20) return Fail("in string literal");
      if (c == '\\') {
        out->append(s_.substr(run, pos_ - run));
        pos_++;
        if (pos_ >= s_.size()) return Fail("in string escape code");
        char e = s_[pos_];
        switch (e) {
          case 'b':
            out->push_back('\b');
            break;
          case 'f':
            out->push_back('\f');
            break;
          case 'n':
            out->push_back('\n');
            break;
          case 'r':
            out->push_back('\r');
            break;
          case 't':
            out->push_back('\t');
            break;
          case '\\':
          case '/':
          case '"':
            out->push_back(e);
            break;
          case 'u': {
            uint32_t r = 0;
            if (!Hex4(&r)) return false;
            if (r >= 0xD800 && r < 0xDC00) {
              // A high surrogate: combine with a following \uDC00-\uDFFF escape when there is one.
              if (pos_ + 6 < s_.size() + 0 && s_[pos_ + 1] == '\\' && s_[pos_ + 2] == 'u') {
                size_t save = pos_;
                pos_ += 2;
                uint32_t r2 = 0;
                if (!Hex4(&r2)) return false;
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
            return Fail("in string escape code");
        }
        pos_++;
        run = pos_;
        continue;
      }
      if (c >= 0x80) {
        int w;
        uint32_t r = DecodeRune(s_, pos_, &w);
        if (r == 0xFFFD && w == 1) {
          out->append(s_.substr(run, pos_ - run));
          *out += "\xEF\xBF\xBD";
          pos_++;
          run = pos_;
          continue;
        }
        pos_ += w;
        continue;
      }
      pos_++;
    }
  }

  bool ParseArray(Value* out, int depth) {
    pos_++;
    ValueList list;
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      pos_++;
      *out = Value(std::move(list));
      return true;
    }
    while (true) {
      Value v;
      if (!ParseValue(&v, depth + 1)) return false;
      list.push_back(std::move(v));
      SkipSpace();
      if (pos_ >= s_.size()) return Fail("");
      if (s_[pos_] == ',') {
        pos_++;
        continue;
      }
      if (s_[pos_] == ']') {
        pos_++;
        *out = Value(std::move(list));
        return true;
      }
      return Fail("after array element");
    }
  }

  bool ParseObject(Value* out, int depth) {
    pos_++;
    auto map = std::make_shared<ValueMap>();
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      pos_++;
      *out = Value(std::move(map));
      return true;
    }
    while (true) {
      SkipSpace();
      if (pos_ >= s_.size()) return Fail("");
      if (s_[pos_] != '"') return Fail("looking for beginning of object key string");
      std::string key;
      if (!ParseString(&key)) return false;
      SkipSpace();
      if (pos_ >= s_.size()) return Fail("");
      if (s_[pos_] != ':') return Fail("after object key");
      pos_++;
      Value v;
      if (!ParseValue(&v, depth + 1)) return false;
      (*map)[std::move(key)] = std::move(v);
      SkipSpace();
      if (pos_ >= s_.size()) return Fail("");
      if (s_[pos_] == ',') {
        pos_++;
        continue;
      }
      if (s_[pos_] == '}') {
        pos_++;
        *out = Value(std::move(map));
        return true;
      }
      return Fail("after object key:value pair");
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  std::string err_;
  std::string type_err_;
};

const char* KindName(const Value& v) {
  switch (v.kind()) {
    case Kind::kList:
      return "array";
    case Kind::kMap:
      return "object";
    case Kind::kString:
      return "string";
    case Kind::kBool:
      return "bool";
    default:
      return "number";
  }
}

}  // namespace

Result<std::string> MarshalJson(const Value& v) {
  std::string out, err;
  if (!Encode(&out, v, &err)) return Error(Code::kInvalidArgument, err);
  return out;
}

std::string ToJson(const Value& v) {
  auto r = MarshalJson(v);
  return r.ok() ? std::move(*r) : std::string();
}

Result<std::string> MarshalJsonIndent(const Value& v, std::string_view prefix, std::string_view indent) {
  HELM_ASSIGN_OR_RETURN(std::string compact, MarshalJson(v));
  return Indent(compact, prefix, indent);
}

Result<Value> ParseJson(std::string_view text) {
  std::string type_err;
  HELM_ASSIGN_OR_RETURN(Value v, JsonParser(text).Parse(&type_err));
  if (!type_err.empty()) return Error(Code::kParse, type_err);
  return v;
}

Result<Value> ParseJsonMap(std::string_view text) {
  std::string type_err;
  HELM_ASSIGN_OR_RETURN(Value v, JsonParser(text).Parse(&type_err));
  if (!v.is_null() && !v.is_map()) {
    return Error(Code::kParse, std::string("json: cannot unmarshal ") + KindName(v) +
                                   " into Go value of type map[string]interface {}");
  }
  if (!type_err.empty()) return Error(Code::kParse, type_err);
  return v;  // null stays null: Go leaves a nil map
}

Result<Value> ParseJsonList(std::string_view text) {
  std::string type_err;
  HELM_ASSIGN_OR_RETURN(Value v, JsonParser(text).Parse(&type_err));
  if (!v.is_null() && !v.is_list()) {
    return Error(Code::kParse, std::string("json: cannot unmarshal ") + KindName(v) +
                                   " into Go value of type []interface {}");
  }
  if (!type_err.empty()) return Error(Code::kParse, type_err);
  return v;  // null stays null: Go leaves a nil slice
}

}  // namespace helm::yaml
