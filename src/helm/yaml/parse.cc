// YAML reading: libyaml's event stream decoded straight into Values with go-yaml v2's decoder rules
// (yaml.Unmarshal into interface{}), then sigs.k8s.io/yaml's JSON round trip applied in place.
#include <yaml.h>

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "helm/base/strings.h"
#include "helm/yaml/internal.h"
#include "helm/yaml/yaml.h"

namespace helm::yaml {
namespace {

using internal::Resolved;
using internal::ScalarKind;

constexpr char kTagPrefix[] = "tag:yaml.org,2002:";
constexpr std::string_view kStrTag = "tag:yaml.org,2002:str";
constexpr std::string_view kBinaryTag = "tag:yaml.org,2002:binary";
constexpr std::string_view kMergeTag = "tag:yaml.org,2002:merge";
constexpr int kMaxDepth = 10000;

std::string ShortTag(std::string_view tag) {
  std::string_view p(kTagPrefix);
  if (tag.substr(0, p.size()) == p) return "!!" + std::string(tag.substr(p.size()));
  return std::string(tag);
}

std::string TagOfResolved(ScalarKind k) {
  switch (k) {
    case ScalarKind::kNull:
      return "!!null";
    case ScalarKind::kBool:
      return "!!bool";
    case ScalarKind::kInt:
    case ScalarKind::kUint:
      return "!!int";
    case ScalarKind::kFloat:
      return "!!float";
    case ScalarKind::kTimestamp:
      return "!!timestamp";
    case ScalarKind::kMerge:
      return "!!merge";
    case ScalarKind::kString:
      break;
  }
  return "!!str";
}

bool Base64Decode(std::string_view in, std::string* out) {
  // Go's base64.StdEncoding.DecodeString: padding required; \r and \n are ignored.
  std::string clean;
  for (char c : in) {
    if (c != '\r' && c != '\n') clean.push_back(c);
  }
  if (clean.size() % 4 != 0) return false;
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  out->clear();
  for (size_t i = 0; i < clean.size(); i += 4) {
    int v[4];
    int pad = 0;
    for (int k = 0; k < 4; k++) {
      char c = clean[i + k];
      if (c == '=') {
        if (i + 4 != clean.size() || k < 2) return false;
        v[k] = 0;
        pad++;
      } else {
        if (pad) return false;
        v[k] = val(c);
        if (v[k] < 0) return false;
      }
    }
    uint32_t n = (v[0] << 18) | (v[1] << 12) | (v[2] << 6) | v[3];
    out->push_back(static_cast<char>(n >> 16));
    if (pad < 2) out->push_back(static_cast<char>((n >> 8) & 0xFF));
    if (pad < 1) out->push_back(static_cast<char>(n & 0xFF));
  }
  return true;
}

// Where a scalar's text starts within its event range (after an anchor and a tag).
size_t SkipProperties(std::string_view raw) {
  size_t p = 0;
  while (p < raw.size() && (raw[p] == '&' || raw[p] == '!')) {
    while (p < raw.size() && raw[p] != ' ' && raw[p] != '\t' && raw[p] != '\n' && raw[p] != '\r') p++;
    while (p < raw.size() && (raw[p] == ' ' || raw[p] == '\t' || raw[p] == '\n' || raw[p] == '\r')) p++;
  }
  return p;
}

// A decoded scalar with its Go type (needed for map keys and struct coercion).
struct Scalar {
  ScalarKind kind = ScalarKind::kString;
  bool b = false;
  int64_t i = 0;
  uint64_t u = 0;
  double f = 0;
  std::string s;  // the string value (kString/kTimestamp) or the original text
};


// Go's %#v of a decoded value, for go-yaml's and sigs.k8s.io/yaml's key errors.
void AppendGoSharpV(std::string* out, const Value& v) {
  switch (v.kind()) {
    case Kind::kNull:
      *out += "interface {}(nil)";
      return;
    case Kind::kBool:
      *out += v.as_bool() ? "true" : "false";
      return;
    case Kind::kInt:
      *out += std::to_string(v.as_int());
      return;
    case Kind::kFloat:
      *out += FormatFloat(v.as_float(), 'g', -1);
      return;
    case Kind::kString:
      *out += GoQuote(v.as_string());
      return;
    case Kind::kList: {
      *out += "[]interface {}{";
      bool first = true;
      for (const Value& e : v.as_list()) {
        if (!first) *out += ", ";
        first = false;
        AppendGoSharpV(out, e);
      }
      *out += "}";
      return;
    }
    case Kind::kMap: {
      *out += "map[interface {}]interface {}{";
      bool first = true;
      for (const auto& [k, e] : v.as_map()) {
        if (!first) *out += ", ";
        first = false;
        *out += GoQuote(k);
        *out += ":";
        AppendGoSharpV(out, e);
      }
      *out += "}";
      return;
    }
    case Kind::kObject:
      break;
  }
}

struct Node {
  bool is_scalar = false;
  bool from_alias = false;
  Scalar scalar;
  Value value;
};

struct Anchor {
  bool open = true;
  bool is_scalar = false;
  Scalar scalar;
  Value value;
  uint64_t size = 1;  // go-yaml decode operations for the node
};

enum class KeyState : uint8_t { kNone, kKey, kMerge, kSkip };

struct Frame {
  bool is_map = false;
  ValueList list;
  std::shared_ptr<ValueMap> map;
  KeyState key_state = KeyState::kNone;
  std::string key;
  std::string anchor;
  uint64_t size = 1;
  bool flow = false;        // a [...] or {...} collection
  bool pair = false;        // the implicit single-pair mapping of `[k: v]`
  size_t start_line = 0;    // of its opening bracket, for go-yaml's error context
};

class Builder {
 public:
  // keep_types: ints stay Value ints (uint64 as IntType::kUint64) as go-yaml produced them, for struct
  // coercion; otherwise numbers become doubles, as after the JSON round trip.
  explicit Builder(bool keep_types, std::vector<size_t> substituted = {}, std::vector<size_t> colons = {},
                   bool boms_patched = false)
      : substituted_(std::move(substituted)),
        colons_(std::move(colons)),
        boms_patched_(boms_patched),
        keep_types_(keep_types) {}
  // The byte offset of the ':' libyaml refused inside a flow plain scalar, or npos.
  size_t RejectedColon() const { return rejected_colon_; }
  // The byte offset of the `\'` escape libyaml refused, or npos when the failure was something else.
  size_t RejectedQuoteEscape() const { return rejected_quote_; }
  ~Builder() {
    if (initialized_) yaml_parser_delete(&parser_);
  }

