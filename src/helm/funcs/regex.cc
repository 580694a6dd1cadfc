// Sprig's regex functions on RE2, which shares Go regexp's syntax and leftmost-first semantics. The
// match-iteration rules (empty matches, replacement expansion, Split) follow Go's regexp package.
#include <re2/re2.h>

#include <memory>
#include <mutex>
#include <unordered_map>

#include "helm/base/strings.h"
#include "helm/funcs/internal.h"

namespace helm::funcs::internal {
namespace {

std::string GoRegexpErrorCode(RE2::ErrorCode code) {
  switch (code) {
    case RE2::ErrorMissingParen:
      return "missing closing )";
    case RE2::ErrorMissingBracket:
      return "missing closing ]";
    case RE2::ErrorRepeatArgument:
      return "missing argument to repetition operator";
    case RE2::ErrorRepeatSize:
      return "invalid repeat count";
    case RE2::ErrorRepeatOp:
      return "invalid nested repetition operator";
    case RE2::ErrorBadEscape:
      return "invalid escape sequence";
    case RE2::ErrorBadCharClass:
      return "invalid character class";
    case RE2::ErrorBadCharRange:
      return "invalid character class range";
    case RE2::ErrorBadPerlOp:
      return "invalid or unsupported Perl syntax";
    case RE2::ErrorBadUTF8:
      return "invalid UTF-8";
    case RE2::ErrorBadNamedCapture:
      return "invalid named capture";
    case RE2::ErrorTrailingBackslash:
      return "trailing backslash at end of expression";
    case RE2::ErrorPatternTooLarge:
      return "expression too large";
    default:
      return "unexpected )";
  }
}

// regexp's quote(): backquoted when possible.
std::string RegexpQuote(std::string_view s) {
  bool can_backquote = true;
  for (size_t i = 0; i < s.size();) {
    int w = 1;
    uint32_t r = DecodeRune(s, i, &w);
    if ((r == 0xFFFD && w == 1) || r == '`' || r == 0xFEFF || (r < ' ' && r != '\t') || r == 0x7F) {
      can_backquote = false;
      break;
    }
    i += w;
  }
  if (can_backquote) return "`" + std::string(s) + "`";
  return GoQuote(s);
}

// Go (1.22+) accepts (?<name>re) as well as (?P<name>re); this RE2 knows only the latter.
std::string ToRe2Syntax(const std::string& expr) {
  if (expr.find("(?<") == std::string::npos) return expr;
  std::string out;
  bool in_class = false;
  for (size_t i = 0; i < expr.size(); ++i) {
    char c = expr[i];
    if (c == '\\' && i + 1 < expr.size()) {
      out.push_back(c);
      out.push_back(expr[++i]);
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
    } else if (c == '[') {
      in_class = true;
      out.push_back(c);
      // A ']' right after '[' or '[^' is a literal.
      if (i + 1 < expr.size() && expr[i + 1] == '^') out.push_back(expr[++i]);
      if (i + 1 < expr.size() && expr[i + 1] == ']') out.push_back(expr[++i]);
      continue;
    } else if (c == '(' && expr.compare(i, 3, "(?<") == 0 && i + 3 < expr.size() &&
               (std::isalpha(static_cast<unsigned char>(expr[i + 3])) || expr[i + 3] == '_')) {
      out += "(?P<";
      i += 2;
      continue;
    }
    out.push_back(c);
  }
  return out;
}

class RegexCache {
 public:
  // Returns the compiled regex or Go's compile error text.
  std::shared_ptr<const RE2> Get(const std::string& expr, std::string* err) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = cache_.find(expr);
      if (it != cache_.end()) {
        if (!it->second.second.empty()) *err = it->second.second;
        return it->second.first;
      }
    }
    RE2::Options opts;
    opts.set_log_errors(false);
    auto re = std::make_shared<const RE2>(ToRe2Syntax(expr), opts);
    std::string e;
    if (!re->ok()) {
      std::string arg = re->error_arg();
      e = "error parsing regexp: " + GoRegexpErrorCode(re->error_code()) + ": `" + arg + "`";
      re = nullptr;
      *err = e;
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (cache_.size() > 512) cache_.clear();
    cache_[expr] = {re, e};
    return re;
  }

