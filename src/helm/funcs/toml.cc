// fromToml: a TOML (1.0, plus the 1.1 escapes BurntSushi/toml v1.6.0 accepts) reader producing the values
// BurntSushi's Unmarshal into map[string]interface{} gives: int64, float64, bool, string, time.Time,
// []interface{} and maps. Errors follow its "toml: line N (last key "k"): message" form.
#include <cmath>
#include <limits>
#include <set>

#include "helm/base/strings.h"
#include "helm/funcs/funcs.h"
#include "helm/funcs/gotime.h"
#include "helm/funcs/internal.h"

namespace helm::funcs::internal {
namespace {

class TomlParser {
 public:
  explicit TomlParser(std::string_view s) : s_(s) {}

  Result<Value> Parse() {
    Value root = Value(ValueMap{});
    current_ = root;
    while (true) {
      SkipWsCommentsNewlines();
      if (AtEnd()) break;
      char c = s_[i_];
      if (c == '[') {
        bool array = i_ + 1 < s_.size() && s_[i_ + 1] == '[';
        i_ += array ? 2 : 1;
        SkipWs();
        HELM_ASSIGN_OR_RETURN(std::vector<std::string> keys, Key());
        SkipWs();
        if (!Consume(array ? "]]" : "]")) {
          return Err(array ? "expected end of table array name delimiter ']', but got " + Got() + " instead"
                           : "expected '.' or ']' to end table name, but got " + Got() + " instead");
        }
        last_key_.clear();  // BurntSushi reports table-header errors without a key
        HELM_RETURN_IF_ERROR(OpenTable(root, keys, array));
        HELM_RETURN_IF_ERROR(EndOfLine());
        continue;
      }
      HELM_ASSIGN_OR_RETURN(std::vector<std::string> keys, Key());
      last_key_ = Join(keys);
      SkipWs();
      if (AtEnd()) return Err("unexpected EOF; expected key separator '='");
      if (!Consume("=")) return Err("expected '.' or '=', but got " + Got() + " instead");
      SkipWs();
      HELM_ASSIGN_OR_RETURN(Value v, ParseValue());
      HELM_RETURN_IF_ERROR(SetKey(current_, keys, std::move(v)));
      last_key_.clear();
      HELM_RETURN_IF_ERROR(EndOfLine());
    }
    return root;
  }