  // Returns false on error; the message (without the sigs.k8s.io prefix) is in error().
  bool Run(std::string_view text, Value* out);
  const std::string& error() const { return error_; }

 private:
  bool Next(yaml_event_t* ev);
  void ParserFail();
  void DecodeFail(std::string msg) {
    if (decode_error_.empty()) decode_error_ = "yaml: " + std::move(msg);
  }
  void DecodeScalar(const yaml_event_t& ev, Scalar* out);
  Value ScalarValue(Scalar& s);  // may move the string out
  bool KeyString(const Scalar& s, std::string* key);
  void Add(Node node, uint64_t size);
  void CheckAliasing();
  void KeyError(const Scalar& key);
  size_t ByteOffset(size_t char_index);
  bool CheckFlowPlain(const yaml_event_t& ev);
  bool CheckEscapes(const yaml_event_t& ev);
  // Scans the source between two marks for escapes go-yaml rejects; sets error_ and returns false.
  bool CheckEscapeRange(size_t start_index, size_t end_index, size_t start_line);

  // Byte offsets where a `\'` escape (go-yaml accepts it, libyaml does not) was replaced by `\a` before
  // parsing; the BELs they produce are turned back into quotes.
  std::vector<size_t> substituted_;
  void RestoreQuotes(const yaml_event_t& ev, std::string* value);
  // Likewise for a ':' before a flow indicator inside a flow plain scalar (go-yaml keeps it in the scalar,
  // libyaml 0.2.5 refuses it): replaced by ';' before parsing and restored in the value.
  std::vector<size_t> colons_;
  void RestoreColons(const yaml_event_t& ev, std::string* value);
  // A BOM at the start of a later line is text to go-yaml but skipped by libyaml: such BOMs were replaced
  // by U+E000 (absent from the input) before parsing and come back in scalar values.
  bool boms_patched_;

  // libyaml accepts escapes go-yaml rejects ("\/", UTF-16 surrogates); double-quoted scalars are
  // re-checked in the source when it contains such escapes at all.
  std::string_view text_;
  bool check_escapes_ = false;
  bool has_question_ = false;
  size_t cursor_chars_ = 0;
  size_t cursor_bytes_ = 0;

