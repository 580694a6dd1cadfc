// YAML writing in go-yaml's style. sigs.k8s.io/yaml.Marshal = encoding/json, re-read by go-yaml v2 (numbers
// get Go int/uint64/float64 types), then go-yaml v2's emitter (a port of libyaml's). The emitter below
// follows libyaml's decisions for the node shapes a Value can produce: block mappings and sequences, flow
// `{}`/`[]` for empty ones, and plain/single/double/literal scalars with folding at 80 columns.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "helm/base/strings.h"
#include "helm/yaml/internal.h"
#include "helm/yaml/yaml.h"

namespace helm::yaml {
namespace {

using internal::ScalarKind;

enum class Style { kPlain, kSingle, kDouble, kLiteral };

// Character classes on UTF-8 text, as libyaml defines them (is_printable leaves out tab, C1 controls and
// every 4-byte sequence).
inline unsigned char At(std::string_view s, size_t i) { return i < s.size() ? s[i] : 0; }
inline int Width(unsigned char b) {
  if ((b & 0x80) == 0) return 1;
  if ((b & 0xE0) == 0xC0) return 2;
  if ((b & 0xF0) == 0xE0) return 3;
  if ((b & 0xF8) == 0xF0) return 4;
  return 1;
}
inline bool IsSpace(std::string_view s, size_t i) { return At(s, i) == ' '; }
inline bool IsBreak(std::string_view s, size_t i) {
  unsigned char b = At(s, i);
  return b == '\r' || b == '\n' || (b == 0xC2 && At(s, i + 1) == 0x85) ||
         (b == 0xE2 && At(s, i + 1) == 0x80 && (At(s, i + 2) == 0xA8 || At(s, i + 2) == 0xA9));
}
inline bool IsBlank(std::string_view s, size_t i) { return At(s, i) == ' ' || At(s, i) == '\t'; }
inline bool IsBlankz(std::string_view s, size_t i) {
  return IsBlank(s, i) || IsBreak(s, i) || i >= s.size() || At(s, i) == 0;
}
inline bool IsPrintable(std::string_view s, size_t i) {
  unsigned char b = At(s, i), b1 = At(s, i + 1), b2 = At(s, i + 2);
  return b == 0x0A || (b >= 0x20 && b <= 0x7E) || (b == 0xC2 && b1 >= 0xA0) || (b > 0xC2 && b < 0xED) ||
         (b == 0xED && b1 < 0xA0) || b == 0xEE ||
         (b == 0xEF && !(b1 == 0xBB && b2 == 0xBF) && !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)));
}
// libyaml checks the BOM at the start of the value whatever the position (a quirk kept for output parity).
inline bool IsBom(std::string_view s) {
  return s.size() >= 3 && At(s, 0) == 0xEF && At(s, 1) == 0xBB && At(s, 2) == 0xBF;
}

struct Analysis {
  bool multiline = false;
  bool flow_plain_allowed = false;
  bool block_plain_allowed = true;
  bool single_quoted_allowed = true;
  bool block_allowed = false;
};