 private:
  std::mutex mu_;
  std::unordered_map<std::string, std::pair<std::shared_ptr<const RE2>, std::string>> cache_;
};

RegexCache& Cache() {
  static RegexCache* cache = new RegexCache();
  return *cache;
}

// Compiles; `must` selects MustCompile's panic text for the non-must Sprig variants.
Result<std::shared_ptr<const RE2>> Compile(const std::string& expr, bool panic_style) {
  std::string err;
  auto re = Cache().Get(expr, &err);
  if (!re) {
    if (panic_style) return Fail("regexp: Compile(" + RegexpQuote(expr) + "): " + err);
    return Fail(err);
  }
  return re;
}

int RuneWidthAt(std::string_view s, size_t pos) {
  if (pos >= s.size()) return 1;
  int w = 1;
  DecodeRune(s, pos, &w);
  return w;
}

// One leftmost-first match at or after `pos`; groups[0] is the whole match.
bool MatchAt(const RE2& re, std::string_view s, size_t pos, std::vector<std::string_view>* groups) {
  int n = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> sp(n);
  bool ok = re.Match(re2::StringPiece(s.data(), s.size()), pos, s.size(), RE2::UNANCHORED, sp.data(), n);
  groups->assign(n, std::string_view());
  if (ok) {
    for (int i = 0; i < n; ++i) {
      if (sp[i].data() != nullptr) (*groups)[i] = std::string_view(sp[i].data(), sp[i].size());
    }
  }
  return ok;
}

size_t Off(std::string_view s, std::string_view part) { return static_cast<size_t>(part.data() - s.data()); }

// Go's allMatches: returns [start, end) pairs, at most n when n >= 0.
std::vector<std::pair<size_t, size_t>> AllMatches(const RE2& re, std::string_view s, int64_t n) {
  std::vector<std::pair<size_t, size_t>> out;
  if (n < 0) n = static_cast<int64_t>(s.size()) + 1;
  std::vector<std::string_view> g;
  int64_t prev_end = -1;
  size_t pos = 0;
  while (static_cast<int64_t>(out.size()) < n && pos <= s.size()) {
    if (!MatchAt(re, s, pos, &g)) break;
    size_t a0 = Off(s, g[0]), a1 = a0 + g[0].size();
    bool accept = true;
    if (a1 == pos) {
      if (static_cast<int64_t>(a0) == prev_end) accept = false;
      pos += pos < s.size() ? RuneWidthAt(s, pos) : 1;
    } else {
      pos = a1;
    }
    prev_end = static_cast<int64_t>(a1);
    if (accept) out.emplace_back(a0, a1);
  }
  return out;
}

// regexp.Regexp.Expand for ReplaceAllString templates.
void Expand(const RE2& re, std::string_view tmpl, std::string_view s, const std::vector<std::string_view>& g,
            std::string* out) {
  const auto& named = re.NamedCapturingGroups();
  while (!tmpl.empty()) {
    size_t i = tmpl.find('$');
    if (i == std::string_view::npos) break;
    out->append(tmpl.substr(0, i));
    tmpl.remove_prefix(i);
    if (tmpl.size() > 1 && tmpl[1] == '$') {
      out->push_back('$');
      tmpl.remove_prefix(2);
      continue;
    }
    // extract name
    std::string_view rest = tmpl.substr(1);
    bool brace = false;
    if (!rest.empty() && rest[0] == '{') {
      brace = true;
      rest.remove_prefix(1);
    }
    size_t k = 0;
    while (k < rest.size()) {
      int w = 1;
      uint32_t r = DecodeRune(rest, k, &w);
      if (!(IsLetterRune(r) || IsNumberRune(r) || r == '_')) break;
      k += w;
    }
    bool ok = k > 0;
    std::string_view name = rest.substr(0, k);
    rest.remove_prefix(k);
    if (ok && brace) {
      if (rest.empty() || rest[0] != '}') {
        ok = false;
      } else {
        rest.remove_prefix(1);
      }
    }
    if (!ok) {
      out->push_back('$');
      tmpl.remove_prefix(1);
      continue;
    }
    tmpl = rest;
    // Number?
    int64_t num = -1;
    bool all_digits = !name.empty();
    for (char c : name) all_digits = all_digits && c >= '0' && c <= '9';
    if (all_digits) {
      num = 0;
      for (char c : name) {
        num = num * 10 + (c - '0');
        if (num >= 100000000) {
          num = -2;
          break;
        }
      }
    }
    if (num >= 0) {
      if (num < static_cast<int64_t>(g.size()) && g[num].data() != nullptr) out->append(g[num]);
    } else if (num == -1) {
      auto it = named.find(std::string(name));
      if (it != named.end() && it->second < static_cast<int>(g.size()) && g[it->second].data() != nullptr) {
        out->append(g[it->second]);
      }
    }
  }
  out->append(tmpl);
}

std::string ReplaceAll(const RE2& re, std::string_view src, std::string_view repl, bool literal) {
  std::string buf;
  size_t last_end = 0, search = 0;
  std::vector<std::string_view> g;
  while (search <= src.size()) {
    if (!MatchAt(re, src, search, &g)) break;
    size_t a0 = Off(src, g[0]), a1 = a0 + g[0].size();
    buf.append(src.substr(last_end, a0 - last_end));
    if (a1 > last_end || a0 == 0) {
      if (literal) {
        buf.append(repl);
      } else {
        Expand(re, repl, src, g, &buf);
      }
    }
    last_end = a1;
    size_t width = search < src.size() ? RuneWidthAt(src, search) : 0;
    if (search + width > a1) {
      search += width;
    } else if (search + 1 > a1) {
      ++search;
    } else {
      search = a1;
    }
  }
  buf.append(src.substr(last_end));
  return buf;
}

std::vector<std::string> RegexSplit(const RE2& re, const std::string& expr, std::string_view s, int64_t n) {
  std::vector<std::string> out;
  if (n == 0) return out;
  if (!expr.empty() && s.empty()) return {""};
  auto matches = AllMatches(re, s, n);
  size_t beg = 0, end = 0;
  for (const auto& [m0, m1] : matches) {
    if (n > 0 && static_cast<int64_t>(out.size()) == n - 1) break;
    end = m0;
    if (m1 != 0) out.emplace_back(s.substr(beg, end - beg));
    beg = m1;
  }
  if (end != s.size()) out.emplace_back(s.substr(beg));
  return out;
}

}  // namespace

