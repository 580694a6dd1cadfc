// Lexer and parser for Go's text/template, following Go's token rules and error texts.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "helm/base/strings.h"
#include "helm/template/ast.h"
#include "helm/template/internal.h"
#include "helm/template/template.h"

namespace helm::tmpl {

// ---------------------------------------------------------------------------------------------------
// Node printing (Go's Node.String()).

void Node::WriteTo(std::string* out) const {
  switch (type) {
    case NodeType::kText: out->append(text); return;
    case NodeType::kComment:
      *out += "{{";
      *out += text;
      *out += "}}";
      return;
    case NodeType::kAction:
      *out += "{{";
      pipe->WriteTo(out);
      *out += "}}";
      return;
    case NodeType::kBool: *out += bool_value ? "true" : "false"; return;
    case NodeType::kChain:
      if (base->type == NodeType::kPipe) {
        out->push_back('(');
        base->WriteTo(out);
        out->push_back(')');
      } else {
        base->WriteTo(out);
      }
      for (const auto& f : idents) {
        out->push_back('.');
        *out += f;
      }
      return;
    case NodeType::kCommand:
      for (size_t i = 0; i < nodes.size(); ++i) {
        if (i > 0) out->push_back(' ');
        if (nodes[i]->type == NodeType::kPipe) {
          out->push_back('(');
          nodes[i]->WriteTo(out);
          out->push_back(')');
        } else {
          nodes[i]->WriteTo(out);
        }
      }
      return;
    case NodeType::kDot: out->push_back('.'); return;
    case NodeType::kField:
      for (const auto& f : idents) {
        out->push_back('.');
        *out += f;
      }
      return;
    case NodeType::kIdentifier: *out += text; return;
    case NodeType::kIf:
    case NodeType::kRange:
    case NodeType::kWith:
      *out += type == NodeType::kIf ? "{{if " : type == NodeType::kRange ? "{{range " : "{{with ";
      pipe->WriteTo(out);
      *out += "}}";
      list->WriteTo(out);
      if (else_list != nullptr) {
        *out += "{{else}}";
        else_list->WriteTo(out);
      }
      *out += "{{end}}";
      return;
    case NodeType::kList:
      for (const Node* n : nodes) n->WriteTo(out);
      return;
    case NodeType::kNil: *out += "nil"; return;
    case NodeType::kNumber: *out += text; return;
    case NodeType::kPipe:
      if (!decl.empty()) {
        for (size_t i = 0; i < decl.size(); ++i) {
          if (i > 0) *out += ", ";
          decl[i]->WriteTo(out);
        }
        *out += is_assign ? " = " : " := ";
      }
      for (size_t i = 0; i < nodes.size(); ++i) {
        if (i > 0) *out += " | ";
        nodes[i]->WriteTo(out);
      }
      return;
    case NodeType::kString: *out += quoted; return;
    case NodeType::kTemplate:
      *out += "{{template ";
      *out += GoQuote(text);
      if (pipe != nullptr) {
        out->push_back(' ');
        pipe->WriteTo(out);
      }
      *out += "}}";
      return;
    case NodeType::kVariable:
      for (size_t i = 0; i < idents.size(); ++i) {
        if (i > 0) out->push_back('.');
        *out += idents[i];
      }
      return;
    case NodeType::kBreak: *out += "{{break}}"; return;
    case NodeType::kContinue: *out += "{{continue}}"; return;
    case NodeType::kElse: *out += "{{else}}"; return;
    case NodeType::kEnd: *out += "{{end}}"; return;
  }
}

std::string Node::String() const {
  std::string s;
  WriteTo(&s);
  return s;
}

std::string Source::Location(int pos) const {
  std::string_view t = std::string_view(text).substr(0, static_cast<size_t>(pos));
  size_t nl = t.rfind('\n');
  int col = nl == std::string_view::npos ? pos : pos - static_cast<int>(nl + 1);
  int line = 1;
  for (char c : t) line += c == '\n';
  return parse_name + ":" + std::to_string(line) + ":" + std::to_string(col);
}

bool IsEmptyTree(const Node* n) {
  if (n == nullptr) return true;
  switch (n->type) {
    case NodeType::kComment: return true;
    case NodeType::kList:
      for (const Node* c : n->nodes) {
        if (!IsEmptyTree(c)) return false;
      }
      return true;
    case NodeType::kText: return TrimSpace(n->text).empty();
    default: return false;
  }
}

namespace {

// ---------------------------------------------------------------------------------------------------
// Lexer.

enum class ItemType : uint8_t {
  kError,
  kBool,
  kChar,
  kCharConstant,
  kComment,
  kComplex,
  kAssign,
  kDeclare,
  kEOF,
  kField,
  kIdentifier,
  kLeftDelim,
  kLeftParen,
  kNumber,
  kPipe,
  kRawString,
  kRightDelim,
  kRightParen,
  kSpace,
  kString,
  kText,
  kVariable,
  kKeyword,  // keywords follow
  kBlock,
  kBreak,
  kContinue,
  kDot,
  kDefine,
  kElse,
  kEnd,
  kIf,
  kNil,
  kRange,
  kTemplate,
  kWith,
};

struct Item {
  ItemType type = ItemType::kEOF;
  int pos = 0;
  std::string val;
  int line = 0;