// v3 lets tabs into literal blocks but keeps them out of plain and single-quoted scalars.
Analysis Analyze(std::string_view value, bool v3) {
  Analysis a;
  if (value.empty()) return a;
  bool block_indicators = false, flow_indicators = false, line_breaks = false, special_characters = false;
  bool leading_space = false, leading_break = false, trailing_space = false, trailing_break = false;
  bool break_space = false, space_break = false, previous_space = false, previous_break = false;
  bool tab_characters = false;
  if (value.size() >= 3 && (value.substr(0, 3) == "---" || value.substr(0, 3) == "...")) {
    block_indicators = true;
    flow_indicators = true;
  }
  bool preceded_by_whitespace = true;
  for (size_t i = 0, w = 0; i < value.size(); i += w) {
    w = Width(value[i]);
    bool followed_by_whitespace = i + w >= value.size() || IsBlank(value, i + w) || IsBreak(value, i + w);
    char c = value[i];
    if (i == 0) {
      switch (c) {
        case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!':
        case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
          flow_indicators = true;
          block_indicators = true;
          break;
        case '?': case ':':
          flow_indicators = true;
          if (followed_by_whitespace) block_indicators = true;
          break;
        case '-':
          if (followed_by_whitespace) {
            flow_indicators = true;
            block_indicators = true;
          }
          break;
        default:
          break;
      }
    } else {
      switch (c) {
        case ',': case '?': case '[': case ']': case '{': case '}':
          flow_indicators = true;
          break;
        case ':':
          flow_indicators = true;
          if (followed_by_whitespace) block_indicators = true;
          break;
        case '#':
          if (preceded_by_whitespace) {
            flow_indicators = true;
            block_indicators = true;
          }
          break;
        default:
          break;
      }
    }
    if (v3 && c == '\t') {
      tab_characters = true;
    } else if (!IsPrintable(value, i)) {
      special_characters = true;
    }
    if (IsSpace(value, i)) {
      if (i == 0) leading_space = true;
      if (i + w == value.size()) trailing_space = true;
      if (previous_break) break_space = true;
      previous_space = true;
      previous_break = false;
    } else if (IsBreak(value, i)) {
      line_breaks = true;
      if (i == 0) leading_break = true;
      if (i + w == value.size()) trailing_break = true;
      if (previous_space) space_break = true;
      previous_space = false;
      previous_break = true;
    } else {
      previous_space = false;
      previous_break = false;
    }
    preceded_by_whitespace = IsBlankz(value, i);
  }
  a.multiline = line_breaks;
  a.flow_plain_allowed = true;
  a.block_plain_allowed = true;
  a.single_quoted_allowed = true;
  a.block_allowed = true;
  if (leading_space || leading_break || trailing_space || trailing_break) {
    a.flow_plain_allowed = false;
    a.block_plain_allowed = false;
  }
  if (trailing_space) a.block_allowed = false;
  if (break_space) {
    a.flow_plain_allowed = false;
    a.block_plain_allowed = false;
    a.single_quoted_allowed = false;
  }
  if (space_break || tab_characters || special_characters) {
    a.flow_plain_allowed = false;
    a.block_plain_allowed = false;
    a.single_quoted_allowed = false;
  }
  if (space_break || special_characters) a.block_allowed = false;
  if (line_breaks) {
    a.flow_plain_allowed = false;
    a.block_plain_allowed = false;
  }
  if (flow_indicators) a.flow_plain_allowed = false;
  if (block_indicators) a.block_plain_allowed = false;
  return a;
}