void RegisterRegex(FuncMap& m) {
  using A = ArgType;
  const auto kS = A::kString;
  const auto kI = A::kInt;
  for (bool must : {false, true}) {
    const std::string p = must ? "must" : "";
    auto name = [&](const char* base) {
      std::string n = base;
      if (must) n[0] = static_cast<char>(std::toupper(n[0]));
      return p + n;
    };
    Def(m, name("regexMatch"), {kS, kS}, [must](Args a, const CallInfo&) -> Result<Value> {
      std::string err;
      auto re = Cache().Get(a[0].as_string(), &err);
      if (!re) {
        if (must) return Fail(err);
        return Value(false);
      }
      return Value(RE2::PartialMatch(a[1].as_string(), *re));
    });
    // The non-must variants use MustCompile, whose panic the executor reports as an error.
    Def(m, name("regexFindAll"), {kS, kS, kI}, [must](Args a, const CallInfo&) -> Result<Value> {
      HELM_ASSIGN_OR_RETURN(auto re, Compile(a[0].as_string(), !must));
      const std::string& s = a[1].as_string();
      std::vector<std::string> out;
      if (a[2].as_int() == 0) return Value(ValueList{}, ListType::kString);
      for (const auto& [b, e] : AllMatches(*re, s, a[2].as_int())) out.push_back(s.substr(b, e - b));
      return StringList(std::move(out));
    });
    Def(m, name("regexFind"), {kS, kS}, [must](Args a, const CallInfo&) -> Result<Value> {
      HELM_ASSIGN_OR_RETURN(auto re, Compile(a[0].as_string(), !must));
      std::vector<std::string_view> g;
      if (!MatchAt(*re, a[1].as_string(), 0, &g)) return Value("");
      return Value(g[0]);
    });
    Def(m, name("regexReplaceAll"), {kS, kS, kS}, [must](Args a, const CallInfo&) -> Result<Value> {
      HELM_ASSIGN_OR_RETURN(auto re, Compile(a[0].as_string(), !must));
      return Value(ReplaceAll(*re, a[1].as_string(), a[2].as_string(), false));
    });
    Def(m, name("regexReplaceAllLiteral"), {kS, kS, kS}, [must](Args a, const CallInfo&) -> Result<Value> {
      HELM_ASSIGN_OR_RETURN(auto re, Compile(a[0].as_string(), !must));
      return Value(ReplaceAll(*re, a[1].as_string(), a[2].as_string(), true));
    });
    Def(m, name("regexSplit"), {kS, kS, kI}, [must](Args a, const CallInfo&) -> Result<Value> {
      HELM_ASSIGN_OR_RETURN(auto re, Compile(a[0].as_string(), !must));
      return StringList(RegexSplit(*re, a[0].as_string(), a[1].as_string(), a[2].as_int()));
    });
  }
  Def(m, "regexQuoteMeta", {kS}, [](Args a, const CallInfo&) -> Result<Value> {
    std::string out;
    for (char c : a[0].as_string()) {
      if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) out.push_back('\\');
      out.push_back(c);
    }
    return Value(std::move(out));
  });
}

}  // namespace helm::funcs::internal