  // Go's item.String(), used in "unexpected X in Y".
  std::string String() const {
    if (type == ItemType::kEOF) return "EOF";
    if (type == ItemType::kError) return val;
    if (type > ItemType::kKeyword) return "<" + val + ">";
    if (val.size() > 10) {
      // %.10q: quote the first 10 runes
      size_t i = 0;
      for (int n = 0; n < 10 && i < val.size(); ++n) {
        int w;
        DecodeRune(val, i, &w);
        i += w;
      }
      return GoQuote(val.substr(0, i)) + "...";
    }
    return GoQuote(val);
  }
};

constexpr std::string_view kLeftDelim = "{{";
constexpr std::string_view kRightDelim = "}}";
constexpr std::string_view kLeftComment = "/*";
constexpr std::string_view kRightComment = "*/";
constexpr int kEof = -1;

bool IsSpace(int r) { return r == ' ' || r == '\t' || r == '\r' || r == '\n'; }

bool IsAlphaNumeric(int r) {
  if (r == '_') return true;
  if (r < 0) return false;
  if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9');
  return IsLetterRune(static_cast<uint32_t>(r)) || IsDigitRune(static_cast<uint32_t>(r));
}

bool HasLeftTrimMarker(std::string_view s) { return s.size() >= 2 && s[0] == '-' && IsSpace(s[1]); }
bool HasRightTrimMarker(std::string_view s) { return s.size() >= 2 && IsSpace(s[0]) && s[1] == '-'; }

size_t RightTrimLength(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && IsSpace(s[s.size() - 1 - n])) ++n;
  return n;
}
size_t LeftTrimLength(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && IsSpace(s[n])) ++n;
  return n;
}

std::string UnicodeForm(int r) {  // %#U
  char buf[32];
  snprintf(buf, sizeof buf, "U+%04X", r);
  std::string s = buf;
  if (IsPrintRune(static_cast<uint32_t>(r))) {
    s += " '";
    AppendUtf8(&s, static_cast<uint32_t>(r));
    s += "'";
  }
  return s;
}

class Lexer {
 public:
  Lexer(std::string_view input, bool break_ok, bool continue_ok)
      : input_(input), break_ok_(break_ok), continue_ok_(continue_ok) {}

  Item NextItem() {
    item_ = Item{ItemType::kEOF, static_cast<int>(pos_), "EOF", start_line_};
    State state = inside_action_ ? State::kInsideAction : State::kText;
    while (state != State::kDone) state = Run(state);
    return item_;
  }

 private:
  enum class State {
    kDone,
    kText,
    kLeftDelim,
    kComment,
    kRightDelim,
    kInsideAction,
    kSpace,
    kIdentifier,
    kField,
    kVariable,
    kChar,
    kNumber,
    kQuote,
    kRawQuote,
  };

  State Run(State s) {
    switch (s) {
      case State::kText: return LexText();
      case State::kLeftDelim: return LexLeftDelim();
      case State::kComment: return LexComment();
      case State::kRightDelim: return LexRightDelim();
      case State::kInsideAction: return LexInsideAction();
      case State::kSpace: return LexSpace();
      case State::kIdentifier: return LexIdentifier();
      case State::kField: return LexFieldOrVariable(ItemType::kField);
      case State::kVariable: return LexVariable();
      case State::kChar: return LexChar();
      case State::kNumber: return LexNumber();
      case State::kQuote: return LexQuote();
      case State::kRawQuote: return LexRawQuote();
      case State::kDone: break;
    }
    return State::kDone;
  }

  int Next() {
    if (pos_ >= input_.size()) {
      at_eof_ = true;
      return kEof;
    }
    int w;
    uint32_t r = DecodeRune(input_, pos_, &w);
    pos_ += w;
    if (r == '\n') ++line_;
    return static_cast<int>(r);
  }

  int Peek() {
    int r = Next();
    Backup();
    return r;
  }

  void Backup() {
    if (!at_eof_ && pos_ > 0) {
      size_t p = pos_ - 1;
      while (p > 0 && pos_ - p < 4 && (static_cast<unsigned char>(input_[p]) & 0xC0) == 0x80) --p;
      int w;
      uint32_t r = DecodeRune(input_, p, &w);
      if (p + static_cast<size_t>(w) != pos_) {
        p = pos_ - 1;
        r = 0xFFFD;
      }
      pos_ = p;
      if (r == '\n') --line_;
    }
  }

  Item ThisItem(ItemType t) {
    Item i{t, static_cast<int>(start_), std::string(input_.substr(start_, pos_ - start_)), start_line_};
    start_ = pos_;
    start_line_ = line_;
    return i;
  }

  State Emit(ItemType t) {
    item_ = ThisItem(t);
    return State::kDone;
  }
  State EmitItem(Item i) {
    item_ = std::move(i);
    return State::kDone;
  }

  void Ignore() {
    for (size_t i = start_; i < pos_; ++i) line_ += input_[i] == '\n';
    start_ = pos_;
    start_line_ = line_;
  }

  bool Accept(std::string_view valid) {
    int r = Next();
    if (r >= 0 && r < 0x80 && valid.find(static_cast<char>(r)) != std::string_view::npos) return true;
    Backup();
    return false;
  }
  void AcceptRun(std::string_view valid) {
    for (;;) {
      int r = Next();
      if (r >= 0 && r < 0x80 && valid.find(static_cast<char>(r)) != std::string_view::npos) continue;
      break;
    }
    Backup();
  }

  State Errorf(std::string msg) {
    item_ = Item{ItemType::kError, static_cast<int>(start_), std::move(msg), start_line_};
    start_ = 0;
    pos_ = 0;
    input_ = input_.substr(0, 0);
    return State::kDone;
  }

  bool HasPrefixAt(size_t p, std::string_view s) const {
    return p <= input_.size() && input_.substr(p).substr(0, s.size()) == s;
  }