// go-yaml's keyList.Less on two string keys: digit runs compare numerically, letters before non-letters.
// v3 differs in one rule: after a run of equal digits, a letter sorts after a non-letter.
template <typename Seq>
bool KeyLessRunes(const Seq& ar, const Seq& br, bool v3) {
  bool digits = false;
  for (size_t i = 0; i < ar.size() && i < br.size(); i++) {
    uint32_t ai_r = static_cast<unsigned char>(ar[i]), bi_r = static_cast<unsigned char>(br[i]);
    if constexpr (!std::is_same_v<Seq, std::string_view>) {
      ai_r = ar[i];
      bi_r = br[i];
    }
    if (ai_r == bi_r) {
      digits = internal::IsGoDigit(ai_r);
      continue;
    }
    bool al = internal::IsGoLetter(ai_r);
    bool bl = internal::IsGoLetter(bi_r);
    if (al && bl) return ai_r < bi_r;
    if (al || bl) return v3 && digits ? al : bl;
    auto rune = [](const Seq& s, size_t k) -> uint32_t {
      if constexpr (std::is_same_v<Seq, std::string_view>) {
        return static_cast<unsigned char>(s[k]);
      } else {
        return s[k];
      }
    };
    int64_t an = 0, bn = 0;
    if (ai_r == '0' || bi_r == '0') {
      for (size_t j = i; j-- > 0 && internal::IsGoDigit(rune(ar, j));) {
        if (rune(ar, j) != '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    size_t ai = i, bi = i;
    for (; ai < ar.size() && internal::IsGoDigit(rune(ar, ai)); ai++) {
      an = static_cast<int64_t>(static_cast<uint64_t>(an) * 10 + static_cast<uint64_t>(int64_t(rune(ar, ai)) - '0'));
    }
    for (; bi < br.size() && internal::IsGoDigit(rune(br, bi)); bi++) {
      bn = static_cast<int64_t>(static_cast<uint64_t>(bn) * 10 + static_cast<uint64_t>(int64_t(rune(br, bi)) - '0'));
    }
    if (an != bn) return an < bn;
    if (ai != bi) return ai < bi;
    return ai_r < bi_r;
  }
  return ar.size() < br.size();
}

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

bool KeyLess(std::string_view a, std::string_view b, bool v3) {
  if (IsAscii(a) && IsAscii(b)) return KeyLessRunes(a, b, v3);
  std::vector<uint32_t> ar, br;
  for (size_t i = 0; i < a.size();) {
    int w;
    ar.push_back(DecodeRune(a, i, &w));
    i += w;
  }
  for (size_t i = 0; i < b.size();) {
    int w;
    br.push_back(DecodeRune(b, i, &w));
    i += w;
  }
  return KeyLessRunes(ar, br, v3);
}

class Emitter {
 public:
  Emitter(int best_indent, bool v3)
      : best_indent_(best_indent), best_width_(v3 ? std::numeric_limits<int>::max() : 80), v3_(v3) {}

  std::string Finish() { return std::move(out_); }

  // A scalar with the style go-yaml's encoder asks for.
  struct Scalar {
    std::string_view value;
    Style style;
  };

  void Document(const Value& v) {
    indent_ = -1;
    Node(v, true, false, false, false);
    WriteIndent();
  }

 private:
  void Put(char c) {
    out_.push_back(c);
    column_++;
  }
  void PutBreak() {
    out_.push_back('\n');
    column_ = 0;
    indention_ = true;
  }
  void Write(std::string_view s, size_t* i) {
    int w = Width(s[*i]);
    out_.append(s.substr(*i, w));
    column_++;
    *i += w;
  }
  void WriteBreak(std::string_view s, size_t* i) {
    if (s[*i] == '\n') {
      PutBreak();
      (*i)++;
    } else {
      Write(s, i);
      column_ = 0;
      indention_ = true;
    }
  }
  void WriteIndent() {
    int indent = indent_ < 0 ? 0 : indent_;
    if (!indention_ || column_ > indent || (column_ == indent && !whitespace_)) PutBreak();
    while (column_ < indent) Put(' ');
    whitespace_ = true;
    indention_ = true;
  }
  void WriteIndicator(std::string_view ind, bool need_whitespace, bool is_whitespace, bool is_indention) {
    if (need_whitespace && !whitespace_) Put(' ');
    for (size_t i = 0; i < ind.size();) Write(ind, &i);
    whitespace_ = is_whitespace;
    indention_ = indention_ && is_indention;
  }
  void IncreaseIndent(bool flow, bool indentless) {
    indents_.push_back(indent_);
    if (indent_ < 0) {
      indent_ = flow ? best_indent_ : 0;
    } else if (!indentless) {
      indent_ += best_indent_;
    }
  }
  void PopIndent() {
    indent_ = indents_.back();
    indents_.pop_back();
  }

  void Node(const Value& v, bool root, bool sequence, bool mapping, bool simple_key);
  void EmitMap(const Value& v);
  void EmitList(const ValueList& list);
  void EmitEmpty(char open, char close) {
    WriteIndicator(std::string_view(&open, 1), true, true, false);
    IncreaseIndent(true, false);
    PopIndent();
    WriteIndicator(std::string_view(&close, 1), false, false, false);
  }
  void EmitScalar(std::string_view value, Style style, const Analysis* pre = nullptr);
  void WritePlain(std::string_view value, bool allow_breaks);
  void WriteSingle(std::string_view value, bool allow_breaks);
  void WriteDouble(std::string_view value, bool allow_breaks);
  void WriteLiteral(std::string_view value);
  void BlockHints(std::string_view value);

  void ScalarFor(const Value& v, std::string* storage, Scalar* out);

  int best_indent_;
  int best_width_;  // go-yaml v3 never folds
  bool v3_;
  std::string out_;
  int column_ = 0;
  bool whitespace_ = true;
  bool indention_ = true;
  int indent_ = -1;
  std::vector<int> indents_;
  bool root_context_ = false, sequence_context_ = false, mapping_context_ = false, simple_key_context_ = false;
};

// sigs.k8s.io/yaml re-reads encoding/json's output with go-yaml: a raw NEL (U+0085, which encoding/json
// leaves unescaped) is a line break inside the double-quoted scalar and gets folded like one.
bool HasNel(std::string_view s) { return s.find("\xC2\x85") != std::string_view::npos; }

std::string FoldNel(std::string_view s) {
  std::string out, whitespaces, trailing;
  bool leading_blanks = false;
  size_t i = 0;
  auto is_nel = [&](size_t k) { return k + 1 < s.size() && At(s, k) == 0xC2 && At(s, k + 1) == 0x85; };
  while (i < s.size()) {
    while (i < s.size() && s[i] != ' ' && !is_nel(i)) out.push_back(s[i++]);
    while (i < s.size() && (s[i] == ' ' || is_nel(i))) {
      if (s[i] == ' ') {
        if (!leading_blanks) whitespaces.push_back(' ');
        i++;
      } else {
        if (!leading_blanks) {
          whitespaces.clear();
          leading_blanks = true;
        } else {
          trailing.push_back('\n');
        }
        i += 2;
      }
    }
    if (leading_blanks) {
      if (trailing.empty()) {
        out.push_back(' ');
      } else {
        out += trailing;
      }
      trailing.clear();
      leading_blanks = false;
    } else {
      out += whitespaces;
      whitespaces.clear();
    }
  }
  return out;
}

// go-yaml's encoder: which text and requested style a string gets.
Style StringStyle(std::string_view s, bool v3) {
  bool can_plain;
  internal::Resolved r = internal::ResolvePlain(s);
  can_plain = r.kind == ScalarKind::kString && !internal::IsBase60Float(s);
  if (s.find('\n') != std::string_view::npos) return Style::kLiteral;
  return can_plain ? Style::kPlain : Style::kDouble;
}

void Emitter::ScalarFor(const Value& v, std::string* storage, Scalar* out) {
  switch (v.kind()) {
    case Kind::kNull:
      *storage = "null";
      out->style = Style::kPlain;
      break;
    case Kind::kBool:
      *storage = v.as_bool() ? "true" : "false";
      out->style = Style::kPlain;
      break;
    case Kind::kInt:
      if (v.int_type() == IntType::kUint64 || v.int_type() == IntType::kUint) {
        *storage = std::to_string(static_cast<uint64_t>(v.as_int()));
      } else {
        *storage = std::to_string(v.as_int());
      }
      out->style = Style::kPlain;
      break;
    case Kind::kFloat: {
      if (v3_) {
        *storage = FormatFloat(v.as_float(), 'g', -1);
        if (*storage == "+Inf") *storage = ".inf";
        if (*storage == "-Inf") *storage = "-.inf";
        if (*storage == "NaN") *storage = ".nan";
        out->style = Style::kPlain;
        break;
      }
      // The JSON text, re-resolved by go-yaml: integral values come back as Go ints.
      std::string json;
      internal::AppendJsonFloat(&json, v.as_float());
      internal::Resolved r = internal::ResolvePlain(json);
      if (r.kind == ScalarKind::kInt) {
        *storage = std::to_string(r.i);
      } else if (r.kind == ScalarKind::kUint) {
        *storage = std::to_string(r.u);
      } else {
        *storage = FormatFloat(r.kind == ScalarKind::kFloat ? r.f : v.as_float(), 'g', -1);
      }
      out->style = Style::kPlain;
      break;
    }
    case Kind::kString:
      if (internal::ValidUtf8(v.as_string()) && (v3_ || !HasNel(v.as_string()))) {
        out->value = v.as_string();
      } else if (v3_) {
        *storage = internal::CoerceUtf8(v.as_string());
        out->value = *storage;
      } else {
        *storage = FoldNel(internal::CoerceUtf8(v.as_string()));
        out->value = *storage;
      }
      out->style = StringStyle(out->value, v3_);
      return;
    default:
      *storage = "null";
      out->style = Style::kPlain;
      break;
  }
  out->value = *storage;
}

void Emitter::Node(const Value& v, bool root, bool sequence, bool mapping, bool simple_key) {
  root_context_ = root;
  sequence_context_ = sequence;
  mapping_context_ = mapping;
  simple_key_context_ = simple_key;
  switch (v.kind()) {
    case Kind::kMap:
      if (v.as_map().empty()) {
        EmitEmpty('{', '}');
      } else {
        EmitMap(v);
      }
      return;
    case Kind::kList:
      if (v.list_type() == ListType::kBytes) break;
      if (v.as_list().empty()) {
        EmitEmpty('[', ']');
      } else {
        EmitList(v.as_list());
      }
      return;
    case Kind::kObject: {
      std::optional<Value> plain = v.as_object().AsPlainValue();
      if (plain) {
        Node(*plain, root, sequence, mapping, simple_key);
        return;
      }
      EmitEmpty('{', '}');
      return;
    }
    default:
      break;
  }
  std::string storage;
  Scalar s;
  if (v.is_list()) {  // []byte marshals as a base64 string
    std::string json = ToJson(v);
    storage = json.substr(1, json.size() - 2);
    s.value = storage;
    s.style = StringStyle(storage, v3_);
  } else {
    ScalarFor(v, &storage, &s);
  }
  EmitScalar(s.value, s.style);
}

void Emitter::EmitMap(const Value& v) {
  const ValueMap& m = v.as_map();
  std::vector<const std::pair<const std::string, Value>*> items;
  items.reserve(m.size());
  std::vector<std::string> coerced;
  bool all_valid = true;
  for (const auto& kv : m) {
    items.push_back(&kv);
    if (!internal::ValidUtf8(kv.first) || (!v3_ && HasNel(kv.first))) all_valid = false;
  }
  // Keys are written as encoding/json would have coerced them.
  std::vector<std::string> keys;
  keys.reserve(items.size());
  for (const auto* kv : items) {
    if (all_valid) {
      keys.emplace_back();
    } else {
      keys.push_back(v3_ ? internal::CoerceUtf8(kv->first) : FoldNel(internal::CoerceUtf8(kv->first)));
    }
  }
  std::vector<size_t> order(items.size());
  for (size_t i = 0; i < order.size(); i++) order[i] = i;
  auto key_of = [&](size_t i) -> std::string_view {
    return all_valid ? std::string_view(items[i]->first) : std::string_view(keys[i]);
  };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return KeyLess(key_of(a), key_of(b), v3_); });
  IncreaseIndent(false, false);
  for (size_t idx : order) {
    std::string_view key = key_of(idx);
    const Value& val = items[idx]->second;
    WriteIndent();
    Analysis ka = Analyze(key, v3_);
    if (!ka.multiline && key.size() <= 128) {
      root_context_ = false;
      sequence_context_ = false;
      mapping_context_ = true;
      simple_key_context_ = true;
      EmitScalar(key, StringStyle(key, v3_), &ka);
      WriteIndicator(":", false, false, false);
      Node(val, false, false, true, false);
    } else {
      WriteIndicator("?", true, false, true);
      root_context_ = false;
      sequence_context_ = false;
      mapping_context_ = true;
      simple_key_context_ = false;
      EmitScalar(key, StringStyle(key, v3_), &ka);
      WriteIndent();
      WriteIndicator(":", true, false, true);
      Node(val, false, false, true, false);
    }
  }
  PopIndent();
}

void Emitter::EmitList(const ValueList& list) {
  IncreaseIndent(false, !v3_ && mapping_context_ && !indention_);
  for (const Value& item : list) {
    WriteIndent();
    WriteIndicator("-", true, false, true);
    Node(item, false, true, false, false);
  }
  PopIndent();
}

void Emitter::EmitScalar(std::string_view value, Style style, const Analysis* pre) {
  Analysis a = pre != nullptr ? *pre : Analyze(value, v3_);
  if (simple_key_context_ && a.multiline) style = Style::kDouble;
  if (style == Style::kPlain) {
    if (!a.block_plain_allowed) style = Style::kSingle;
    if (value.empty() && simple_key_context_) style = Style::kSingle;
  }
  if (style == Style::kSingle && !a.single_quoted_allowed) style = Style::kDouble;
  if (style == Style::kLiteral && (!a.block_allowed || simple_key_context_)) style = Style::kDouble;
  IncreaseIndent(true, false);
  bool allow_breaks = !simple_key_context_;
  switch (style) {
    case Style::kPlain:
      WritePlain(value, allow_breaks);
      break;
    case Style::kSingle:
      WriteSingle(value, allow_breaks);
      break;
    case Style::kDouble:
      WriteDouble(value, allow_breaks);
      break;
    case Style::kLiteral:
      WriteLiteral(value);
      break;
  }
  PopIndent();
}

void Emitter::WritePlain(std::string_view value, bool allow_breaks) {
  if (!whitespace_ && (!v3_ || !value.empty())) Put(' ');
  bool spaces = false, breaks = false;
  for (size_t i = 0; i < value.size();) {
    if (IsSpace(value, i)) {
      if (allow_breaks && !spaces && column_ > best_width_ && !IsSpace(value, i + 1)) {
        WriteIndent();
        i += 1;
      } else {
        Write(value, &i);
      }
      spaces = true;
    } else if (IsBreak(value, i)) {
      if (!breaks && value[i] == '\n') PutBreak();
      WriteBreak(value, &i);
      indention_ = true;
      breaks = true;
    } else {
      if (breaks) WriteIndent();
      Write(value, &i);
      indention_ = false;
      spaces = false;
      breaks = false;
    }
  }
  if (!v3_ || !value.empty()) whitespace_ = false;
  indention_ = false;
}

void Emitter::WriteSingle(std::string_view value, bool allow_breaks) {
  WriteIndicator("'", true, false, false);
  bool spaces = false, breaks = false;
  for (size_t i = 0; i < value.size();) {
    if (IsSpace(value, i)) {
      if (allow_breaks && !spaces && column_ > best_width_ && i > 0 && i < value.size() - 1 &&
          !IsSpace(value, i + 1)) {
        WriteIndent();
        i += 1;
      } else {
        Write(value, &i);
      }
      spaces = true;
    } else if (IsBreak(value, i)) {
      if (!breaks && value[i] == '\n') PutBreak();
      WriteBreak(value, &i);
      indention_ = true;
      breaks = true;
    } else {
      if (breaks) WriteIndent();
      if (value[i] == '\'') Put('\'');
      Write(value, &i);
      indention_ = false;
      spaces = false;
      breaks = false;
    }
  }
  WriteIndicator("'", false, false, false);
  whitespace_ = false;
  indention_ = false;
}

void Emitter::WriteDouble(std::string_view value, bool allow_breaks) {
  static const char kHexUpper[] = "0123456789ABCDEF";
  bool spaces = false;
  WriteIndicator("\"", true, false, false);
  bool bom = IsBom(value);
  for (size_t i = 0; i < value.size();) {
    unsigned char c = value[i];
    if (!IsPrintable(value, i) || bom || IsBreak(value, i) || c == '"' || c == '\\') {
      int w = Width(c);
      uint32_t v;
      if (w == 1) {
        v = c & 0x7F;
      } else if (w == 2) {
        v = c & 0x1F;
      } else if (w == 3) {
        v = c & 0x0F;
      } else {
        v = c & 0x07;
      }
      for (int k = 1; k < w; k++) v = (v << 6) + (At(value, i + k) & 0x3F);
      i += w;
      Put('\\');
      switch (v) {
        case 0x00: Put('0'); break;
        case 0x07: Put('a'); break;
        case 0x08: Put('b'); break;
        case 0x09: Put('t'); break;
        case 0x0A: Put('n'); break;
        case 0x0B: Put('v'); break;
        case 0x0C: Put('f'); break;
        case 0x0D: Put('r'); break;
        case 0x1B: Put('e'); break;
        case 0x22: Put('"'); break;
        case 0x5C: Put('\\'); break;
        case 0x85: Put('N'); break;
        case 0xA0: Put('_'); break;
        case 0x2028: Put('L'); break;
        case 0x2029: Put('P'); break;
        default: {
          int digits;
          if (v <= 0xFF) {
            Put('x');
            digits = 2;
          } else if (v <= 0xFFFF) {
            Put('u');
            digits = 4;
          } else {
            Put('U');
            digits = 8;
          }
          for (int k = (digits - 1) * 4; k >= 0; k -= 4) Put(kHexUpper[(v >> k) & 0xF]);
        }
      }
      spaces = false;
    } else if (IsSpace(value, i)) {
      if (allow_breaks && !spaces && column_ > best_width_ && i > 0 && i < value.size() - 1) {
        WriteIndent();
        if (IsSpace(value, i + 1)) Put('\\');
        i += 1;
      } else {
        Write(value, &i);
      }
      spaces = true;
    } else {
      Write(value, &i);
      spaces = false;
    }
  }
  WriteIndicator("\"", false, false, false);
  whitespace_ = false;
  indention_ = false;
}

void Emitter::BlockHints(std::string_view value) {
  if (IsSpace(value, 0) || IsBreak(value, 0)) {
    char hint = static_cast<char>('0' + best_indent_);
    WriteIndicator(std::string_view(&hint, 1), false, false, false);
  }
  char chomp = 0;
  if (value.empty()) {
    chomp = '-';
  } else {
    size_t i = value.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(value[i]) & 0xC0) == 0x80) i--;
    if (!IsBreak(value, i)) {
      chomp = '-';
    } else if (i == 0) {
      chomp = '+';
    } else {
      i--;
      while (i > 0 && (static_cast<unsigned char>(value[i]) & 0xC0) == 0x80) i--;
      if (IsBreak(value, i)) chomp = '+';
    }
  }
  if (chomp != 0) WriteIndicator(std::string_view(&chomp, 1), false, false, false);
}

