#include "helm/engine/files.h"

#include <map>

#include "helm/template/template.h"
#include "helm/yaml/yaml.h"

namespace helm::engine {
namespace {

using FileMap = std::map<std::string, std::string_view, std::less<>>;

bool GlobValid(std::string_view p);

std::string Base64(std::string_view in) {
  static const char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += kChars[(n >> 18) & 63];
    out += kChars[(n >> 12) & 63];
    out += kChars[(n >> 6) & 63];
    out += kChars[n & 63];
  }
  if (i + 1 == in.size()) {
    uint32_t n = uint8_t(in[i]) << 16;
    out += kChars[(n >> 18) & 63];
    out += kChars[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += kChars[(n >> 18) & 63];
    out += kChars[(n >> 12) & 63];
    out += kChars[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

Value Bytes(std::string_view data) {
  ValueList list;
  list.reserve(data.size());
  for (char c : data) list.emplace_back(static_cast<int64_t>(static_cast<uint8_t>(c)), IntType::kUint8);
  return Value(std::move(list), ListType::kBytes);
}

std::string_view BaseName(std::string_view p) {
  size_t slash = p.rfind('/');
  return slash == std::string_view::npos ? p : p.substr(slash + 1);
}

// Argument errors are kInvalidArgument: the executor reports them without "error calling NAME: ", as Go
// does for a method's arity and argument types.
Status StringArg(std::string_view method, std::span<const Value> args, std::string* out) {
  if (args.size() != 1) {
    return Error(Code::kInvalidArgument, "wrong number of args for " + std::string(method) + ": want 1 got " +
                                       std::to_string(args.size()));
  }
  if (!args[0].is_string()) {
    return Error(Code::kInvalidArgument, "wrong type for value; expected string; got " + args[0].TypeName());
  }
  *out = args[0].as_string();
  return OkStatus();
}

class Files : public Object {
 public:
  explicit Files(FileMap files) : files_(std::move(files)) {}

  std::string TypeName() const override { return "engine.files"; }
  std::string KindName() const override { return "map"; }
  bool Truth() const override { return !files_.empty(); }

  bool HasMethod(std::string_view name) const override {
    return name == "Get" || name == "GetBytes" || name == "Glob" || name == "AsConfig" || name == "AsSecrets" ||
           name == "Lines";
  }

  // files is a Go map: a field that is not a method is a key (missing keys give a nil []byte).
  std::optional<Value> Field(std::string_view name) const override {
    auto it = files_.find(name);
    return Bytes(it == files_.end() ? std::string_view() : it->second);
  }

  Result<Value> CallMethod(std::string_view name, std::span<const Value> args) const override {
    if (name == "AsConfig" || name == "AsSecrets") {
      if (!args.empty()) {
        return Error(Code::kInvalidArgument, "wrong number of args for " + std::string(name) + ": want 0 got " +
                                           std::to_string(args.size()));
      }
      ValueMap m;
      for (const auto& [k, v] : files_) {
        m[std::string(BaseName(k))] = name == "AsConfig" ? Value(std::string(v)) : Value(Base64(v));
      }
      std::string y = yaml::ToYaml(Value(std::move(m), MapType::kString));
      if (!y.empty() && y.back() == '\n') y.pop_back();
      return Value(std::move(y));
    }
    std::string arg;
    HELM_RETURN_IF_ERROR(StringArg(name, args, &arg));
    auto it = files_.find(arg);
    if (name == "Get") return Value(it == files_.end() ? std::string() : std::string(it->second));
    if (name == "GetBytes") return Bytes(it == files_.end() ? std::string_view() : it->second);
    if (name == "Glob") {
      bool valid = GlobValid(arg);
      FileMap matched;
      for (const auto& [k, v] : files_) {
        if (!valid || GlobMatch(arg, k, &valid)) matched.emplace(k, v);
      }
      return Value(std::make_shared<const Files>(std::move(matched)));
    }
    if (name == "Lines") {
      ValueList lines;
      if (it == files_.end()) return Value(std::move(lines), ListType::kString);
      std::string_view s = it->second;
      if (s.empty()) {
        // Helm indexes s[len(s)-1] unguarded; Go's template runtime turns the panic into this error.
        return Error(Code::kExecution, "runtime error: index out of range [-1]");
      }
      if (s.back() == '\n') s.remove_suffix(1);
      size_t start = 0;
      while (true) {
        size_t nl = s.find('\n', start);
        if (nl == std::string_view::npos) {
          lines.emplace_back(s.substr(start));
          break;
        }
        lines.emplace_back(s.substr(start, nl - start));
        start = nl + 1;
      }
      return Value(std::move(lines), ListType::kString);
    }
    return Error(Code::kInternal, "no method " + std::string(name));
  }

  std::string Format() const override { return tmpl::FormatValue(*AsPlainValue()); }

  std::optional<Value> AsPlainValue() const override {
    ValueMap m;
    for (const auto& [k, v] : files_) m[k] = Bytes(v);
    return Value(std::move(m));
  }

 private:
  FileMap files_;
};

// Finds the ']' closing a class that starts at p[i] == '['; npos when unclosed.
size_t ClassEnd(std::string_view p, size_t i) {
  size_t j = i + 1;
  if (j < p.size() && p[j] == '!') ++j;
  if (j < p.size() && p[j] == ']') ++j;  // a leading ']' is literal
  while (j < p.size() && p[j] != ']') {
    if (p[j] == '\\') ++j;
    ++j;
  }
  return j < p.size() ? j : std::string_view::npos;
}

// Finds the '}' matching p[i] == '{', splitting the top-level alternatives into *alts.
size_t BraceEnd(std::string_view p, size_t i, std::vector<std::string_view>* alts) {
  int depth = 0;
  size_t start = i + 1;
  for (size_t j = i; j < p.size(); ++j) {
    char c = p[j];
    if (c == '\\') {
      ++j;
      continue;
    }
    if (c == '[') {
      size_t e = ClassEnd(p, j);
      if (e == std::string_view::npos) return e;
      j = e;
      continue;
    }
    if (c == '{') {
      ++depth;
    } else if (c == '}') {
      if (--depth == 0) {
        alts->push_back(p.substr(start, j - start));
        return j;
      }
    } else if (c == ',' && depth == 1) {
      alts->push_back(p.substr(start, j - start));
      start = j + 1;
    }
  }
  return std::string_view::npos;
}

bool Match(std::string_view p, std::string_view s, bool* valid) {
  size_t pi = 0, si = 0;
  while (pi < p.size()) {
    char c = p[pi];
    if (c == '*') {
      bool super = pi + 1 < p.size() && p[pi + 1] == '*';
      std::string_view rest = p.substr(pi + (super ? 2 : 1));
      for (size_t k = si; k <= s.size(); ++k) {
        if (Match(rest, s.substr(k), valid)) return true;
        if (!*valid) return false;
        if (k < s.size() && !super && s[k] == '/') break;
      }
      return false;
    }
    if (c == '{') {
      std::vector<std::string_view> alts;
      size_t end = BraceEnd(p, pi, &alts);
      if (end == std::string_view::npos) {
        *valid = false;
        return false;
      }
      std::string_view rest = p.substr(end + 1);
      for (std::string_view alt : alts) {
        std::string candidate = std::string(alt) + std::string(rest);
        if (Match(candidate, s.substr(si), valid)) return true;
        if (!*valid) return false;
      }
      return false;
    }
    if (si >= s.size()) {
      // Still validate the remaining pattern's syntax.
      if (c == '[' && ClassEnd(p, pi) == std::string_view::npos) *valid = false;
      return false;
    }
    if (c == '?') {
      if (s[si] == '/') return false;
      ++pi;
      ++si;
      continue;
    }
    if (c == '[') {
      size_t end = ClassEnd(p, pi);
      if (end == std::string_view::npos) {
        *valid = false;
        return false;
      }
      size_t j = pi + 1;
      bool negate = j < end && p[j] == '!';
      if (negate) ++j;
      bool hit = false;
      while (j < end) {
        char lo = p[j];
        if (lo == '\\' && j + 1 < end) lo = p[++j];
        char hi = lo;
        if (j + 2 < end && p[j + 1] == '-') {
          hi = p[j + 2];
          j += 2;
        }
        if (s[si] >= lo && s[si] <= hi) hit = true;
        ++j;
      }
      if (hit == negate) return false;
      pi = end + 1;
      ++si;
      continue;
    }
    if (c == '\\' && pi + 1 < p.size()) c = p[++pi];
    if (s[si] != c) return false;
    ++pi;
    ++si;
  }
  return si == s.size();
}

// gobwas/glob refuses unclosed classes and braces; Helm then falls back to "**".
bool GlobValid(std::string_view p) {
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\') {
      ++i;
    } else if (p[i] == '[') {
      size_t e = ClassEnd(p, i);
      if (e == std::string_view::npos) return false;
      i = e;
    } else if (p[i] == '{') {
      std::vector<std::string_view> alts;
      size_t e = BraceEnd(p, i, &alts);
      if (e == std::string_view::npos) return false;
      i = e;
    }
  }
  return true;
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view name, bool* valid) {
  *valid = true;
  return Match(pattern, name, valid);
}

Value NewFiles(const std::vector<chart::File>& files) {
  FileMap m;
  for (const chart::File& f : files) m[f.name] = f.data;
  return Value(std::make_shared<const Files>(std::move(m)));
}

}  // namespace helm::engine