  State LexText() {
    size_t x = input_.find(kLeftDelim, pos_);
    if (x != std::string_view::npos) {
      if (x > pos_) {
        pos_ = x;
        size_t trim = 0;
        size_t delim_end = pos_ + kLeftDelim.size();
        if (HasLeftTrimMarker(input_.substr(delim_end))) {
          trim = RightTrimLength(input_.substr(start_, pos_ - start_));
        }
        pos_ -= trim;
        for (size_t i = start_; i < pos_; ++i) line_ += input_[i] == '\n';
        Item i = ThisItem(ItemType::kText);
        pos_ += trim;
        Ignore();
        if (!i.val.empty()) return EmitItem(std::move(i));
      }
      return LexLeftDelim();
    }
    pos_ = input_.size();
    if (pos_ > start_) {
      for (size_t i = start_; i < pos_; ++i) line_ += input_[i] == '\n';
      return Emit(ItemType::kText);
    }
    return Emit(ItemType::kEOF);
  }

  std::pair<bool, bool> AtRightDelim() const {
    if (HasRightTrimMarker(input_.substr(pos_)) && HasPrefixAt(pos_ + 2, kRightDelim)) return {true, true};
    if (HasPrefixAt(pos_, kRightDelim)) return {true, false};
    return {false, false};
  }

  State LexLeftDelim() {
    pos_ += kLeftDelim.size();
    bool trim = HasLeftTrimMarker(input_.substr(pos_));
    size_t after = trim ? 2 : 0;
    if (HasPrefixAt(pos_ + after, kLeftComment)) {
      pos_ += after;
      Ignore();
      return LexComment();
    }
    Item i = ThisItem(ItemType::kLeftDelim);
    inside_action_ = true;
    pos_ += after;
    Ignore();
    paren_depth_ = 0;
    return EmitItem(std::move(i));
  }

  State LexComment() {
    pos_ += kLeftComment.size();
    size_t x = input_.find(kRightComment, pos_);
    if (x == std::string_view::npos) return Errorf("unclosed comment");
    pos_ = x + kRightComment.size();
    auto [delim, trim] = AtRightDelim();
    if (!delim) return Errorf("comment ends before closing delimiter");
    for (size_t i = start_; i < pos_; ++i) line_ += input_[i] == '\n';
    ThisItem(ItemType::kComment);
    if (trim) pos_ += 2;
    pos_ += kRightDelim.size();
    if (trim) pos_ += LeftTrimLength(input_.substr(pos_));
    Ignore();
    return State::kText;
  }

  State LexRightDelim() {
    auto [delim, trim] = AtRightDelim();
    if (trim) {
      pos_ += 2;
      Ignore();
    }
    pos_ += kRightDelim.size();
    Item i = ThisItem(ItemType::kRightDelim);
    if (trim) {
      pos_ += LeftTrimLength(input_.substr(pos_));
      Ignore();
    }
    inside_action_ = false;
    return EmitItem(std::move(i));
  }

  State LexInsideAction() {
    auto [delim, trim] = AtRightDelim();
    if (delim) {
      if (paren_depth_ == 0) return LexRightDelim();
      return Errorf("unclosed left paren");
    }
    int r = Next();
    if (r == kEof) return Errorf("unclosed action");
    if (IsSpace(r)) {
      Backup();
      return State::kSpace;
    }
    switch (r) {
      case '=': return Emit(ItemType::kAssign);
      case ':':
        if (Next() != '=') return Errorf("expected :=");
        return Emit(ItemType::kDeclare);
      case '|': return Emit(ItemType::kPipe);
      case '"': return State::kQuote;
      case '`': return State::kRawQuote;
      case '$': return State::kVariable;
      case '\'': return State::kChar;
      case '(':
        ++paren_depth_;
        return Emit(ItemType::kLeftParen);
      case ')':
        --paren_depth_;
        if (paren_depth_ < 0) return Errorf("unexpected right paren");
        return Emit(ItemType::kRightParen);
      default: break;
    }
    if (r == '.') {
      if (pos_ < input_.size()) {
        char c = input_[pos_];
        if (c < '0' || c > '9') return State::kField;
      }
      Backup();
      return State::kNumber;
    }
    if (r == '+' || r == '-' || (r >= '0' && r <= '9')) {
      Backup();
      return State::kNumber;
    }
    if (IsAlphaNumeric(r)) {
      Backup();
      return State::kIdentifier;
    }
    if (r < 0x80 && r >= 0x20 && r != 0x7F) return Emit(ItemType::kChar);
    return Errorf("unrecognized character in action: " + UnicodeForm(r));
  }

  State LexSpace() {
    int num_spaces = 0;
    for (;;) {
      int r = Peek();
      if (!IsSpace(r)) break;
      Next();
      ++num_spaces;
    }
    if (HasRightTrimMarker(input_.substr(pos_ - 1)) && HasPrefixAt(pos_ - 1 + 2, kRightDelim)) {
      Backup();
      if (num_spaces == 1) return State::kRightDelim;
    }
    return Emit(ItemType::kSpace);
  }

  bool AtTerminator() {
    int r = Peek();
    if (IsSpace(r)) return true;
    switch (r) {
      case kEof:
      case '.':
      case ',':
      case '|':
      case ':':
      case ')':
      case '(':
        return true;
      default: break;
    }
    return HasPrefixAt(pos_, kRightDelim);
  }

  State LexIdentifier() {
    for (;;) {
      int r = Next();
      if (IsAlphaNumeric(r)) continue;
      Backup();
      std::string_view word = input_.substr(start_, pos_ - start_);
      if (!AtTerminator()) return Errorf("bad character " + UnicodeForm(r));
      ItemType kw = Keyword(word);
      if (kw != ItemType::kError) {
        if ((kw == ItemType::kBreak && !break_ok_) || (kw == ItemType::kContinue && !continue_ok_)) {
          return Emit(ItemType::kIdentifier);
        }
        return Emit(kw);
      }
      if (word[0] == '.') return Emit(ItemType::kField);
      if (word == "true" || word == "false") return Emit(ItemType::kBool);
      return Emit(ItemType::kIdentifier);
    }
  }