void Emitter::WriteLiteral(std::string_view value) {
  WriteIndicator("|", true, false, false);
  BlockHints(value);
  PutBreak();
  indention_ = true;
  whitespace_ = true;
  bool breaks = true;
  for (size_t i = 0; i < value.size();) {
    if (IsBreak(value, i)) {
      WriteBreak(value, &i);
      indention_ = true;
      breaks = true;
    } else {
      if (breaks) WriteIndent();
      Write(value, &i);
      indention_ = false;
      breaks = false;
    }
  }
}

bool FindNonFinite(const Value& v, std::string* what) {
  switch (v.kind()) {
    case Kind::kFloat:
      if (std::isnan(v.as_float()) || std::isinf(v.as_float())) {
        *what = FormatFloat(v.as_float(), 'g', -1);
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
    case Kind::kObject: {
      std::optional<Value> plain = v.as_object().AsPlainValue();
      return plain && FindNonFinite(*plain, what);
    }
    default:
      return false;
  }
}

// go-yaml's reader refuses DEL, the C1 controls but NEL, U+FFFE and U+FFFF, which encoding/json leaves raw:
// sigs.k8s.io/yaml.Marshal then fails while re-reading its own JSON.
bool HasForbiddenChar(std::string_view s) {
  for (size_t i = 0; i < s.size(); i++) {
    unsigned char c = s[i];
    if (c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size()) {
      unsigned char d = s[i + 1];
      if (d >= 0x80 && d <= 0x9F && d != 0x85) return true;
    }
    if (c == 0xEF && i + 2 < s.size() && At(s, i + 1) == 0xBF && (At(s, i + 2) == 0xBE || At(s, i + 2) == 0xBF)) {
      return true;
    }
  }
  return false;
}

bool AnyForbidden(const Value& v) {
  switch (v.kind()) {
    case Kind::kString:
      return HasForbiddenChar(v.as_string());
    case Kind::kList:
      for (const Value& e : v.as_list()) {
        if (AnyForbidden(e)) return true;
      }
      return false;
    case Kind::kMap:
      for (const auto& [k, e] : v.as_map()) {
        if (HasForbiddenChar(k) || AnyForbidden(e)) return true;
      }
      return false;
    case Kind::kObject: {
      std::optional<Value> plain = v.as_object().AsPlainValue();
      return plain && AnyForbidden(*plain);
    }
    default:
      return false;
  }
}

}  // namespace

Result<std::string> MarshalYaml(const Value& v) {
  std::string what;
  if (FindNonFinite(v, &what)) {
    return Error(Code::kInvalidArgument, "error marshaling into JSON: json: unsupported value: " + what);
  }
  if (AnyForbidden(v)) return Error(Code::kInvalidArgument, "yaml: control characters are not allowed");
  Emitter e(2, false);
  e.Document(v);
  return e.Finish();
}

Result<std::string> MarshalYamlPretty(const Value& v) {
  Emitter e(2, true);
  e.Document(v);
  return e.Finish();
}

std::string ToYaml(const Value& v) {
  auto r = MarshalYaml(v);
  return r.ok() ? std::move(*r) : std::string();
}

}  // namespace helm::yaml