  bool keep_types_;
  size_t rejected_quote_ = std::string_view::npos;
  size_t rejected_colon_ = std::string_view::npos;
  bool initialized_ = false;
  yaml_parser_t parser_;
  std::string error_;
  std::string decode_error_;
  std::string key_error_;
  bool key_error_pending_value_ = false;
  bool saw_nonfinite_ = false;
  std::vector<Frame> stack_;
  std::unordered_map<std::string, Anchor> anchors_;
  Value root_;
  uint64_t decode_count_ = 1;  // the document node
  uint64_t alias_count_ = 0;
};

void Builder::ParserFail() {
  size_t line = 0;
  if (parser_.problem_mark.line != 0) {
    line = parser_.problem_mark.line;
    if (parser_.error == YAML_SCANNER_ERROR) line++;
  } else if (parser_.context_mark.line != 0) {
    line = parser_.context_mark.line;
  }
  std::string msg = "yaml: ";
  if (line != 0) msg += "line " + std::to_string(line) + ": ";
  if (parser_.problem != nullptr && *parser_.problem != 0) {
    msg += parser_.problem;
  } else {
    msg += "unknown problem parsing YAML content";
  }
  error_ = std::move(msg);
}

bool Builder::Next(yaml_event_t* ev) {
  if (!yaml_parser_parse(&parser_, ev)) {
    // go-yaml meets a bad escape before the end of an unterminated double-quoted scalar.
    if (check_escapes_ && parser_.context != nullptr &&
        std::string_view(parser_.context) == "while scanning a quoted scalar" &&
        text_[std::min(ByteOffset(parser_.context_mark.index), text_.size() - 1)] == '"' &&
        !CheckEscapeRange(parser_.context_mark.index, parser_.problem_mark.index, parser_.context_mark.line)) {
      return false;
    }
    if (parser_.problem != nullptr && std::string_view(parser_.problem) == "found unknown escape character") {
      size_t off = ByteOffset(parser_.problem_mark.index);
      if (off + 1 < text_.size() && text_[off] == '\\' && text_[off + 1] == '\'') rejected_quote_ = off;
    }
    if (parser_.problem != nullptr && std::string_view(parser_.problem) == "found unexpected ':'") {
      size_t off = ByteOffset(parser_.problem_mark.index);
      if (off < text_.size() && text_[off] == ':') rejected_colon_ = off;
    }
    ParserFail();
    return false;
  }
  return true;
}

void Builder::RestoreColons(const yaml_event_t& ev, std::string* value) {
  size_t begin = ByteOffset(ev.start_mark.index);
  size_t end = ByteOffset(ev.end_mark.index);
  begin += SkipProperties(text_.substr(begin, end - begin));
  // Folding only touches white space, so the k-th ';' of the value is the k-th ';' of the source.
  std::vector<bool> is_colon;
  for (size_t i = begin; i < end; i++) {
    if (text_[i] == ';') is_colon.push_back(std::find(colons_.begin(), colons_.end(), i) != colons_.end());
  }
  size_t k = 0;
  for (char& c : *value) {
    if (c != ';') continue;
    if (k < is_colon.size() && is_colon[k]) c = ':';
    k++;
  }
}

void Builder::RestoreQuotes(const yaml_event_t& ev, std::string* value) {
  size_t begin = ByteOffset(ev.start_mark.index);
  size_t end = ByteOffset(ev.end_mark.index);
  bool any = false;
  for (size_t off : substituted_) any = any || (off >= begin && off < end);
  if (!any) return;
  // The k-th BEL of the value comes from the k-th escape that yields U+0007 in the source.
  std::vector<bool> is_quote;
  for (size_t i = begin; i + 1 < end; i++) {
    if (text_[i] != '\\') continue;
    char e = text_[i + 1];
    bool bel = false;
    if (e == 'a') {
      bel = true;
    } else if (e == 'x' || e == 'u' || e == 'U') {
      size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
      uint32_t v = 0;
      for (size_t k = 0; k < n && i + 2 + k < end; k++) {
        char h = text_[i + 2 + k];
        v = v * 16 + (h >= '0' && h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
      }
      bel = v == 7;
    }
    if (bel) is_quote.push_back(std::find(substituted_.begin(), substituted_.end(), i) != substituted_.end());
    i++;
  }
  size_t k = 0;
  for (char& c : *value) {
    if (c != '\x07') continue;
    if (k < is_quote.size() && is_quote[k]) c = '\'';
    k++;
  }
}

Value Builder::ScalarValue(Scalar& s) {
  switch (s.kind) {
    case ScalarKind::kNull:
      return Value();
    case ScalarKind::kBool:
      return Value(s.b);
    case ScalarKind::kInt:
      if (keep_types_) return Value(s.i, IntType::kInt);
      return Value(static_cast<double>(s.i));
    case ScalarKind::kUint:
      if (keep_types_) return Value(static_cast<int64_t>(s.u), IntType::kUint64);
      return Value(static_cast<double>(s.u));
    case ScalarKind::kFloat:
      if (!std::isfinite(s.f)) saw_nonfinite_ = true;
      return Value(s.f);
    case ScalarKind::kString:
    case ScalarKind::kTimestamp:
    case ScalarKind::kMerge:
      if (keep_types_ || internal::ValidUtf8(s.s)) return Value(std::move(s.s));
      return Value(internal::CoerceUtf8(s.s));
  }
  return Value();
}

// sigs.k8s.io/yaml's conversion of a go-yaml map key to a JSON object key.
bool Builder::KeyString(const Scalar& s, std::string* key) {
  switch (s.kind) {
    case ScalarKind::kString:
    case ScalarKind::kTimestamp:
    case ScalarKind::kMerge:
      *key = keep_types_ || internal::ValidUtf8(s.s) ? s.s : internal::CoerceUtf8(s.s);
      return true;
    case ScalarKind::kInt:
      *key = std::to_string(s.i);
      return true;
    case ScalarKind::kFloat: {
      std::string t = internal::FormatFloat32G(s.f);
      if (t == "+Inf") t = ".inf";
      if (t == "-Inf") t = "-.inf";
      if (t == "NaN") t = ".nan";
      *key = std::move(t);
      return true;
    }
    case ScalarKind::kBool:
      *key = s.b ? "true" : "false";
      return true;
    case ScalarKind::kUint:
    case ScalarKind::kNull:
      return false;
  }
  return false;
}

void Builder::KeyError(const Scalar& key) {
  if (!key_error_.empty()) return;
  char hex[32];
  std::snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(key.u));
  // The value is filled in by Add once it is known; remember the key part.
  key_error_ = key.kind == ScalarKind::kNull
                   ? "unsupported map key of type: %!s(<nil>), key: <nil>, value: "
                   : std::string("unsupported map key of type: uint64, key: ") + hex + ", value: ";
}

void Builder::DecodeScalar(const yaml_event_t& ev, Scalar* out) {
  std::string_view value(reinterpret_cast<const char*>(ev.data.scalar.value), ev.data.scalar.length);
  std::string_view tag = ev.data.scalar.tag ? reinterpret_cast<const char*>(ev.data.scalar.tag) : "";
  bool implicit = ev.data.scalar.plain_implicit;
  out->s.assign(value);
  if (tag.empty() && !implicit) {
    out->kind = ScalarKind::kString;
    return;
  }
  if (tag.empty()) {
    Resolved r = internal::ResolvePlain(value);
    out->kind = value == "<<" ? ScalarKind::kMerge : r.kind;
    out->b = r.b;
    out->i = r.i;
    out->u = r.u;
    out->f = r.f;
    return;
  }
  if (tag == kBinaryTag) {
    std::string data;
    out->kind = ScalarKind::kString;
    if (!Base64Decode(value, &data)) {
      DecodeFail("!!binary value contains invalid base64 data");
      return;
    }
    out->s = std::move(data);
    return;
  }
  static const char* kResolvable[] = {"str", "bool", "int", "float", "null", "timestamp"};
  bool resolvable = false;
  std::string_view p(kTagPrefix);
  if (tag.substr(0, p.size()) == p) {
    for (const char* r : kResolvable) {
      if (tag.substr(p.size()) == r) resolvable = true;
    }
  }
  if (!resolvable) {
    // Unknown tags keep the text; "!!merge <<" is still a merge key.
    out->kind = tag == kMergeTag && value == "<<" ? ScalarKind::kMerge : ScalarKind::kString;
    return;
  }
  if (tag == kStrTag) {
    out->kind = ScalarKind::kString;
    return;
  }
  Resolved r = internal::ResolvePlain(value);
  ScalarKind kind = r.kind;
  std::string want = ShortTag(tag);
  std::string got = TagOfResolved(kind);
  out->b = r.b;
  out->i = r.i;
  out->u = r.u;
  out->f = r.f;
  if (want == got) {
    out->kind = kind == ScalarKind::kMerge ? ScalarKind::kString : kind;
    return;
  }
  if (want == "!!float" && kind == ScalarKind::kInt) {
    out->kind = ScalarKind::kFloat;
    out->f = static_cast<double>(r.i);
    return;
  }
  out->kind = ScalarKind::kString;
  DecodeFail("cannot decode " + got + " `" + std::string(value) + "` as a " + want);
}

size_t Builder::ByteOffset(size_t char_index) {
  if (char_index < cursor_chars_) {
    cursor_chars_ = 0;
    cursor_bytes_ = text_.size() >= 3 && text_.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  }
  while (cursor_chars_ < char_index && cursor_bytes_ < text_.size()) {
    unsigned char c = text_[cursor_bytes_];
    cursor_bytes_ += c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    cursor_chars_++;
  }
  return std::min(cursor_bytes_, text_.size());
}

bool Builder::CheckEscapes(const yaml_event_t& ev) {
  return CheckEscapeRange(ev.start_mark.index, ev.end_mark.index, ev.start_mark.line);
}

bool Builder::CheckEscapeRange(size_t start_index, size_t end_index, size_t start_line) {
  size_t begin = ByteOffset(start_index);
  size_t end = ByteOffset(end_index);
  if (end < begin) end = begin;
  std::string_view raw = text_.substr(begin, end - begin);
  size_t line = start_line;
  for (size_t i = 0; i + 1 < raw.size(); i++) {
    char c = raw[i];
    if (c == '\n' || (c == '\r' && raw[i + 1] != '\n')) line++;
    if (static_cast<unsigned char>(c) == 0xC2 && static_cast<unsigned char>(raw[i + 1]) == 0x85) line++;
    if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < raw.size() && static_cast<unsigned char>(raw[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(raw[i + 2]) == 0xA8 || static_cast<unsigned char>(raw[i + 2]) == 0xA9)) {
      line++;
    }
    if (c != '\\') continue;
    char e = raw[i + 1];
    const char* problem = nullptr;
    if (e == '/') {
      problem = "found unknown escape character";
    } else if (e == 'u' || e == 'U') {
      int len = e == 'u' ? 4 : 8;
      uint32_t v = 0;
      bool ok = i + 2 + len <= raw.size();
      for (int k = 0; ok && k < len; k++) {
        char h = raw[i + 2 + k];
        int d = h >= '0' && h <= '9' ? h - '0' : (h | 0x20) >= 'a' && (h | 0x20) <= 'f' ? (h | 0x20) - 'a' + 10 : -1;
        if (d < 0) ok = false;
        v = v * 16 + d;
      }
      if (ok && ((v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)) problem = "found invalid Unicode character escape code";
    }
    if (problem != nullptr) {
      std::string msg = "yaml: ";
      if (line != 0) {
        msg += "line " + std::to_string(line + 1) + ": ";
      } else if (start_line != 0) {
        msg += "line " + std::to_string(start_line) + ": ";
      }
      error_ = msg + problem;
      return false;
    }
    i++;  // skip the escaped character
  }
  return true;
}

// libyaml 0.2.5 lets '?' into plain scalars inside flow collections; go-yaml ends the scalar there and
// reads a KEY token, which the flow collection's parser then rejects.
bool Builder::CheckFlowPlain(const yaml_event_t& ev) {
  size_t begin = ByteOffset(ev.start_mark.index);
  size_t end = ByteOffset(ev.end_mark.index);
  if (end <= begin + 1) return true;
  std::string_view raw = text_.substr(begin, end - begin);
  size_t q = raw.find('?', SkipProperties(raw) + 1);
  if (q == std::string_view::npos) return true;
  size_t line = ev.start_mark.line;
  for (size_t i = 0; i < q; i++) {
    unsigned char c = raw[i];
    if (c == '\n' || (c == '\r' && raw[i + 1] != '\n')) line++;
    if (c == 0xC2 && static_cast<unsigned char>(raw[i + 1]) == 0x85) line++;
    if (c == 0xE2 && i + 2 < raw.size() && static_cast<unsigned char>(raw[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(raw[i + 2]) == 0xA8 || static_cast<unsigned char>(raw[i + 2]) == 0xA9)) {
      line++;
    }
  }
  const Frame& f = stack_.back().pair && stack_.size() > 1 ? stack_[stack_.size() - 2] : stack_.back();
  std::string msg = "yaml: ";
  if (line != 0) {
    msg += "line " + std::to_string(line) + ": ";
  } else if (f.start_line != 0) {
    msg += "line " + std::to_string(f.start_line) + ": ";
  }
  error_ = msg + (f.is_map ? "did not find expected ',' or '}'" : "did not find expected ',' or ']'");
  return false;
}

void Builder::CheckAliasing() {
  if (alias_count_ > 100 && decode_count_ > 1000) {
    double allowed;
    if (decode_count_ <= 400000) {
      allowed = 0.99;
    } else if (decode_count_ >= 4000000) {
      allowed = 0.10;
    } else {
      allowed = 0.99 - 0.89 * (static_cast<double>(decode_count_ - 400000) / 3600000.0);
    }
    if (static_cast<double>(alias_count_) / static_cast<double>(decode_count_) > allowed) {
      DecodeFail("document contains excessive aliasing");
    }
  }
}

// Attaches a finished node to the open collection (or makes it the document's root).
void Builder::Add(Node node, uint64_t size) {
  if (stack_.empty()) {
    root_ = node.is_scalar ? ScalarValue(node.scalar) : std::move(node.value);
    return;
  }
  Frame& f = stack_.back();
  f.size += size;
  if (!f.is_map) {
    f.list.push_back(node.is_scalar ? ScalarValue(node.scalar) : std::move(node.value));
    return;
  }
  if (f.key_state == KeyState::kNone) {
    f.key_state = KeyState::kKey;
    if (node.is_scalar && node.scalar.kind == ScalarKind::kMerge && !node.from_alias) {
      f.key_state = KeyState::kMerge;
      f.size -= size;  // go-yaml never decodes the merge key itself
      return;
    }
    if (!node.is_scalar) {
      std::string msg = "invalid map key: ";
      AppendGoSharpV(&msg, node.value);
      DecodeFail(std::move(msg));
      f.key_state = KeyState::kSkip;
      return;
    }
    if (!KeyString(node.scalar, &f.key)) {
      bool first = key_error_.empty();
      KeyError(node.scalar);
      f.key_state = KeyState::kSkip;
      if (first) key_error_pending_value_ = true;
    }
    return;
  }
  KeyState st = f.key_state;
  f.key_state = KeyState::kNone;
  if (st == KeyState::kMerge) {
    if (node.is_scalar) {
      DecodeFail("map merge requires map or sequence of maps as the value");
      return;
    }
    ValueMap& dst = *f.map;
    if (node.value.is_list()) {
      const ValueList& items = node.value.as_list();
      if (node.from_alias) {
        DecodeFail("map merge requires map or sequence of maps as the value");
        return;
      }
      for (size_t i = items.size(); i-- > 0;) {
        if (!items[i].is_map()) {
          DecodeFail("map merge requires map or sequence of maps as the value");
          return;
        }
        for (const auto& [k, v] : items[i].as_map()) dst[k] = v;
      }
      return;
    }
    for (const auto& [k, v] : node.value.as_map()) dst[k] = v;
    return;
  }
  if (st == KeyState::kSkip) {
    if (key_error_pending_value_) {
      key_error_pending_value_ = false;
      Value v = node.is_scalar ? ScalarValue(node.scalar) : std::move(node.value);
      if (v.is_null()) {
        key_error_ += "<nil>";
      } else {
        AppendGoSharpV(&key_error_, v);
      }
    }
    return;
  }
  Value v = node.is_scalar ? ScalarValue(node.scalar) : std::move(node.value);
  auto it = f.map->try_emplace(std::move(f.key)).first;
  it->second = std::move(v);
}

// The first NaN/Inf in encoding/json's traversal order (sorted keys), as json.Marshal reports it.
bool FindNonFinite(const Value& v, std::string* what) {
  switch (v.kind()) {
    case Kind::kFloat:
      if (std::isnan(v.as_float())) {
        *what = "NaN";
        return true;
      }
      if (std::isinf(v.as_float())) {
        *what = v.as_float() > 0 ? "+Inf" : "-Inf";
        return true;
      }
      return false;
    case Kind::kList:
      for (const Value& e : v.as_list()) {
        if (FindNonFinite(e, what)) return true;
      }
      return false;
    case Kind::kMap:
      for (const auto& [k, e] : v.as_map()) {
        if (FindNonFinite(e, what)) return true;
      }
      return false;
    default:
      return false;
  }
}

bool Builder::Run(std::string_view text, Value* out) {
  if (text.empty()) text = "\n";  // as go-yaml does
  text_ = text;
  has_question_ = text.find('?') != std::string_view::npos;
  check_escapes_ = text.find("\\/") != std::string_view::npos || text.find("\\u") != std::string_view::npos ||
                   text.find("\\U") != std::string_view::npos;
  yaml_parser_initialize(&parser_);
  initialized_ = true;
  yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  yaml_event_t ev;
  if (!Next(&ev)) return false;  // STREAM-START
  yaml_event_delete(&ev);
  if (!Next(&ev)) return false;
  if (ev.type == YAML_STREAM_END_EVENT) {
    yaml_event_delete(&ev);
    *out = Value();
    return true;
  }
  yaml_event_delete(&ev);  // DOCUMENT-START
  bool done = false;
  while (!done) {
    if (!Next(&ev)) return false;
    struct EventDeleter {
      yaml_event_t* e;
      ~EventDeleter() { yaml_event_delete(e); }
    } deleter{&ev};
    switch (ev.type) {
      case YAML_SCALAR_EVENT: {
        if (has_question_ && !stack_.empty() && stack_.back().flow &&
            ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !CheckFlowPlain(ev)) {
          return false;
        }
        if (check_escapes_ && ev.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE && !CheckEscapes(ev)) {
          return false;
        }
        Node n;
        n.is_scalar = true;
        if (!stack_.empty() && stack_.back().key_state == KeyState::kMerge) {
          // go-yaml rejects a scalar merge value before decoding it.
          DecodeFail("map merge requires map or sequence of maps as the value");
        }
        if (decode_error_.empty()) DecodeScalar(ev, &n.scalar);
        if (!substituted_.empty() && ev.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
          RestoreQuotes(ev, &n.scalar.s);
        }
        if (boms_patched_) {
          for (size_t p = 0; (p = n.scalar.s.find("\xEE\x80\x80", p)) != std::string::npos; p += 3) {
            n.scalar.s.replace(p, 3, "\xEF\xBB\xBF");
          }
        }
        if (!colons_.empty() && ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
          RestoreColons(ev, &n.scalar.s);  // the text stays a string: resolution cannot change
        }
        decode_count_++;
        if (ev.data.scalar.anchor != nullptr) {
          Anchor& a = anchors_[reinterpret_cast<const char*>(ev.data.scalar.anchor)];
          a.open = false;
          a.is_scalar = true;
          a.scalar = n.scalar;
          a.size = 1;
        }
        if (decode_error_.empty()) Add(std::move(n), 1);
        break;
      }
      case YAML_ALIAS_EVENT: {
        const char* name = reinterpret_cast<const char*>(ev.data.alias.anchor);
        auto it = anchors_.find(name);
        if (it == anchors_.end()) {
          error_ = std::string("yaml: unknown anchor '") + name + "' referenced";
          return false;
        }
        const Anchor& a = it->second;
        if (a.open) DecodeFail(std::string("anchor '") + name + "' value contains itself");
        decode_count_ += 1 + a.size;
        alias_count_ += a.size;
        CheckAliasing();
        if (!decode_error_.empty()) break;
        Node n;
        n.from_alias = true;
        n.is_scalar = a.is_scalar;
        if (a.is_scalar) {
          n.scalar = a.scalar;
        } else {
          n.value = a.value.DeepCopy();
        }
        Add(std::move(n), 1 + a.size);
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        bool is_map = ev.type == YAML_MAPPING_START_EVENT;
        const yaml_char_t* anchor = is_map ? ev.data.mapping_start.anchor : ev.data.sequence_start.anchor;
        if (stack_.size() >= kMaxDepth) {
          size_t line = ev.start_mark.line + 1;
          error_ = "yaml: line " + std::to_string(line) + ": exceeded max depth of 10000";
          return false;
        }
        Frame f;
        f.is_map = is_map;
        f.flow = is_map ? ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                        : ev.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
        f.start_line = ev.start_mark.line;
        if (is_map && f.flow) {
          size_t off = ByteOffset(ev.start_mark.index);
          f.pair = off < text_.size() && text_[off] != '{';
        }
        if (is_map) f.map = std::make_shared<ValueMap>();
        decode_count_++;
        if (anchor != nullptr) {
          f.anchor = reinterpret_cast<const char*>(anchor);
          Anchor& a = anchors_[f.anchor];
          a = Anchor();
        }
        stack_.push_back(std::move(f));
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        Frame f = std::move(stack_.back());
        stack_.pop_back();
        Node n;
        n.value = f.is_map ? Value(std::move(f.map)) : Value(std::move(f.list));
        if (!f.anchor.empty()) {
          Anchor& a = anchors_[f.anchor];
          a.open = false;
          a.is_scalar = false;
          a.value = n.value;
          a.size = f.size;
        }
        if (decode_error_.empty()) Add(std::move(n), f.size);
        break;
      }
      case YAML_DOCUMENT_END_EVENT:
        done = true;
        break;
      default:
        break;
    }
  }
  if (!decode_error_.empty()) {
    error_ = decode_error_;
    return false;
  }
  if (!key_error_.empty()) {
    error_ = key_error_;
    return false;
  }
  if (saw_nonfinite_ && !keep_types_) {
    std::string what;
    if (FindNonFinite(root_, &what)) {
      error_ = "json: unsupported value: " + what;
      return false;
    }
  }
  *out = std::move(root_);
  return true;
}


}  // namespace

namespace internal {

const char* JsonKindName(const Value& v) {
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
// Runs a Builder, re-running with `\'` escapes replaced by `\a` while libyaml rejects them.
Result<Value> RunBuilder(std::string_view text, bool keep_types) {
  std::string patched;
  bool is_patched = false;
  bool boms = false;
  if (text.find("\xEF\xBB\xBF", 1) != std::string_view::npos && text.find("\xEE\x80\x80") == std::string_view::npos) {
    for (size_t p = 1; (p = text.find("\xEF\xBB\xBF", p)) != std::string_view::npos; p += 3) {
      unsigned char c = text[p - 1];
      bool line_start = c == '\n' || c == '\r' || (p >= 2 && text.substr(p - 2, 2) == "\xC2\x85") ||
                        (p >= 3 && (text.substr(p - 3, 3) == "\xE2\x80\xA8" || text.substr(p - 3, 3) == "\xE2\x80\xA9"));
      if (!line_start) continue;
      if (!is_patched) patched.assign(text);
      is_patched = boms = true;
      patched.replace(p, 3, "\xEE\x80\x80");
    }
  }
  std::vector<size_t> substituted, colons;
  for (int attempt = 0;; attempt++) {
    Builder b(keep_types, substituted, colons, boms);
    Value v;
    if (b.Run(is_patched ? std::string_view(patched) : text, &v)) return v;
    size_t quote = b.RejectedQuoteEscape();
    size_t colon = b.RejectedColon();
    if ((quote == std::string_view::npos && colon == std::string_view::npos) || attempt >= 1000) {
      return Error(Code::kParse, "error converting YAML to JSON: " + b.error());
    }
    if (!is_patched) patched.assign(text);
    is_patched = true;
    if (quote != std::string_view::npos) {
      patched[quote + 1] = 'a';
      substituted.push_back(quote);
    } else {
      patched[colon] = ';';
      colons.push_back(colon);
    }
  }
}

Result<Value> ParseYamlKeepTypes(std::string_view text) { return RunBuilder(text, true); }
}  // namespace internal

Result<Value> ParseYaml(std::string_view text) { return internal::RunBuilder(text, false); }

Result<Value> ParseYamlMap(std::string_view text, std::string_view go_type) {
  HELM_ASSIGN_OR_RETURN(Value v, ParseYaml(text));
  if (v.is_null()) return Value::EmptyMap();
  if (v.is_map()) return v;
  return Error(Code::kParse, std::string("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ") +
                                 internal::JsonKindName(v) + " into Go value of type " + std::string(go_type));
}

Result<Value> ParseYamlList(std::string_view text) {
  HELM_ASSIGN_OR_RETURN(Value v, ParseYaml(text));
  if (v.is_null()) return Value::EmptyList();
  if (v.is_list()) return v;
  return Error(Code::kParse, std::string("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ") +
                                 internal::JsonKindName(v) + " into Go value of type []interface {}");
}

}  // namespace helm::yaml