  static ItemType Keyword(std::string_view w) {
    if (w == ".") return ItemType::kDot;
    if (w == "block") return ItemType::kBlock;
    if (w == "break") return ItemType::kBreak;
    if (w == "continue") return ItemType::kContinue;
    if (w == "define") return ItemType::kDefine;
    if (w == "else") return ItemType::kElse;
    if (w == "end") return ItemType::kEnd;
    if (w == "if") return ItemType::kIf;
    if (w == "range") return ItemType::kRange;
    if (w == "nil") return ItemType::kNil;
    if (w == "template") return ItemType::kTemplate;
    if (w == "with") return ItemType::kWith;
    return ItemType::kError;
  }

  State LexVariable() {
    if (AtTerminator()) return Emit(ItemType::kVariable);
    return LexFieldOrVariable(ItemType::kVariable);
  }

  State LexFieldOrVariable(ItemType t) {
    if (AtTerminator()) return Emit(t == ItemType::kVariable ? ItemType::kVariable : ItemType::kDot);
    int r;
    for (;;) {
      r = Next();
      if (!IsAlphaNumeric(r)) {
        Backup();
        break;
      }
    }
    if (!AtTerminator()) return Errorf("bad character " + UnicodeForm(r));
    return Emit(t);
  }

  State LexChar() {
    for (;;) {
      int r = Next();
      if (r == '\\') {
        int r2 = Next();
        if (r2 != kEof && r2 != '\n') continue;
        return Errorf("unterminated character constant");
      }
      if (r == kEof || r == '\n') return Errorf("unterminated character constant");
      if (r == '\'') break;
    }
    return Emit(ItemType::kCharConstant);
  }

  bool ScanNumber() {
    Accept("+-");
    std::string_view digits = "0123456789_";
    if (Accept("0")) {
      if (Accept("xX")) {
        digits = "0123456789abcdefABCDEF_";
      } else if (Accept("oO")) {
        digits = "01234567_";
      } else if (Accept("bB")) {
        digits = "01_";
      }
    }
    AcceptRun(digits);
    if (Accept(".")) AcceptRun(digits);
    if (digits.size() == 11 && Accept("eE")) {
      Accept("+-");
      AcceptRun("0123456789_");
    }
    if (digits.size() == 23 && Accept("pP")) {
      Accept("+-");
      AcceptRun("0123456789_");
    }
    Accept("i");
    if (IsAlphaNumeric(Peek())) {
      Next();
      return false;
    }
    return true;
  }

  State LexNumber() {
    if (!ScanNumber()) {
      return Errorf("bad number syntax: " + GoQuote(input_.substr(start_, pos_ - start_)));
    }
    int sign = Peek();
    if (sign == '+' || sign == '-') {
      if (!ScanNumber() || input_[pos_ - 1] != 'i') {
        return Errorf("bad number syntax: " + GoQuote(input_.substr(start_, pos_ - start_)));
      }
      return Emit(ItemType::kComplex);
    }
    return Emit(ItemType::kNumber);
  }

  State LexQuote() {
    for (;;) {
      int r = Next();
      if (r == '\\') {
        int r2 = Next();
        if (r2 != kEof && r2 != '\n') continue;
        return Errorf("unterminated quoted string");
      }
      if (r == kEof || r == '\n') return Errorf("unterminated quoted string");
      if (r == '"') break;
    }
    return Emit(ItemType::kString);
  }

  State LexRawQuote() {
    for (;;) {
      int r = Next();
      if (r == kEof) return Errorf("unterminated raw quoted string");
      if (r == '`') break;
    }
    return Emit(ItemType::kRawString);
  }

  std::string_view input_;
  size_t pos_ = 0;
  size_t start_ = 0;
  bool at_eof_ = false;
  int paren_depth_ = 0;
  int line_ = 1;
  int start_line_ = 1;
  Item item_;
  bool inside_action_ = false;
  bool break_ok_;
  bool continue_ok_;
};

// ---------------------------------------------------------------------------------------------------
// Number literals (strconv.ParseInt/ParseUint/ParseFloat with base 0 and Go's underscore rules).

char Lower(char c) { return static_cast<char>(c | 0x20); }