 private:
  bool AtEnd() const { return i_ >= s_.size(); }
  int Line() const {
    int n = 1;
    for (size_t k = 0; k < i_ && k < s_.size(); ++k) n += s_[k] == '\n';
    return n;
  }
  Status Err(const std::string& msg) const {
    std::string prefix = "toml: line " + std::to_string(Line());
    if (!last_key_.empty()) prefix += " (last key " + GoQuote(last_key_) + ")";
    return Error(Code::kParse, prefix + ": " + msg);
  }
  std::string Got() const {
    if (AtEnd()) return "EOF";
    int w = 1;
    uint32_t r = DecodeRune(s_, i_, &w);
    std::string s;
    AppendUtf8(&s, r);
    return GoQuote(s).replace(0, 1, "'").replace(GoQuote(s).size() - 1, 1, "'");
  }
  bool Consume(std::string_view t) {
    if (s_.substr(i_, t.size()) == t) {
      i_ += t.size();
      return true;
    }
    return false;
  }
  void SkipWs() {
    while (!AtEnd() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
  }
  void SkipComment() {
    if (!AtEnd() && s_[i_] == '#') {
      while (!AtEnd() && s_[i_] != '\n') ++i_;
    }
  }
  void SkipWsCommentsNewlines() {
    while (!AtEnd()) {
      SkipWs();
      SkipComment();
      if (!AtEnd() && (s_[i_] == '\n' || (s_[i_] == '\r' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n'))) {
        i_ += s_[i_] == '\r' ? 2 : 1;
        continue;
      }
      break;
    }
  }
  Status EndOfLine() {
    SkipWs();
    SkipComment();
    if (AtEnd() || s_[i_] == '\n' || (s_[i_] == '\r' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n')) {
      return OkStatus();
    }
    return Err("expected a top-level item to end with a newline, comment, or EOF, but got " + Got() + " instead");
  }
  static std::string Join(const std::vector<std::string>& k) {
    std::string s;
    for (size_t i = 0; i < k.size(); ++i) s += (i ? "." : "") + k[i];
    return s;
  }

  Result<std::vector<std::string>> Key() {
    std::vector<std::string> keys;
    while (true) {
      SkipWs();
      if (AtEnd()) return Err("unexpected EOF; expected value");
      char c = s_[i_];
      if (c == '"' || c == '\'') {
        HELM_ASSIGN_OR_RETURN(std::string k, String());
        keys.push_back(std::move(k));
      } else {
        size_t st = i_;
        while (!AtEnd() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_' || s_[i_] == '-')) ++i_;
        if (st == i_) {
          if (c == '=') return Err("unexpected '=': key name appears blank");
          if (c == '.') return Err("unexpected '.': keys cannot start with a '.'");
          return Err("expected value but found " + Got() + " instead");
        }
        keys.emplace_back(s_.substr(st, i_ - st));
      }
      SkipWs();
      if (!AtEnd() && s_[i_] == '.') {
        ++i_;
        continue;
      }
      return keys;
    }
  }

  Status OpenTable(Value& root, const std::vector<std::string>& keys, bool array) {
    Value t = root;
    for (size_t k = 0; k + 1 < keys.size(); ++k) {
      ValueMap& m = t.mutable_map();
      auto it = m.find(keys[k]);
      if (it == m.end()) it = m.emplace(keys[k], Value(ValueMap{})).first;
      if (it->second.is_list() && !it->second.as_list().empty() && it->second.as_list().back().is_map()) {
        t = it->second.as_list().back();
        continue;
      }
      if (!it->second.is_map()) return Err("Key '" + Join(keys) + "' was already created as a hash.");
      t = it->second;
    }
    ValueMap& m = t.mutable_map();
    const std::string& last = keys.back();
    auto it = m.find(last);
    if (array) {
      Value table = Value(ValueMap{});
      if (it == m.end()) {
        m.emplace(last, Value(ValueList{table}));
      } else if (it->second.is_list()) {
        ValueList l = it->second.as_list();
        l.push_back(table);
        it->second = Value(std::move(l));
      } else {
        return Err("Key '" + Join(keys) + "' was already created and cannot be used as an array.");
      }
      current_ = table;
      return OkStatus();
    }
    if (it == m.end()) {
      it = m.emplace(last, Value(ValueMap{})).first;
    } else if (!it->second.is_map() || defined_.count(Join(keys))) {
      return Err("Key '" + Join(keys) + "' has already been defined.");
    }
    defined_.insert(Join(keys));
    current_ = it->second;
    return OkStatus();
  }

  Status SetKey(Value table, const std::vector<std::string>& keys, Value v) {
    for (size_t k = 0; k + 1 < keys.size(); ++k) {
      ValueMap& m = table.mutable_map();
      auto it = m.find(keys[k]);
      if (it == m.end()) it = m.emplace(keys[k], Value(ValueMap{})).first;
      if (!it->second.is_map()) return Err("Key '" + Join(keys) + "' has already been defined.");
      table = it->second;
    }
    ValueMap& m = table.mutable_map();
    if (m.count(keys.back())) return Err("Key '" + Join(keys) + "' has already been defined.");
    m.emplace(keys.back(), std::move(v));
    return OkStatus();
  }

  Result<Value> ParseValue() {
    if (AtEnd()) return Err("unexpected EOF; expected value");
    char c = s_[i_];
    if (c == '"' || c == '\'') {
      HELM_ASSIGN_OR_RETURN(std::string str, String());
      return Value(std::move(str));
    }
    if (c == '[') return Array();
    if (c == '{') return InlineTable();
    if (Consume("true")) return Value(true);
    if (Consume("false")) return Value(false);
    size_t st = i_;
    while (!AtEnd()) {
      char d = s_[i_];
      if (std::isalnum(static_cast<unsigned char>(d)) || d == '+' || d == '-' || d == '_' || d == '.' || d == ':') {
        ++i_;
      } else if (d == ' ' && i_ + 1 < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_ + 1])) &&
                 i_ - st == 10) {
        ++i_;  // "1979-05-27 07:32:00"
      } else {
        break;
      }
    }
    std::string tok(s_.substr(st, i_ - st));
    if (tok.empty()) {
      if (c == '\n' || c == '#') return Err("expected value but found " + Got() + " instead");
      return Err("expected value but found " + Got() + " instead");
    }
    return Scalar(tok);
  }

  Result<Value> Scalar(const std::string& tok) {
    if (tok == "inf" || tok == "+inf") return Value(std::numeric_limits<double>::infinity());
    if (tok == "-inf") return Value(-std::numeric_limits<double>::infinity());
    if (tok == "nan" || tok == "+nan" || tok == "-nan") return Value(std::numeric_limits<double>::quiet_NaN());
    if (tok.size() >= 8 && std::isdigit(static_cast<unsigned char>(tok[0])) &&
        (tok[4] == '-' || tok[2] == ':')) {
      return DateTime(tok);
    }
    std::string t = tok;
    bool prefixed = t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'o' || t[1] == 'b');
    if (prefixed) {
      int base = t[1] == 'x' ? 16 : (t[1] == 'o' ? 8 : 2);
      std::string digits;
      for (char ch : t.substr(2)) {
        if (ch != '_') digits.push_back(ch);
      }
      auto v = ParseGoInt(digits, base);
      if (!v) return Err("invalid integer: '" + tok + "'");
      return Value::Int64(*v);
    }
    if (t.find_first_of(".eE") == std::string::npos) {
      std::string digits;
      for (char ch : t) {
        if (ch != '_') digits.push_back(ch);
      }
      auto v = ParseGoInt(digits, 10);
      if (!v) {
        return Err("expected value but found '" + std::string(1, tok[0]) + "' instead");
      }
      return Value::Int64(*v);
    }
    std::string digits;
    for (char ch : t) {
      if (ch != '_') digits.push_back(ch);
    }
    auto f = ParseGoFloat(digits);
    if (!f) return Err("invalid float: '" + tok + "'");
    return Value(*f);
  }

  Result<Value> DateTime(const std::string& tok) {
    auto try_layout = [&](std::string_view layout, bool local) -> std::optional<Value> {
      auto t = gotime::ParseInLocation(layout, tok, local ? gotime::Zone::Local() : gotime::Zone::Utc());
      if (!t.ok()) return std::nullopt;
      return WrapTime(*t);
    };
    for (std::string_view layout :
         {"2006-01-02T15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999Z07:00",
          "2006-01-02T15:04Z07:00", "2006-01-02 15:04Z07:00"}) {
      if (auto v = try_layout(layout, false)) return *v;
    }
    for (std::string_view layout : {"2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999",
                                     "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02", "15:04:05.999999999",
                                     "15:04"}) {
      if (auto v = try_layout(layout, true)) return *v;
    }
    return Err("invalid datetime: \"" + tok + "\"");
  }

  Result<std::string> String() {
    char q = s_[i_];
    bool multi = s_.substr(i_, 3) == std::string(3, q);
    i_ += multi ? 3 : 1;
    if (multi && !AtEnd() && s_[i_] == '\n') ++i_;
    if (multi && s_.substr(i_, 2) == "\r\n") i_ += 2;
    std::string out;
    while (true) {
      if (AtEnd()) {
        return Err(q == '"' ? (multi ? "unexpected EOF; expected '\"\"\"'" : "unexpected EOF; expected '\"'")
                            : (multi ? "unexpected EOF; expected \"'''\"" : "unexpected EOF; expected \"'\""));
      }
      char c = s_[i_];
      if (multi && s_.substr(i_, 3) == std::string(3, q)) {
        size_t n = 0;
        while (i_ + n < s_.size() && s_[i_ + n] == q) ++n;
        if (n > 5) return Err(q == '"' ? "unexpected '\"\"\"\"\"\"'" : "unexpected \"\"");
        out.append(n - 3, q);  // up to two quotes right before the delimiter are content
        i_ += n;
        return out;
      }
      if (!multi && c == q) {
        ++i_;
        return out;
      }
      if (!multi && c == '\n') return Err("strings cannot contain newlines");
      if (q == '"' && c == '\\') {
        ++i_;
        if (AtEnd()) continue;
        char e = s_[i_++];
        switch (e) {
          case 'b': out.push_back('\b'); break;
          case 't': out.push_back('\t'); break;
          case 'n': out.push_back('\n'); break;
          case 'f': out.push_back('\f'); break;
          case 'r': out.push_back('\r'); break;
          case 'e': out.push_back('\x1b'); break;
          case '"': out.push_back('"'); break;
          case '\\': out.push_back('\\'); break;
          case 'x':
          case 'u':
          case 'U': {
            size_t n = e == 'x' ? 2 : (e == 'u' ? 4 : 8);
            std::string hex(s_.substr(i_, n));
            auto v = ParseGoInt(hex, 16);
            if (hex.size() != n || !v) return Err("invalid escape");
            i_ += n;
            AppendUtf8(&out, static_cast<uint32_t>(*v));
            break;
          }
          case ' ':
          case '\t':
          case '\r':
          case '\n':
            if (multi) {
              // Line-ending backslash: trim the newline and following whitespace.
              --i_;
              while (!AtEnd() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r' || s_[i_] == '\n')) ++i_;
              break;
            }
            [[fallthrough]];
          default:
            return Err("invalid escape in string '\\" + std::string(1, e) + "'");
        }
        continue;
      }
      out.push_back(c);
      ++i_;
    }
  }

  Result<Value> Array() {
    ++i_;
    ValueList l;
    while (true) {
      SkipWsCommentsNewlines();
      if (AtEnd()) return Err("unexpected EOF; expected value");
      if (s_[i_] == ']') {
        ++i_;
        return Value(std::move(l));
      }
      if (s_[i_] == ',') return Err("unexpected comma");
      HELM_ASSIGN_OR_RETURN(Value v, ParseValue());
      l.push_back(std::move(v));
      SkipWsCommentsNewlines();
      if (AtEnd()) return Err("expected a comma (',') or array terminator (']'), but got EOF");
      if (s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (s_[i_] == ']') continue;
      return Err("expected a comma (',') or array terminator (']'), but got " + Got());
    }
  }

  Result<Value> InlineTable() {
    ++i_;
    Value t = Value(ValueMap{});
    std::string saved = last_key_;
    while (true) {
      SkipWsCommentsNewlines();
      if (AtEnd()) return Err("unexpected EOF; expected value");
      if (s_[i_] == '}') {
        ++i_;
        last_key_ = saved;
        return t;
      }
      if (s_[i_] == ',') return Err("unexpected comma");
      HELM_ASSIGN_OR_RETURN(std::vector<std::string> keys, Key());
      last_key_ = saved.empty() ? Join(keys) : saved + "." + Join(keys);
      SkipWs();
      if (!Consume("=")) return Err("expected '.' or '=', but got " + Got() + " instead");
      SkipWs();
      HELM_ASSIGN_OR_RETURN(Value v, ParseValue());
      HELM_RETURN_IF_ERROR(SetKey(t, keys, std::move(v)));
      SkipWsCommentsNewlines();
      if (!AtEnd() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (!AtEnd() && s_[i_] == '}') continue;
      return Err("expected a comma or an inline table terminator '}', but got " + (AtEnd() ? "EOF" : Got()) +
                 " instead");
    }
  }

  std::string_view s_;
  size_t i_ = 0;
  std::string last_key_;
  Value current_;
  std::set<std::string> defined_;
};

}  // namespace

Result<Value> ParseToml(std::string_view text) { return TomlParser(text).Parse(); }

void RegisterToml(FuncMap& m) {
  Def(m, "fromToml", {ArgType::kString}, [](Args a, const CallInfo&) -> Result<Value> {
    auto v = ParseToml(a[0].as_string());
    if (!v.ok()) {
      ValueMap e;
      e["Error"] = Value(v.status().message());
      return Value(std::move(e));
    }
    return *v;
  });
}

}  // namespace helm::funcs::internal