bool UnderscoreOK(std::string_view s) {
  char saw = '^';
  size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s = s.substr(1);
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0' && (Lower(s[1]) == 'b' || Lower(s[1]) == 'o' || Lower(s[1]) == 'x')) {
    i = 2;
    saw = '0';
    hex = Lower(s[1]) == 'x';
  }
  for (; i < s.size(); ++i) {
    char c = s[i];
    if ((c >= '0' && c <= '9') || (hex && Lower(c) >= 'a' && Lower(c) <= 'f')) {
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

bool ParseUint0(std::string_view s0, uint64_t* out) {
  std::string_view s = s0;
  if (s.empty()) return false;
  int base = 10;
  if (s[0] == '0') {
    if (s.size() >= 3 && Lower(s[1]) == 'b') {
      base = 2;
      s = s.substr(2);
    } else if (s.size() >= 3 && Lower(s[1]) == 'o') {
      base = 8;
      s = s.substr(2);
    } else if (s.size() >= 3 && Lower(s[1]) == 'x') {
      base = 16;
      s = s.substr(2);
    } else {
      base = 8;
      s = s.substr(1);
    }
  }
  bool underscores = false;
  uint64_t n = 0;
  for (char c : s) {
    int d;
    if (c == '_') {
      underscores = true;
      continue;
    }
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (Lower(c) >= 'a' && Lower(c) <= 'z') {
      d = Lower(c) - 'a' + 10;
    } else {
      return false;
    }
    if (d >= base) return false;
    if (n > (UINT64_MAX - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base)) return false;
    n = n * base + d;
  }
  if (underscores && !UnderscoreOK(s0)) return false;
  *out = n;
  return true;
}

bool ParseInt0(std::string_view s, int64_t* out) {
  if (s.empty()) return false;
  bool neg = false;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    s = s.substr(1);
  }
  uint64_t u;
  if (!ParseUint0(s, &u)) return false;
  if (!neg && u > static_cast<uint64_t>(INT64_MAX)) return false;
  if (neg && u > static_cast<uint64_t>(INT64_MAX) + 1) return false;
  *out = neg ? static_cast<int64_t>(0 - u) : static_cast<int64_t>(u);
  return true;
}

bool ParseFloatGo(std::string_view s, double* out) {
  if (s.empty()) return false;
  std::string clean;
  bool underscores = false;
  for (char c : s) {
    if (c == '_') {
      underscores = true;
    } else {
      clean.push_back(c);
    }
  }
  if (underscores && !UnderscoreOK(s)) return false;
  // Validate Go float syntax before handing the text to strtod.
  size_t i = 0;
  if (clean[i] == '+' || clean[i] == '-') ++i;
  bool hex = clean.size() >= i + 2 && clean[i] == '0' && Lower(clean[i + 1]) == 'x';
  if (hex) i += 2;
  auto is_digit = [&](char c) {
    return (c >= '0' && c <= '9') || (hex && Lower(c) >= 'a' && Lower(c) <= 'f');
  };
  bool digits = false;
  while (i < clean.size() && is_digit(clean[i])) {
    ++i;
    digits = true;
  }
  if (i < clean.size() && clean[i] == '.') {
    ++i;
    while (i < clean.size() && is_digit(clean[i])) {
      ++i;
      digits = true;
    }
  }
  if (!digits) return false;
  bool has_exp = false;
  if (i < clean.size() && ((!hex && Lower(clean[i]) == 'e') || (hex && Lower(clean[i]) == 'p'))) {
    has_exp = true;
    ++i;
    if (i < clean.size() && (clean[i] == '+' || clean[i] == '-')) ++i;
    bool ed = false;
    while (i < clean.size() && clean[i] >= '0' && clean[i] <= '9') {
      ++i;
      ed = true;
    }
    if (!ed) return false;
  }
  if (i != clean.size()) return false;
  if (hex && !has_exp) return false;
  errno = 0;
  char* end = nullptr;
  double f = strtod(clean.c_str(), &end);
  if (errno == ERANGE && std::isinf(f)) return false;
  *out = f;
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Parser.

struct ParseError {
  std::string message;
};

class Parser {
 public:
  Parser(std::string_view name, std::shared_ptr<Source> src,
         const std::function<bool(std::string_view)>& has_function, std::vector<Tree>* trees)
      : name_(name),
        src_(std::move(src)),
        has_function_(has_function),
        lex_(src_->text, !has_function("break"), !has_function("continue")),
        trees_(trees) {}

  void ParseMain() {
    vars_ = {"$"};
    Node* root = NewNode(NodeType::kList, Peek().pos);
    while (Peek().type != ItemType::kEOF) {
      if (Peek().type == ItemType::kLeftDelim) {
        Item delim = Next();
        if (NextNonSpace().type == ItemType::kDefine) {
          std::vector<std::string> saved_vars = std::move(vars_);
          vars_ = {"$"};
          ParseDefinition();
          vars_ = std::move(saved_vars);
          continue;
        }
        Backup2(delim);
      }
      Node* n = TextOrAction();
      if (n->type == NodeType::kEnd || n->type == NodeType::kElse) {
        Errorf("unexpected " + n->String());
      }
      root->nodes.push_back(n);
    }
    Add(std::string(name_), root, /*main=*/true);
  }

 private:
  [[noreturn]] void Errorf(const std::string& msg) {
    throw ParseError{"template: " + std::string(name_) + ":" + std::to_string(token_[0].line) + ": " + msg};
  }

  Node* NewNode(NodeType t, int pos) { return src_->New(t, pos); }

  Item Next() {
    if (peek_count_ > 0) {
      --peek_count_;
    } else {
      token_[0] = lex_.NextItem();
    }
    return token_[peek_count_];
  }
  void Backup() { ++peek_count_; }
  void Backup2(Item t1) {
    token_[1] = std::move(t1);
    peek_count_ = 2;
  }
  void Backup3(Item t2, Item t1) {
    token_[1] = std::move(t1);
    token_[2] = std::move(t2);
    peek_count_ = 3;
  }
  const Item& Peek() {
    if (peek_count_ > 0) return token_[peek_count_ - 1];
    peek_count_ = 1;
    token_[0] = lex_.NextItem();
    return token_[0];
  }
  Item NextNonSpace() {
    Item t;
    for (;;) {
      t = Next();
      if (t.type != ItemType::kSpace) break;
    }
    return t;
  }
  Item PeekNonSpace() {
    Item t = NextNonSpace();
    Backup();
    return t;
  }

  Item Expect(ItemType expected, const std::string& context) {
    Item t = NextNonSpace();
    if (t.type != expected) Unexpected(t, context);
    return t;
  }
  Item ExpectOneOf(ItemType e1, ItemType e2, const std::string& context) {
    Item t = NextNonSpace();
    if (t.type != e1 && t.type != e2) Unexpected(t, context);
    return t;
  }

  [[noreturn]] void Unexpected(const Item& t, const std::string& context) {
    if (t.type == ItemType::kError) {
      std::string extra;
      if (action_line_ != 0 && action_line_ != t.line) {
        extra = " in action started at " + std::string(name_) + ":" + std::to_string(action_line_);
        if (t.val.size() >= 7 && t.val.compare(t.val.size() - 7, 7, " action") == 0) {
          extra = extra.substr(std::string_view(" in action").size());
        }
      }
      Errorf(t.String() + extra);
    }
    Errorf("unexpected " + t.String() + " in " + context);
  }

  void Add(std::string name, Node* root, bool main) {
    for (Tree& t : *trees_) {
      if (t.name == name) {
        if (IsEmptyTree(t.root)) {
          t.root = root;
          return;
        }
        if (!IsEmptyTree(root)) Errorf("template: multiple definition of template " + GoQuote(name));
        return;
      }
    }
    trees_->push_back(Tree{std::move(name), src_, root});
  }

  void ParseDefinition() {
    const std::string context = "define clause";
    Item name = ExpectOneOf(ItemType::kString, ItemType::kRawString, context);
    std::string tname;
    if (!GoUnquote(name.val, &tname)) Errorf("invalid syntax");
    Expect(ItemType::kRightDelim, context);
    auto [root, end] = ItemList();
    if (end->type != NodeType::kEnd) Errorf("unexpected " + end->String() + " in " + context);
    Add(std::move(tname), root, false);
  }

  std::pair<Node*, Node*> ItemList() {
    Node* list = NewNode(NodeType::kList, PeekNonSpace().pos);
    while (PeekNonSpace().type != ItemType::kEOF) {
      Node* n = TextOrAction();
      if (n->type == NodeType::kEnd || n->type == NodeType::kElse) return {list, n};
      list->nodes.push_back(n);
    }
    Errorf("unexpected EOF");
  }

  Node* TextOrAction() {
    Item token = NextNonSpace();
    switch (token.type) {
      case ItemType::kText: {
        Node* n = NewNode(NodeType::kText, token.pos);
        n->text = std::move(token.val);
        return n;
      }
      case ItemType::kLeftDelim: {
        action_line_ = token.line;
        Node* n = Action();
        action_line_ = 0;
        return n;
      }
      case ItemType::kComment: {
        Node* n = NewNode(NodeType::kComment, token.pos);
        n->text = std::move(token.val);
        return n;
      }
      default: Unexpected(token, "input");
    }
  }

  Node* Action() {
    Item token = NextNonSpace();
    switch (token.type) {
      case ItemType::kBlock: return BlockControl();
      case ItemType::kBreak: return BreakControl(token.pos, token.line, NodeType::kBreak, "{{break}}");
      case ItemType::kContinue:
        return BreakControl(token.pos, token.line, NodeType::kContinue, "{{continue}}");
      case ItemType::kElse: return ElseControl();
      case ItemType::kEnd: return EndControl();
      case ItemType::kIf: return Control(NodeType::kIf, "if");
      case ItemType::kRange: return Control(NodeType::kRange, "range");
      case ItemType::kTemplate: return TemplateControl();
      case ItemType::kWith: return Control(NodeType::kWith, "with");
      default: break;
    }
    Backup();
    const Item& t = Peek();
    int pos = t.pos, line = t.line;
    Node* n = NewNode(NodeType::kAction, pos);
    n->line = line;
    n->pipe = Pipeline("command", ItemType::kRightDelim);
    return n;
  }

  Node* BreakControl(int pos, int line, NodeType type, const std::string& context) {
    Item token = NextNonSpace();
    if (token.type != ItemType::kRightDelim) Unexpected(token, context);
    if (range_depth_ == 0) Errorf(context + " outside {{range}}");
    Node* n = NewNode(type, pos);
    n->line = line;
    return n;
  }

  Node* Pipeline(const std::string& context, ItemType end) {
    Item token = PeekNonSpace();
    Node* pipe = NewNode(NodeType::kPipe, token.pos);
    pipe->line = token.line;
  decls:
    Item v = PeekNonSpace();
    if (v.type == ItemType::kVariable) {
      Next();
      Item after = Peek();
      Item next = PeekNonSpace();
      if (next.type == ItemType::kAssign || next.type == ItemType::kDeclare) {
        pipe->is_assign = next.type == ItemType::kAssign;
        NextNonSpace();
        pipe->decl.push_back(NewVariable(v.pos, v.val));
        vars_.push_back(v.val);
      } else if (next.type == ItemType::kChar && next.val == ",") {
        NextNonSpace();
        pipe->decl.push_back(NewVariable(v.pos, v.val));
        vars_.push_back(v.val);
        if (context == "range" && pipe->decl.size() < 2) {
          ItemType pt = PeekNonSpace().type;
          if (pt == ItemType::kVariable || pt == ItemType::kRightDelim || pt == ItemType::kRightParen) {
            goto decls;
          }
          Errorf("range can only initialize variables");
        }
        Errorf("too many declarations in " + context);
      } else if (after.type == ItemType::kSpace) {
        Backup3(v, after);
      } else {
        Backup2(v);
      }
    }
    for (;;) {
      Item t = NextNonSpace();
      if (t.type == end) {
        CheckPipeline(pipe, context);
        return pipe;
      }
      switch (t.type) {
        case ItemType::kBool:
        case ItemType::kCharConstant:
        case ItemType::kComplex:
        case ItemType::kDot:
        case ItemType::kField:
        case ItemType::kIdentifier:
        case ItemType::kNumber:
        case ItemType::kNil:
        case ItemType::kRawString:
        case ItemType::kString:
        case ItemType::kVariable:
        case ItemType::kLeftParen:
          Backup();
          pipe->nodes.push_back(Command());
          break;
        default: Unexpected(t, context);
      }
    }
  }

  void CheckPipeline(Node* pipe, const std::string& context) {
    if (pipe->nodes.empty()) Errorf("missing value for " + context);
    for (size_t i = 1; i < pipe->nodes.size(); ++i) {
      switch (pipe->nodes[i]->nodes[0]->type) {
        case NodeType::kBool:
        case NodeType::kDot:
        case NodeType::kNil:
        case NodeType::kNumber:
        case NodeType::kString:
          Errorf("non executable command in pipeline stage " + std::to_string(i + 1));
        default: break;
      }
    }
  }

  // Nested controls and parentheses recurse; deep nesting continues on a big stack.
  template <typename F>
  Node* Nested(F&& parse) {
    if (++nesting_ != kBigStackNesting || OnBigStack()) {
      Node* n = parse();
      --nesting_;
      return n;
    }
    Node* n = nullptr;
    RunOnBigStack([&] { n = parse(); });
    --nesting_;
    return n;
  }

  Node* Control(NodeType type, const std::string& context) {
    return Nested([&] { return ControlImpl(type, context); });
  }

  Node* ControlImpl(NodeType type, const std::string& context) {
    size_t nvars = vars_.size();
    Node* pipe = Pipeline(context, ItemType::kRightDelim);
    if (type == NodeType::kRange) ++range_depth_;
    auto [list, next] = ItemList();
    if (type == NodeType::kRange) --range_depth_;
    Node* else_list = nullptr;
    if (next->type == NodeType::kElse) {
      if (type == NodeType::kIf && Peek().type == ItemType::kIf) {
        Next();
        else_list = NewNode(NodeType::kList, next->pos);
        else_list->nodes.push_back(Control(NodeType::kIf, "if"));
      } else if (type == NodeType::kWith && Peek().type == ItemType::kWith) {
        Next();
        else_list = NewNode(NodeType::kList, next->pos);
        else_list->nodes.push_back(Control(NodeType::kWith, "with"));
      } else {
        auto [el, end] = ItemList();
        if (end->type != NodeType::kEnd) Errorf("expected end; found " + end->String());
        else_list = el;
      }
    }
    vars_.resize(nvars);
    Node* n = NewNode(type, pipe->pos);
    n->line = pipe->line;
    n->pipe = pipe;
    n->list = list;
    n->else_list = else_list;
    return n;
  }

  Node* EndControl() {
    Item t = Expect(ItemType::kRightDelim, "end");
    return NewNode(NodeType::kEnd, t.pos);
  }

  Node* ElseControl() {
    Item peek = PeekNonSpace();
    if (peek.type == ItemType::kIf || peek.type == ItemType::kWith) {
      Node* n = NewNode(NodeType::kElse, peek.pos);
      n->line = peek.line;
      return n;
    }
    Item t = Expect(ItemType::kRightDelim, "else");
    Node* n = NewNode(NodeType::kElse, t.pos);
    n->line = t.line;
    return n;
  }

  std::string ParseTemplateName(const Item& token, const std::string& context) {
    if (token.type == ItemType::kString || token.type == ItemType::kRawString) {
      std::string s;
      if (!GoUnquote(token.val, &s)) Errorf("invalid syntax");
      return s;
    }
    Unexpected(token, context);
  }

  Node* BlockControl() {
    return Nested([&] { return BlockControlImpl(); });
  }

  Node* BlockControlImpl() {
    const std::string context = "block clause";
    Item token = NextNonSpace();
    std::string name = ParseTemplateName(token, context);
    Node* pipe = Pipeline(context, ItemType::kRightDelim);
    std::vector<std::string> saved_vars = std::move(vars_);
    vars_ = {"$"};
    int saved_range = range_depth_;
    range_depth_ = 0;
    auto [root, end] = ItemList();
    if (end->type != NodeType::kEnd) Errorf("unexpected " + end->String() + " in " + context);
    Add(name, root, false);
    vars_ = std::move(saved_vars);
    range_depth_ = saved_range;
    Node* n = NewNode(NodeType::kTemplate, token.pos);
    n->line = token.line;
    n->text = std::move(name);
    n->pipe = pipe;
    return n;
  }

  Node* TemplateControl() {
    const std::string context = "template clause";
    Item token = NextNonSpace();
    std::string name = ParseTemplateName(token, context);
    Node* pipe = nullptr;
    if (NextNonSpace().type != ItemType::kRightDelim) {
      Backup();
      pipe = Pipeline(context, ItemType::kRightDelim);
    }
    Node* n = NewNode(NodeType::kTemplate, token.pos);
    n->line = token.line;
    n->text = std::move(name);
    n->pipe = pipe;
    return n;
  }

  Node* Command() {
    Node* cmd = NewNode(NodeType::kCommand, PeekNonSpace().pos);
    for (;;) {
      PeekNonSpace();
      Node* operand = Operand();
      if (operand != nullptr) cmd->nodes.push_back(operand);
      Item t = Next();
      if (t.type == ItemType::kSpace) continue;
      if (t.type == ItemType::kRightDelim || t.type == ItemType::kRightParen) {
        Backup();
      } else if (t.type != ItemType::kPipe) {
        Unexpected(t, "operand");
      }
      break;
    }
    if (cmd->nodes.empty()) Errorf("empty command");
    return cmd;
  }

  Node* Operand() {
    Node* node = Term();
    if (node == nullptr) return nullptr;
    if (Peek().type == ItemType::kField) {
      Node* chain = NewNode(NodeType::kChain, Peek().pos);
      chain->base = node;
      while (Peek().type == ItemType::kField) {
        Item f = Next();
        // Go's Chain.Add strips the leading '.' and splits on '.'
        std::string_view field = f.val;
        if (!field.empty() && field[0] == '.') field.remove_prefix(1);
        chain->idents.emplace_back(field);
      }
      switch (node->type) {
        case NodeType::kField: {
          Node* n = NewNode(NodeType::kField, chain->pos);
          n->idents = node->idents;
          for (auto& s : chain->idents) n->idents.push_back(s);
          return n;
        }
        case NodeType::kVariable: {
          Node* n = NewNode(NodeType::kVariable, chain->pos);
          n->idents = node->idents;
          for (auto& s : chain->idents) n->idents.push_back(s);
          return n;
        }
        case NodeType::kBool:
        case NodeType::kString:
        case NodeType::kNumber:
        case NodeType::kNil:
        case NodeType::kDot:
          Errorf("unexpected . after term " + GoQuote(node->String()));
        default: return chain;
      }
    }
    return node;
  }

  Node* NewVariable(int pos, const std::string& name) {
    Node* n = NewNode(NodeType::kVariable, pos);
    n->idents = Split(name, ".");
    return n;
  }

  Node* Term() {
    Item token = NextNonSpace();
    switch (token.type) {
      case ItemType::kIdentifier: {
        if (!has_function_(token.val)) Errorf("function " + GoQuote(token.val) + " not defined");
        Node* n = NewNode(NodeType::kIdentifier, token.pos);
        n->builtin = BuiltinId(token.val);
        n->text = std::move(token.val);
        return n;
      }
      case ItemType::kDot: return NewNode(NodeType::kDot, token.pos);
      case ItemType::kNil: return NewNode(NodeType::kNil, token.pos);
      case ItemType::kVariable: {
        Node* v = NewVariable(token.pos, token.val);
        for (const auto& name : vars_) {
          if (name == v->idents[0]) return v;
        }
        Errorf("undefined variable " + GoQuote(v->idents[0]));
      }
      case ItemType::kField: {
        Node* n = NewNode(NodeType::kField, token.pos);
        std::string_view f = token.val;
        f.remove_prefix(1);
        n->idents = Split(f, ".");
        return n;
      }
      case ItemType::kBool: {
        Node* n = NewNode(NodeType::kBool, token.pos);
        n->bool_value = token.val == "true";
        return n;
      }
      case ItemType::kCharConstant:
      case ItemType::kComplex:
      case ItemType::kNumber: return NewNumber(token);
      case ItemType::kLeftParen: {
        if (stack_depth_ >= 10000) Errorf("max expression depth exceeded");
        ++stack_depth_;
        Node* p = Nested([&] { return Pipeline("parenthesized pipeline", ItemType::kRightParen); });
        --stack_depth_;
        return p;
      }
      case ItemType::kString:
      case ItemType::kRawString: {
        std::string s;
        if (!GoUnquote(token.val, &s)) Errorf("invalid syntax");
        Node* n = NewNode(NodeType::kString, token.pos);
        n->quoted = std::move(token.val);
        n->text = std::move(s);
        return n;
      }
      default: break;
    }
    Backup();
    return nullptr;
  }

  Node* NewNumber(const Item& token) {
    Node* n = NewNode(NodeType::kNumber, token.pos);
    n->text = token.val;
    const std::string& text = token.val;
    if (token.type == ItemType::kCharConstant) {
      std::string s;
      if (!GoUnquote(text, &s)) {
        // Go's UnquoteChar succeeds on the first character and then reports the leftover tail.
        if (text.size() > 3 && text[1] != '\\') Errorf("malformed character constant: " + text);
        Errorf("invalid syntax");
      }
      int w;
      uint32_t r = DecodeRune(s, 0, &w);
      n->int64 = r;
      n->uint64 = r;
      n->float64 = r;
      n->is_int = n->is_uint = n->is_float = true;
      return n;
    }
    if (token.type == ItemType::kComplex) {
      n->is_complex = true;
      return n;
    }
    if (!text.empty() && text.back() == 'i') {
      double f;
      if (ParseFloatGo(std::string_view(text).substr(0, text.size() - 1), &f)) {
        n->is_complex = true;
        if (f == 0) {  // simplifyComplex: 0i is the number zero
          n->is_float = true;
          n->is_int = n->is_uint = true;
        }
        return n;
      }
    }
    uint64_t u;
    if (ParseUint0(text, &u)) {
      n->is_uint = true;
      n->uint64 = u;
    }
    int64_t i;
    if (ParseInt0(text, &i)) {
      n->is_int = true;
      n->int64 = i;
      if (i == 0) {
        n->is_uint = true;
        n->uint64 = 0;
      }
    }
    if (n->is_int) {
      n->is_float = true;
      n->float64 = static_cast<double>(n->int64);
    } else if (n->is_uint) {
      n->is_float = true;
      n->float64 = static_cast<double>(n->uint64);
    } else {
      double f;
      if (ParseFloatGo(text, &f)) {
        if (text.find_first_of(".eEpP") == std::string::npos) {
          Errorf("integer overflow: " + GoQuote(text));
        }
        n->is_float = true;
        n->float64 = f;
        if (f >= -9223372036854775808.0 && f < 9223372036854775808.0 &&
            static_cast<double>(static_cast<int64_t>(f)) == f) {
          n->is_int = true;
          n->int64 = static_cast<int64_t>(f);
        }
        if (f >= 0 && f < 18446744073709551616.0 && static_cast<double>(static_cast<uint64_t>(f)) == f) {
          n->is_uint = true;
          n->uint64 = static_cast<uint64_t>(f);
        }
      }
    }
    if (!n->is_int && !n->is_uint && !n->is_float) Errorf("illegal number syntax: " + GoQuote(text));
    return n;
  }

  std::string_view name_;
  std::shared_ptr<Source> src_;
  const std::function<bool(std::string_view)>& has_function_;
  Lexer lex_;
  std::vector<Tree>* trees_;
  Item token_[3];
  int peek_count_ = 0;
  std::vector<std::string> vars_;
  int action_line_ = 0;
  int range_depth_ = 0;
  int stack_depth_ = 0;
  int nesting_ = 0;
  static constexpr int kBigStackNesting = 200;
};

}  // namespace

Status ParseText(std::string_view name, std::string_view text,
                 const std::function<bool(std::string_view)>& has_function, std::vector<Tree>* trees) {
  auto src = std::make_shared<Source>();
  src->parse_name = std::string(name);
  src->text = std::string(text);
  trees->clear();
  try {
    Parser p(name, src, has_function, trees);
    p.ParseMain();
  } catch (const ParseError& e) {
    trees->clear();
    return Error(Code::kParse, e.message);
  }
  return OkStatus();
}

}  // namespace helm::tmpl
