#include "helm/values/schema.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "helm/base/strings.h"
#include "helm/values/internal.h"

namespace helm::values {
namespace {

// ---- exact decimals (jsonschema compares numbers as big.Rat) ----

// value = (neg ? -1 : 1) * digits * 10^exp; digits has no leading or trailing zeros ("" is zero).
struct Dec {
  bool neg = false;
  std::string digits;
  int64_t exp = 0;
};

bool ParseDec(std::string_view s, Dec* out) {
  Dec d;
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) d.neg = s[i++] == '-';
  std::string digits;
  int64_t exp = 0;
  bool any = false, point = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
      if (point) --exp;
      any = true;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      break;
    }
  }
  if (!any) return false;
  if (i < s.size()) {
    if (s[i] != 'e' && s[i] != 'E') return false;
    ++i;
    bool eneg = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) eneg = s[i++] == '-';
    if (i >= s.size()) return false;
    int64_t e = 0;
    for (; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      if (e < 1000000000) e = e * 10 + (s[i] - '0');
    }
    exp += eneg ? -e : e;
  }
  size_t lead = digits.find_first_not_of('0');
  if (lead == std::string::npos) {
    *out = Dec{};
    return true;
  }
  digits.erase(0, lead);
  size_t last = digits.find_last_not_of('0');
  exp += static_cast<int64_t>(digits.size() - 1 - last);
  digits.resize(last + 1);
  d.digits = std::move(digits);
  d.exp = exp;
  *out = std::move(d);
  return true;
}

std::optional<Dec> DecOf(const Value& v) {
  Dec d;
  if (v.is_int()) {
    std::string s = (v.int_type() == IntType::kUint64 || v.int_type() == IntType::kUint)
                        ? std::to_string(static_cast<uint64_t>(v.as_int()))
                        : std::to_string(v.as_int());
    if (ParseDec(s, &d)) return d;
  } else if (v.is_float() && std::isfinite(v.as_float())) {
    if (ParseDec(FormatFloat(v.as_float(), 'e', -1), &d)) return d;
  }
  return std::nullopt;
}

int CmpMagnitude(const Dec& a, const Dec& b) {
  if (a.digits.empty() || b.digits.empty()) return a.digits.empty() ? (b.digits.empty() ? 0 : -1) : 1;
  int64_t ma = static_cast<int64_t>(a.digits.size()) + a.exp, mb = static_cast<int64_t>(b.digits.size()) + b.exp;
  if (ma != mb) return ma < mb ? -1 : 1;
  size_t n = std::max(a.digits.size(), b.digits.size());
  for (size_t i = 0; i < n; ++i) {
    char ca = i < a.digits.size() ? a.digits[i] : '0';
    char cb = i < b.digits.size() ? b.digits[i] : '0';
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  return 0;
}

int CmpDec(const Dec& a, const Dec& b) {
  bool an = a.neg && !a.digits.empty(), bn = b.neg && !b.digits.empty();
  if (an != bn) return an ? -1 : 1;
  int m = CmpMagnitude(a, b);
  return an ? -m : m;
}

double ToDouble(const Dec& d) {
  if (d.digits.empty()) return 0;
  std::string s = (d.neg ? "-" : "") + d.digits + "e" + std::to_string(d.exp);
  return std::strtod(s.c_str(), nullptr);
}

// a / b is an integer (b != 0).
bool IsMultipleOf(const Dec& a, const Dec& b) {
  if (a.digits.empty()) return true;
  if (b.digits.empty()) return false;
  if (b.exp > a.exp) return false;  // a's last digit is non-zero, so b * 10^k cannot divide it
  if (b.digits.size() > 19) {
    double q = ToDouble(a) / ToDouble(b);
    return std::isfinite(q) && q == std::floor(q);
  }
  unsigned __int128 m = std::strtoull(b.digits.c_str(), nullptr, 10);
  unsigned __int128 r = 0;
  for (char c : a.digits) r = (r * 10 + static_cast<unsigned>(c - '0')) % m;
  for (int64_t z = a.exp - b.exp; z > 0 && r != 0; --z) r = (r * 10) % m;
  return r == 0;
}

// ---- JSON types ----

enum JsonType : unsigned {
  kInvalid = 0,
  kNullT = 1,
  kBooleanT = 2,
  kNumberT = 4,
  kIntegerT = 8,
  kStringT = 16,
  kArrayT = 32,
  kObjectT = 64,
};

const char* JsonTypeName(unsigned t) {
  switch (t) {
    case kNullT: return "null";
    case kBooleanT: return "boolean";
    case kNumberT: return "number";
    case kIntegerT: return "integer";
    case kStringT: return "string";
    case kArrayT: return "array";
    case kObjectT: return "object";
  }
  return "invalid";
}

unsigned TypeOf(const Value& v) {
  switch (v.kind()) {
    case Kind::kNull: return kNullT;
    case Kind::kBool: return kBooleanT;
    case Kind::kInt:
    case Kind::kFloat: return kNumberT;
    case Kind::kString: return kStringT;
    case Kind::kList: return kArrayT;
    case Kind::kMap: return kObjectT;
    case Kind::kObject: return kInvalid;
  }
  return kInvalid;
}

unsigned TypeFromString(std::string_view s) {
  if (s == "null") return kNullT;
  if (s == "boolean") return kBooleanT;
  if (s == "number") return kNumberT;
  if (s == "integer") return kIntegerT;
  if (s == "string") return kStringT;
  if (s == "array") return kArrayT;
  if (s == "object") return kObjectT;
  return 0;
}

std::string TypesToString(unsigned types) {
  std::string out;
  for (unsigned t : {kNullT, kBooleanT, kNumberT, kIntegerT, kStringT, kArrayT, kObjectT}) {
    if (types & t) {
      if (!out.empty()) out += " or ";
      out += JsonTypeName(t);
    }
  }
  return out;
}

bool IsInteger(const Value& v) {
  if (v.is_int()) return true;
  return v.is_float() && std::isfinite(v.as_float()) && v.as_float() == std::floor(v.as_float());
}

bool Equals(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) {
    std::optional<Dec> da = DecOf(a), db = DecOf(b);
    return da && db && CmpDec(*da, *db) == 0;
  }
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Kind::kNull: return true;
    case Kind::kBool: return a.as_bool() == b.as_bool();
    case Kind::kString: return a.as_string() == b.as_string();
    case Kind::kList: {
      const ValueList &x = a.as_list(), &y = b.as_list();
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i) {
        if (!Equals(x[i], y[i])) return false;
      }
      return true;
    }
    case Kind::kMap: {
      const ValueMap &x = a.as_map(), &y = b.as_map();
      if (x.size() != y.size()) return false;
      for (const auto& [k, v] : x) {
        auto it = y.find(k);
        if (it == y.end() || !Equals(v, it->second)) return false;
      }
      return true;
    }
    default: return false;
  }
}

// jsonschema's quote(): Go %q with \" unescaped and ' escaped, in single quotes.
std::string Quote(std::string_view s) {
  std::string q = GoQuote(s);
  std::string inner = q.substr(1, q.size() - 2);
  std::string out = "'";
  for (size_t i = 0; i < inner.size(); ++i) {
    if (inner[i] == '\\' && i + 1 < inner.size()) {
      if (inner[i + 1] == '"') {
        out.push_back('"');
      } else {
        out.push_back('\\');
        out.push_back(inner[i + 1]);
      }
      ++i;
    } else if (inner[i] == '\'') {
      out += "\\'";
    } else {
      out.push_back(inner[i]);
    }
  }
  out.push_back('\'');
  return out;
}

std::string JoinQuoted(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += ", ";
    out += Quote(s);
  }
  return out;
}

// jsonschema's display(): strings quoted, containers "value", the rest as Go's %v.
std::string Display(const Value& v) {
  if (v.is_string()) return Quote(v.as_string());
  if (v.is_list() || v.is_map()) return "value";
  return internal::FormatGo(v);
}

std::string EscapeToken(std::string_view tok) {
  std::string out;
  for (char c : tok) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// ---- formats (asserted for drafts 4, 6 and 7, as jsonschema v6 does) ----

// Go's %q of a rune.
std::string QuoteRune(uint32_t r) {
  std::string one;
  AppendUtf8(&one, r);
  std::string q = GoQuote(one);
  std::string inner = q.substr(1, q.size() - 2);
  if (inner == "\\\"") inner = "\"";
  if (inner == "'") inner = "\\'";
  return "'" + inner + "'";
}

std::optional<std::string> CheckIpv4(std::string_view s) {
  std::vector<std::string> groups = Split(s, ".");
  if (groups.size() != 4) return "expected four decimals";
  for (const std::string& g : groups) {
    if (g.size() > 1 && g[0] == '0') return "leading zeros";
    std::string_view d = g;
    bool neg = false;
    if (!d.empty() && (d[0] == '+' || d[0] == '-')) {
      neg = d[0] == '-';
      d.remove_prefix(1);
    }
    bool ok = !d.empty() && d.size() < 19;
    int64_t n = 0;
    for (char c : d) {
      ok = ok && c >= '0' && c <= '9';
      if (ok) n = n * 10 + (c - '0');
    }
    if (!ok) {
      bool digits = !d.empty();
      for (char c : d) digits = digits && c >= '0' && c <= '9';
      return "strconv.Atoi: parsing " + GoQuote(g) + (digits ? ": value out of range" : ": invalid syntax");
    }
    if (neg) n = -n;
    if (n < 0 || n > 255) return "decimal must be between 0 and 255";
  }
  return std::nullopt;
}

std::optional<std::string> CheckHostname(std::string_view s) {
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  if (s.size() > 253) return "more than 253 characters long";
  for (const std::string& label : Split(s, ".")) {
    if (label.empty() || label.size() > 63) return "label must be 1 to 63 characters long";
    if (label.front() == '-') return "label starts with hyphen";
    if (label.back() == '-') return "label ends with hyphen";
    for (size_t i = 0; i < label.size();) {
      int w = 1;
      uint32_t r = DecodeRune(label, i, &w);
      i += w;
      bool ok = (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') || r == '-';
      if (!ok) return "invalid character " + QuoteRune(r);
    }
  }
  return std::nullopt;
}

std::optional<std::string> CheckEmail(std::string_view s) {
  if (s.size() > 254) return "more than 255 characters long";
  size_t at = s.rfind('@');
  if (at == std::string_view::npos) return "missing @";
  std::string_view local = s.substr(0, at), domain = s.substr(at + 1);
  if (local.size() > 64) return "local part more than 64 characters long";
  if (local.size() > 1 && local[0] == '"') {
    std::string_view inner = local.substr(1, local.size() - 2);
    if (inner.find('\\') != std::string_view::npos || inner.find('"') != std::string_view::npos) {
      return "backslash and quote are not allowed within quoted local part";
    }
  } else {
    if (!local.empty() && local.front() == '.') return "starts with dot";
    if (!local.empty() && local.back() == '.') return "ends with dot";
    if (local.find("..") != std::string_view::npos) return "consecutive dots";
    static constexpr std::string_view kSpecial = ".!#$%&'*+-/=?^_`{|}~";
    for (size_t i = 0; i < local.size();) {
      int w = 1;
      uint32_t r = DecodeRune(local, i, &w);
      i += w;
      bool ok = (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') ||
                (r < 0x80 && kSpecial.find(static_cast<char>(r)) != std::string_view::npos);
      if (!ok) return "invalid character " + QuoteRune(r);
    }
  }
  if (domain.size() >= 2 && domain.front() == '[' && domain.back() == ']') {
    domain = domain.substr(1, domain.size() - 2);
    if (domain.substr(0, 5) == "IPv6:") return std::nullopt;  // IPv6 literals are not checked here
    if (std::optional<std::string> e = CheckIpv4(domain)) return "invalid ipv4 address: " + *e;
    return std::nullopt;
  }
  if (std::optional<std::string> e = CheckHostname(domain)) return "invalid domain: " + *e;
  return std::nullopt;
}

std::optional<std::string> CheckUuid(std::string_view s) {
  static constexpr size_t kGroups[] = {8, 4, 4, 4, 12};
  std::vector<std::string> groups = Split(s, "-");
  if (groups.size() != 5) return "must have " + PrinterInt(5) + " elements";
  for (size_t i = 0; i < groups.size(); ++i) {
    if (groups[i].size() != kGroups[i]) {
      return "element " + PrinterInt(i + 1) + " must be " + PrinterInt(kGroups[i]) + " characters long";
    }
    for (size_t j = 0; j < groups[i].size();) {
      int w = 1;
      uint32_t r = DecodeRune(groups[i], j, &w);
      j += w;
      bool hex = (r >= '0' && r <= '9') || (r >= 'a' && r <= 'f') || (r >= 'A' && r <= 'F');
      if (!hex) return "non-hex character " + QuoteRune(r);
    }
  }
  return std::nullopt;
}

using FormatCheck = std::optional<std::string> (*)(std::string_view);

FormatCheck FormatFor(std::string_view name) {
  if (name == "ipv4") return CheckIpv4;
  if (name == "hostname") return CheckHostname;
  if (name == "email") return CheckEmail;
  if (name == "uuid") return CheckUuid;
  return nullptr;
}

// ---- compiled schema ----

struct Node;
using NodeRef = const Node*;

enum class AddKind { kNone, kBool, kSchema };

struct Additional {
  AddKind kind = AddKind::kNone;
  bool allowed = true;
  NodeRef schema = nullptr;
};

struct PatternProp {
  std::unique_ptr<RE2> re;
  NodeRef schema = nullptr;
};

struct Node {
  std::optional<bool> boolean;
  std::string format_name;
  FormatCheck format = nullptr;
  int draft = 2020;
  NodeRef ref = nullptr;
  unsigned types = 0;
  std::optional<Value> const_value;
  bool has_enum = false;
  ValueList enum_values;
  unsigned enum_types = 0;
  std::vector<NodeRef> all_of, any_of, one_of;
  NodeRef not_schema = nullptr;
  bool items_is_array = false;
  NodeRef items = nullptr;
  std::vector<NodeRef> items_array;
  Additional additional_items;
  std::vector<NodeRef> prefix_items;
  NodeRef items2020 = nullptr;
  std::map<std::string, NodeRef, std::less<>> properties;
  std::vector<PatternProp> pattern_properties;
  Additional additional_properties;
  std::map<std::string, std::vector<std::string>> dependencies_required;
  std::map<std::string, NodeRef> dependencies_schema;
  std::optional<Dec> multiple_of, maximum, exclusive_maximum, minimum, exclusive_minimum;
  std::optional<int64_t> min_length, max_length, min_items, max_items, min_properties, max_properties, min_contains,
      max_contains;
  std::unique_ptr<RE2> pattern;
  std::string pattern_source;
  bool unique_items = false;
  std::vector<std::string> required;
  NodeRef contains = nullptr;
  NodeRef property_names = nullptr;
  NodeRef if_schema = nullptr, then_schema = nullptr, else_schema = nullptr;
  std::map<std::string, std::vector<std::string>> dependent_required;
  std::map<std::string, NodeRef> dependent_schemas;
  NodeRef unevaluated_properties = nullptr;
};

int DraftOf(const Value& root) {
  const Value* s = root.Find("$schema");
  if (s == nullptr || !s->is_string()) return 2020;
  const std::string& url = s->as_string();
  if (url.find("draft-04") != std::string::npos) return 4;
  if (url.find("draft-06") != std::string::npos) return 6;
  if (url.find("draft-07") != std::string::npos) return 7;
  if (url.find("2019-09") != std::string::npos) return 2019;
  return 2020;
}

class Compiler {
 public:
  explicit Compiler(Value root) : root_(std::move(root)), draft_(DraftOf(root_)) {}

  Result<NodeRef> CompileRoot() { return CompileAt(root_, ""); }
  // Whether any schema uses unevaluatedProperties (then anyOf must try every branch, as jsonschema does).
  bool uses_unevaluated() const { return uses_unevaluated_; }

 private:
  Result<NodeRef> CompileAt(const Value& v, const std::string& ptr) {
    if (auto it = nodes_.find(ptr); it != nodes_.end()) return static_cast<NodeRef>(it->second.get());
    if (++depth_ > kMaxDepth) return Error(Code::kParse, "jsonschema: schema nesting too deep");
    struct Leave {
      int* d;
      ~Leave() { --*d; }
    } leave{&depth_};
    auto owned = std::make_unique<Node>();
    Node* n = owned.get();
    nodes_.emplace(ptr, std::move(owned));
    HELM_RETURN_IF_ERROR(Fill(n, v, ptr));
    return static_cast<NodeRef>(n);
  }

  Result<NodeRef> Sub(const Value& obj, std::string_view key, const std::string& ptr) {
    const Value* v = obj.Find(key);
    if (v == nullptr) return static_cast<NodeRef>(nullptr);
    return CompileAt(*v, ptr + "/" + EscapeToken(key));
  }

  Status SubArray(const Value& obj, std::string_view key, const std::string& ptr, std::vector<NodeRef>* out) {
    const Value* v = obj.Find(key);
    if (v == nullptr || !v->is_list()) return OkStatus();
    for (size_t i = 0; i < v->as_list().size(); ++i) {
      HELM_ASSIGN_OR_RETURN(NodeRef n, CompileAt(v->as_list()[i], ptr + "/" + EscapeToken(key) + "/" + std::to_string(i)));
      out->push_back(n);
    }
    return OkStatus();
  }

  Status SubAdditional(const Value& obj, std::string_view key, const std::string& ptr, Additional* out) {
    const Value* v = obj.Find(key);
    if (v == nullptr) return OkStatus();
    if (v->is_bool()) {
      out->kind = AddKind::kBool;
      out->allowed = v->as_bool();
      return OkStatus();
    }
    HELM_ASSIGN_OR_RETURN(out->schema, CompileAt(*v, ptr + "/" + EscapeToken(key)));
    out->kind = AddKind::kSchema;
    return OkStatus();
  }

  static std::optional<Dec> Num(const Value& obj, std::string_view key) {
    const Value* v = obj.Find(key);
    if (v == nullptr || !v->is_number()) return std::nullopt;
    return DecOf(*v);
  }
  static std::optional<int64_t> Int(const Value& obj, std::string_view key) {
    const Value* v = obj.Find(key);
    if (v == nullptr || !v->is_number()) return std::nullopt;
    return v->is_int() ? v->as_int() : static_cast<int64_t>(v->as_float());
  }
  static bool Bool(const Value& obj, std::string_view key) {
    const Value* v = obj.Find(key);
    return v != nullptr && v->is_bool() && v->as_bool();
  }
  static std::vector<std::string> Strings(const Value& list) {
    std::vector<std::string> out;
    if (!list.is_list()) return out;
    for (const Value& e : list.as_list()) {
      if (e.is_string()) out.push_back(e.as_string());
    }
    return out;
  }

  static Result<std::unique_ptr<RE2>> Regex(const std::string& pattern) {
    RE2::Options opts;
    opts.set_log_errors(false);
    auto re = std::make_unique<RE2>(pattern, opts);
    if (!re->ok()) {
      return Error(Code::kParse, "invalid regex " + GoQuote(pattern) + ": " + re->error());
    }
    return re;
  }

  Status Fill(Node* n, const Value& v, const std::string& ptr) {
    n->draft = draft_;
    if (v.is_bool()) {
      n->boolean = v.as_bool();
      return OkStatus();
    }
    if (!v.is_map()) {
      return Error(Code::kParse, "jsonschema: invalid schema at " + Quote("file:///values.schema.json#" + ptr));
    }
    if (const Value* r = v.Find("$ref"); r != nullptr && r->is_string()) {
      HELM_ASSIGN_OR_RETURN(n->ref, ResolveRef(r->as_string()));
      if (draft_ < 2019) return OkStatus();  // other keywords beside $ref are ignored
    }
    HELM_RETURN_IF_ERROR(SubArray(v, "allOf", ptr, &n->all_of));
    HELM_RETURN_IF_ERROR(SubArray(v, "anyOf", ptr, &n->any_of));
    HELM_RETURN_IF_ERROR(SubArray(v, "oneOf", ptr, &n->one_of));
    HELM_ASSIGN_OR_RETURN(n->not_schema, Sub(v, "not", ptr));
    if (draft_ < 2020) {
      if (const Value* items = v.Find("items"); items != nullptr) {
        if (items->is_list()) {
          n->items_is_array = true;
          HELM_RETURN_IF_ERROR(SubArray(v, "items", ptr, &n->items_array));
          HELM_RETURN_IF_ERROR(SubAdditional(v, "additionalItems", ptr, &n->additional_items));
        } else {
          HELM_ASSIGN_OR_RETURN(n->items, Sub(v, "items", ptr));
        }
      }
    }
    if (const Value* props = v.Find("properties"); props != nullptr && props->is_map()) {
      for (const auto& [name, sub] : props->as_map()) {
        HELM_ASSIGN_OR_RETURN(NodeRef s, CompileAt(sub, ptr + "/properties/" + EscapeToken(name)));
        n->properties.emplace(name, s);
      }
    }
    if (const Value* pp = v.Find("patternProperties"); pp != nullptr && pp->is_map()) {
      for (const auto& [pattern, sub] : pp->as_map()) {
        PatternProp p;
        HELM_ASSIGN_OR_RETURN(p.re, Regex(pattern));
        HELM_ASSIGN_OR_RETURN(p.schema, CompileAt(sub, ptr + "/patternProperties/" + EscapeToken(pattern)));
        n->pattern_properties.push_back(std::move(p));
      }
    }
    HELM_RETURN_IF_ERROR(SubAdditional(v, "additionalProperties", ptr, &n->additional_properties));
    if (const Value* deps = v.Find("dependencies"); deps != nullptr && deps->is_map()) {
      for (const auto& [name, dep] : deps->as_map()) {
        if (dep.is_list()) {
          n->dependencies_required.emplace(name, Strings(dep));
        } else {
          HELM_ASSIGN_OR_RETURN(NodeRef s, CompileAt(dep, ptr + "/dependencies/" + EscapeToken(name)));
          n->dependencies_schema.emplace(name, s);
        }
      }
    }
    if (const Value* t = v.Find("type"); t != nullptr) {
      if (t->is_string()) {
        n->types = TypeFromString(t->as_string());
      } else if (t->is_list()) {
        for (const Value& e : t->as_list()) {
          if (e.is_string()) n->types |= TypeFromString(e.as_string());
        }
      }
    }
    if (const Value* e = v.Find("enum"); e != nullptr && e->is_list()) {
      n->has_enum = true;
      n->enum_values = e->as_list();
      for (const Value& item : n->enum_values) n->enum_types |= TypeOf(item);
    }
    n->multiple_of = Num(v, "multipleOf");
    n->maximum = Num(v, "maximum");
    if (Bool(v, "exclusiveMaximum")) {
      n->exclusive_maximum = n->maximum;
      n->maximum.reset();
    } else {
      n->exclusive_maximum = Num(v, "exclusiveMaximum");
    }
    n->minimum = Num(v, "minimum");
    if (Bool(v, "exclusiveMinimum")) {
      n->exclusive_minimum = n->minimum;
      n->minimum.reset();
    } else {
      n->exclusive_minimum = Num(v, "exclusiveMinimum");
    }
    n->min_length = Int(v, "minLength");
    n->max_length = Int(v, "maxLength");
    if (const Value* p = v.Find("pattern"); p != nullptr && p->is_string()) {
      HELM_ASSIGN_OR_RETURN(n->pattern, Regex(p->as_string()));
      n->pattern_source = p->as_string();
    }
    if (const Value* f = v.Find("format"); f != nullptr && f->is_string() && draft_ < 2019) {
      n->format_name = f->as_string();
      n->format = FormatFor(n->format_name);
    }
    n->min_items = Int(v, "minItems");
    n->max_items = Int(v, "maxItems");
    n->unique_items = Bool(v, "uniqueItems");
    n->max_properties = Int(v, "maxProperties");
    n->min_properties = Int(v, "minProperties");
    if (const Value* r = v.Find("required"); r != nullptr) n->required = Strings(*r);
    if (draft_ >= 6) {
      HELM_ASSIGN_OR_RETURN(n->contains, Sub(v, "contains", ptr));
      HELM_ASSIGN_OR_RETURN(n->property_names, Sub(v, "propertyNames", ptr));
      if (const Value* c = v.Find("const"); c != nullptr) n->const_value = *c;
    }
    if (draft_ >= 7) {
      if (const Value* i = v.Find("if"); i != nullptr) {
        HELM_ASSIGN_OR_RETURN(n->if_schema, Sub(v, "if", ptr));
        if (!i->is_bool() || i->as_bool()) {
          HELM_ASSIGN_OR_RETURN(n->then_schema, Sub(v, "then", ptr));
        }
        if (!i->is_bool() || !i->as_bool()) {
          HELM_ASSIGN_OR_RETURN(n->else_schema, Sub(v, "else", ptr));
        }
      }
    }
    if (draft_ >= 2019) {
      if (n->contains != nullptr) {
        n->min_contains = Int(v, "minContains");
        n->max_contains = Int(v, "maxContains");
      }
      if (const Value* dr = v.Find("dependentRequired"); dr != nullptr && dr->is_map()) {
        for (const auto& [name, list] : dr->as_map()) {
          if (list.is_list()) n->dependent_required.emplace(name, Strings(list));
        }
      }
      if (const Value* ds = v.Find("dependentSchemas"); ds != nullptr && ds->is_map()) {
        for (const auto& [name, sub] : ds->as_map()) {
          HELM_ASSIGN_OR_RETURN(NodeRef s, CompileAt(sub, ptr + "/dependentSchemas/" + EscapeToken(name)));
          n->dependent_schemas.emplace(name, s);
        }
      }
    }
    if (draft_ >= 2019) {
      HELM_ASSIGN_OR_RETURN(n->unevaluated_properties, Sub(v, "unevaluatedProperties", ptr));
      if (n->unevaluated_properties != nullptr) uses_unevaluated_ = true;
    }
    if (draft_ >= 2020) {
      HELM_RETURN_IF_ERROR(SubArray(v, "prefixItems", ptr, &n->prefix_items));
      HELM_ASSIGN_OR_RETURN(n->items2020, Sub(v, "items", ptr));
    }
    return OkStatus();
  }

  static std::string PercentDecode(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '%' && i + 2 < s.size()) {
        auto hex = [](char c) {
          if (c >= '0' && c <= '9') return c - '0';
          if (c >= 'a' && c <= 'f') return c - 'a' + 10;
          if (c >= 'A' && c <= 'F') return c - 'A' + 10;
          return -1;
        };
        int h = hex(s[i + 1]), l = hex(s[i + 2]);
        if (h >= 0 && l >= 0) {
          out.push_back(static_cast<char>(h * 16 + l));
          i += 2;
          continue;
        }
      }
      out.push_back(s[i]);
    }
    return out;
  }

  void CollectAnchors(const Value& v, const std::string& ptr) {
    if (v.is_map()) {
      if (draft_ >= 2019) {
        if (const Value* a = v.Find("$anchor"); a != nullptr && a->is_string()) {
          anchors_.emplace(a->as_string(), Anchor{&v, ptr});
        }
      } else {
        const Value* id = v.Find(draft_ == 4 ? "id" : "$id");
        if (id != nullptr && id->is_string() && !id->as_string().empty() && id->as_string()[0] == '#') {
          anchors_.emplace(id->as_string().substr(1), Anchor{&v, ptr});
        }
      }
      for (const auto& [k, e] : v.as_map()) CollectAnchors(e, ptr + "/" + EscapeToken(k));
    } else if (v.is_list()) {
      for (size_t i = 0; i < v.as_list().size(); ++i) CollectAnchors(v.as_list()[i], ptr + "/" + std::to_string(i));
    }
  }

  Result<NodeRef> ResolveRef(const std::string& ref) {
    auto unsupported = [&] {
      return Error(Code::kUnsupported, "jsonschema: unsupported $ref " + Quote(ref) +
                                           " (only references within values.schema.json are supported)");
    };
    std::string_view r = ref;
    // The document's own URL (Helm registers it as file:///values.schema.json), its $id, or the
    // relative name of the file all refer to this document.
    std::vector<std::string> selves = {"file:///values.schema.json", "values.schema.json"};
    if (const Value* id = root_.Find(draft_ == 4 ? "id" : "$id"); id != nullptr && id->is_string()) {
      std::string_view base = id->as_string();
      base = base.substr(0, base.find('#'));
      if (!base.empty()) selves.insert(selves.begin(), std::string(base));
    }
    for (const std::string& self : selves) {
      if (r.substr(0, self.size()) == self && (r.size() == self.size() || r[self.size()] == '#')) {
        r.remove_prefix(self.size());
        break;
      }
    }
    if (r.empty() || r == "#") return CompileAt(root_, "");
    if (r[0] != '#') return unsupported();
    std::string frag = PercentDecode(r.substr(1));
    if (!frag.empty() && frag[0] != '/') {
      if (!anchors_collected_) {
        CollectAnchors(root_, "");
        anchors_collected_ = true;
      }
      auto it = anchors_.find(frag);
      if (it == anchors_.end()) return unsupported();
      return CompileAt(*it->second.value, it->second.ptr);
    }
    const Value* target = &root_;
    std::string ptr;
    for (const std::string& raw : Split(frag.substr(1), "/")) {
      std::string tok;
      for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
          tok.push_back(raw[i + 1] == '0' ? '~' : '/');
          ++i;
        } else {
          tok.push_back(raw[i]);
        }
      }
      target = Step(*target, tok);
      if (target == nullptr) {
        return Error(Code::kParse, "jsonschema: " + Quote("file:///values.schema.json" + ref) + " not found");
      }
      ptr += "/" + EscapeToken(tok);
    }
    return CompileAt(*target, ptr);
  }

  static const Value* Step(const Value& v, const std::string& tok) {
    if (v.is_map()) return v.Find(tok);
    if (v.is_list()) {
      char* end = nullptr;
      long i = std::strtol(tok.c_str(), &end, 10);
      if (tok.empty() || *end != '\0' || i < 0 || static_cast<size_t>(i) >= v.as_list().size()) return nullptr;
      return &v.as_list()[i];
    }
    return nullptr;
  }

  static constexpr int kMaxDepth = 2000;
  bool uses_unevaluated_ = false;
  Value root_;
  int draft_;
  int depth_ = 0;
  std::map<std::string, std::unique_ptr<Node>> nodes_;
  struct Anchor {
    const Value* value;  // points into root_
    std::string ptr;
  };
  std::map<std::string, Anchor> anchors_;
  bool anchors_collected_ = false;
};

// ---- validation ----

struct VErr {
  std::vector<std::string> loc;
  std::string msg;
  std::vector<VErr> causes;
  bool reference = false;
  bool group = false;
};

using Errs = std::vector<VErr>;
using Loc = std::vector<std::string>;

class Validator {
 public:
  explicit Validator(bool track_unevaluated) : track_unevaluated_(track_unevaluated) {}

  // Validates v against s. Also records in last_evaluated_ the properties of v that s evaluated (for
  // unevaluatedProperties), which in-place applicators merge into their caller's set on success.
  std::optional<VErr> Validate(NodeRef s, const Value& v, const Loc& loc, bool bool_result, int depth) {
    std::set<std::string> evaluated;
    std::set<std::string>* saved = current_evaluated_;
    current_evaluated_ = &evaluated;
    std::optional<VErr> err = ValidateImpl(s, v, loc, bool_result, depth);
    current_evaluated_ = saved;
    last_evaluated_ = std::move(evaluated);
    return err;
  }

 private:
  bool track_unevaluated_;
  std::set<std::string>* current_evaluated_ = nullptr;
  std::set<std::string> last_evaluated_;

  std::optional<VErr> ValidateImpl(NodeRef s, const Value& v, const Loc& loc, bool bool_result, int depth) {
    if (s->boolean) {
      if (*s->boolean) return std::nullopt;
      return Make(loc, "false schema", bool_result);
    }
    if (depth > 1000) return Make(loc, "reference cycle or nesting too deep", bool_result);
    unsigned t = TypeOf(v);
    if (t == kInvalid) return Make(loc, "invalid jsonType " + v.TypeName(), bool_result);
    if (s->types != 0) {
      bool matched = (s->types & t) || ((s->types & kIntegerT) && t == kNumberT && IsInteger(v));
      if (!matched) {
        return Make(loc, std::string("got ") + JsonTypeName(t) + ", want " + TypesToString(s->types), bool_result);
      }
    }
    if (s->const_value && !Equals(v, *s->const_value)) {
      const Value& want = *s->const_value;
      return Make(loc, (want.is_list() || want.is_map()) ? "'const' failed" : "value must be " + Display(want),
                  bool_result);
    }
    if (s->has_enum) {
      bool matched = false;
      if (s->enum_types & t) {
        for (const Value& item : s->enum_values) {
          if (Equals(v, item)) {
            matched = true;
            break;
          }
        }
      }
      if (!matched) return Make(loc, EnumMessage(s->enum_values), bool_result);
    }
    if (s->format != nullptr && v.is_string()) {
      if (std::optional<std::string> e = s->format(v.as_string())) {
        return Make(loc, Display(v) + " is not valid " + s->format_name + ": " + *e, bool_result);
      }
    }
    Errs errors;
    if (s->ref != nullptr) {
      std::optional<VErr> err = ValidateRef(s->ref, v, loc, bool_result, depth);
      if (s->draft < 2019) return err;
      if (err) errors.push_back(std::move(*err));
    }
    if (v.is_map()) {
      ObjValidate(s, v, loc, bool_result, depth, &errors);
    } else if (v.is_list()) {
      ArrValidate(s, v.as_list(), loc, bool_result, depth, &errors);
    } else if (v.is_string()) {
      StrValidate(s, v.as_string(), loc, bool_result, &errors);
    } else if (v.is_number()) {
      NumValidate(s, v, loc, bool_result, &errors);
    }
    if (errors.empty() || !bool_result) {
      CondValidate(s, v, loc, bool_result, depth, &errors);
      if (s->unevaluated_properties != nullptr && v.is_map()) {
        std::set<std::string> evaluated = *current_evaluated_;
        for (const auto& [pname, pvalue] : v.as_map()) {
          if (!evaluated.count(pname)) {
            AddErr(&errors, Val(s->unevaluated_properties, pvalue, loc, pname, bool_result, depth));
          }
        }
        for (const auto& [pname, unused] : v.as_map()) current_evaluated_->insert(pname);
      }
    }
    if (errors.empty()) return std::nullopt;
    if (errors.size() == 1) return std::move(errors[0]);
    VErr g = *Make(loc, "validation failed", bool_result);
    g.group = true;
    g.causes = std::move(errors);
    return g;
  }

  static std::optional<VErr> Make(const Loc& loc, std::string msg, bool bool_result) {
    VErr e;
    if (!bool_result) {
      e.loc = loc;
      e.msg = std::move(msg);
    }
    return e;
  }
  static void Add(Errs* errors, const Loc& loc, std::string msg, bool bool_result) {
    errors->push_back(*Make(loc, std::move(msg), bool_result));
  }
  static void AddWithCauses(Errs* errors, const Loc& loc, std::string msg, Errs causes, bool bool_result) {
    VErr e = *Make(loc, std::move(msg), bool_result);
    e.causes = std::move(causes);
    errors->push_back(std::move(e));
  }
  static void AddErr(Errs* errors, std::optional<VErr> err) {
    if (err) errors->push_back(std::move(*err));
  }

  static std::string EnumMessage(const ValueList& want) {
    for (const Value& item : want) {
      if (item.is_list() || item.is_map()) return "'enum' failed";
    }
    if (want.size() == 1) return "value must be " + Display(want[0]);
    std::string out = "value must be one of ";
    for (size_t i = 0; i < want.size(); ++i) {
      if (i) out += ", ";
      out += Display(want[i]);
    }
    return out;
  }

  // An in-place applicator (same instance): on success its evaluated properties count as ours.
  std::optional<VErr> Self(NodeRef sch, const Value& v, const Loc& loc, bool bool_result, int depth) {
    std::set<std::string>* mine = current_evaluated_;
    std::optional<VErr> err = Validate(sch, v, loc, bool_result, depth + 1);
    if (!err && mine != nullptr) mine->insert(last_evaluated_.begin(), last_evaluated_.end());
    return err;
  }
  std::optional<VErr> Val(NodeRef sch, const Value& v, const Loc& loc, std::string tok, bool bool_result, int depth) {
    Loc child = loc;
    child.push_back(std::move(tok));
    return Validate(sch, v, child, bool_result, depth + 1);
  }

  std::optional<VErr> ValidateRef(NodeRef target, const Value& v, const Loc& loc, bool bool_result, int depth) {
    std::optional<VErr> err = Self(target, v, loc, bool_result, depth);
    if (!err) return std::nullopt;
    VErr r = *Make(loc, "validation failed", bool_result);
    r.reference = true;
    if (err->group) {
      r.causes = std::move(err->causes);
    } else {
      r.causes.push_back(std::move(*err));
    }
    return r;
  }

  static std::vector<std::string> Missing(const ValueMap& obj, const std::vector<std::string>& required) {
    std::vector<std::string> missing;
    for (const std::string& p : required) {
      if (obj.find(p) == obj.end()) missing.push_back(p);
    }
    return missing;
  }

  void ObjValidate(NodeRef s, const Value& value, const Loc& loc, bool br, int depth, Errs* errors) {
    const ValueMap& obj = value.as_map();
    int64_t size = static_cast<int64_t>(obj.size());
    if (s->min_properties && size < *s->min_properties) {
      Add(errors, loc, "minProperties: got " + PrinterInt(size) + ", want " + PrinterInt(*s->min_properties), br);
    }
    if (s->max_properties && size > *s->max_properties) {
      Add(errors, loc, "maxProperties: got " + PrinterInt(size) + ", want " + PrinterInt(*s->max_properties), br);
    }
    if (!s->required.empty()) {
      std::vector<std::string> missing = Missing(obj, s->required);
      if (!missing.empty()) {
        Add(errors, loc,
            missing.size() == 1 ? "missing property " + Quote(missing[0]) : "missing properties " + JoinQuoted(missing),
            br);
      }
    }
    if (br && !errors->empty()) return;
    for (const auto& [pname, dep] : s->dependencies_required) {
      if (obj.find(pname) == obj.end()) continue;
      std::vector<std::string> missing = Missing(obj, dep);
      if (!missing.empty()) {
        Add(errors, loc, "properties " + JoinQuoted(missing) + " required, if " + Quote(pname) + " exists", br);
      }
    }
    for (const auto& [pname, dep] : s->dependencies_schema) {
      if (obj.find(pname) != obj.end()) AddErr(errors, Self(dep, value, loc, br, depth));
    }
    std::vector<std::string> additional;
    for (const auto& [pname, pvalue] : obj) {
      if (br && !errors->empty()) return;
      bool evaluated = false;
      if (auto it = s->properties.find(pname); it != s->properties.end()) {
        evaluated = true;
        AddErr(errors, Val(it->second, pvalue, loc, pname, br, depth));
      }
      for (const PatternProp& pp : s->pattern_properties) {
        if (RE2::PartialMatch(pname, *pp.re)) {
          evaluated = true;
          AddErr(errors, Val(pp.schema, pvalue, loc, pname, br, depth));
        }
      }
      if (!evaluated && s->additional_properties.kind != AddKind::kNone) {
        evaluated = true;
        if (s->additional_properties.kind == AddKind::kBool) {
          if (!s->additional_properties.allowed) additional.push_back(pname);
        } else {
          AddErr(errors, Val(s->additional_properties.schema, pvalue, loc, pname, br, depth));
        }
      }
      if (evaluated) current_evaluated_->insert(pname);
    }
    if (!additional.empty()) Add(errors, loc, "additional properties " + JoinQuoted(additional) + " not allowed", br);
    if (s->draft == 4) return;
    if (s->property_names != nullptr) {
      for (const auto& [pname, unused] : obj) {
        // Validated as a separate instance: its errors have an empty instance location.
        std::optional<VErr> err = Validate(s->property_names, Value(pname), Loc{}, false, depth + 1);
        if (!err) continue;
        VErr e;
        e.msg = "invalid propertyName " + Quote(pname);
        if (err->group) {
          e.causes = std::move(err->causes);
        } else {
          e.causes.push_back(std::move(*err));
        }
        errors->push_back(std::move(e));
      }
    }
    if (s->draft == 6) return;
    for (const auto& [pname, sch] : s->dependent_schemas) {
      if (obj.find(pname) != obj.end()) AddErr(errors, Self(sch, value, loc, br, depth));
    }
    for (const auto& [pname, reqd] : s->dependent_required) {
      if (obj.find(pname) == obj.end()) continue;
      std::vector<std::string> missing = Missing(obj, reqd);
      if (!missing.empty()) {
        Add(errors, loc, "properties " + JoinQuoted(missing) + " required, if " + Quote(pname) + " exists", br);
      }
    }
  }

  void ArrValidate(NodeRef s, const ValueList& arr, const Loc& loc, bool br, int depth, Errs* errors) {
    int64_t n = static_cast<int64_t>(arr.size());
    if (s->min_items && n < *s->min_items) {
      Add(errors, loc, "minItems: got " + PrinterInt(n) + ", want " + PrinterInt(*s->min_items), br);
    }
    if (s->max_items && n > *s->max_items) {
      Add(errors, loc, "maxItems: got " + PrinterInt(n) + ", want " + PrinterInt(*s->max_items), br);
    }
    if (s->unique_items && n > 1) {
      bool found = false;
      for (size_t i = 1; i < arr.size() && !found; ++i) {
        for (size_t j = 0; j < i; ++j) {
          if (Equals(arr[i], arr[j])) {
            Add(errors, loc, "items at " + PrinterInt(j) + " and " + PrinterInt(i) + " are equal", br);
            found = true;
            break;
          }
        }
      }
    }
    if (s->draft < 2020) {
      size_t evaluated = 0;
      if (s->items != nullptr) {
        for (size_t i = 0; i < arr.size(); ++i) AddErr(errors, Val(s->items, arr[i], loc, std::to_string(i), br, depth));
        evaluated = arr.size();
      } else if (s->items_is_array) {
        size_t m = std::min(arr.size(), s->items_array.size());
        for (size_t i = 0; i < m; ++i) AddErr(errors, Val(s->items_array[i], arr[i], loc, std::to_string(i), br, depth));
        evaluated = m;
      }
      const Additional& add = s->additional_items;
      if (add.kind == AddKind::kBool) {
        if (!add.allowed && evaluated != arr.size()) {
          Add(errors, loc, "last " + PrinterInt(arr.size() - evaluated) + " additionalItem(s) not allowed", br);
        }
      } else if (add.kind == AddKind::kSchema) {
        // jsonschema numbers these items from 0 again (it ranges over the remaining slice).
        for (size_t i = evaluated; i < arr.size(); ++i) {
          AddErr(errors, Val(add.schema, arr[i], loc, std::to_string(i - evaluated), br, depth));
        }
      }
    } else {
      size_t evaluated = std::min(s->prefix_items.size(), arr.size());
      for (size_t i = 0; i < evaluated; ++i) {
        AddErr(errors, Val(s->prefix_items[i], arr[i], loc, std::to_string(i), br, depth));
      }
      if (s->items2020 != nullptr) {
        for (size_t i = evaluated; i < arr.size(); ++i) {
          AddErr(errors, Val(s->items2020, arr[i], loc, std::to_string(i - evaluated), br, depth));
        }
      }
    }
    if (s->contains != nullptr) {
      Errs item_errors;
      std::vector<size_t> matched;
      for (size_t i = 0; i < arr.size(); ++i) {
        std::optional<VErr> err = Val(s->contains, arr[i], loc, std::to_string(i), br, depth);
        if (err) {
          item_errors.push_back(std::move(*err));
        } else {
          matched.push_back(i);
        }
      }
      auto at_list = [&] {
        std::string out;
        for (size_t i = 0; i < matched.size(); ++i) out += (i ? " " : "") + std::to_string(matched[i]);
        return out;
      };
      if (s->min_contains) {
        if (static_cast<int64_t>(matched.size()) < *s->min_contains) {
          std::string msg = matched.empty()
                                ? "min " + PrinterInt(*s->min_contains) +
                                      " items required to match contains schema, but none matched"
                                : "min " + PrinterInt(*s->min_contains) +
                                      " items required to match contains schema, but matched " +
                                      PrinterInt(matched.size()) + " items at " + at_list();
          AddWithCauses(errors, loc, msg, std::move(item_errors), br);
        }
      } else if (matched.empty()) {
        AddWithCauses(errors, loc, "no items match contains schema", std::move(item_errors), br);
      }
      if (s->max_contains && static_cast<int64_t>(matched.size()) > *s->max_contains) {
        Add(errors, loc,
            "max " + PrinterInt(*s->max_contains) + " items required to match contains schema, but matched " +
                PrinterInt(matched.size()) + " items at " + at_list(),
            br);
      }
    }
  }

  static void StrValidate(NodeRef s, const std::string& str, const Loc& loc, bool br, Errs* errors) {
    if (s->min_length || s->max_length) {
      int64_t len = 0;
      for (size_t i = 0; i < str.size();) {
        int w = 1;
        DecodeRune(str, i, &w);
        i += w;
        ++len;
      }
      if (s->min_length && len < *s->min_length) {
        Add(errors, loc, "minLength: got " + PrinterInt(len) + ", want " + PrinterInt(*s->min_length), br);
      }
      if (s->max_length && len > *s->max_length) {
        Add(errors, loc, "maxLength: got " + PrinterInt(len) + ", want " + PrinterInt(*s->max_length), br);
      }
    }
    if (s->pattern && !RE2::PartialMatch(str, *s->pattern)) {
      Add(errors, loc, Quote(str) + " does not match pattern " + Quote(s->pattern_source), br);
    }
  }

  static void NumValidate(NodeRef s, const Value& v, const Loc& loc, bool br, Errs* errors) {
    std::optional<Dec> num = DecOf(v);
    if (!num) return;
    auto msg = [&](const char* kw, const Dec& want) {
      return std::string(kw) + ": got " + PrinterFloat(ToDouble(*num)) + ", want " + PrinterFloat(ToDouble(want));
    };
    if (s->minimum && CmpDec(*num, *s->minimum) < 0) Add(errors, loc, msg("minimum", *s->minimum), br);
    if (s->maximum && CmpDec(*num, *s->maximum) > 0) Add(errors, loc, msg("maximum", *s->maximum), br);
    if (s->exclusive_minimum && CmpDec(*num, *s->exclusive_minimum) <= 0) {
      Add(errors, loc, msg("exclusiveMinimum", *s->exclusive_minimum), br);
    }
    if (s->exclusive_maximum && CmpDec(*num, *s->exclusive_maximum) >= 0) {
      Add(errors, loc, msg("exclusiveMaximum", *s->exclusive_maximum), br);
    }
    if (s->multiple_of && !IsMultipleOf(*num, *s->multiple_of)) {
      Add(errors, loc, msg("multipleOf", *s->multiple_of), br);
    }
  }

  void CondValidate(NodeRef s, const Value& v, const Loc& loc, bool br, int depth, Errs* errors) {
    if (s->not_schema != nullptr && !Self(s->not_schema, v, loc, true, depth)) Add(errors, loc, "'not' failed", br);
    if (!s->all_of.empty()) {
      Errs errs;
      for (NodeRef sch : s->all_of) {
        if (std::optional<VErr> err = Self(sch, v, loc, br, depth)) {
          errs.push_back(std::move(*err));
          if (br) break;
        }
      }
      if (!errs.empty()) AddWithCauses(errors, loc, "'allOf' failed", std::move(errs), br);
    }
    if (!s->any_of.empty()) {
      bool matched = false;
      Errs errs;
      for (NodeRef sch : s->any_of) {
        if (std::optional<VErr> err = Self(sch, v, loc, br, depth)) {
          errs.push_back(std::move(*err));
        } else {
          matched = true;
          if (!track_unevaluated_) break;
        }
      }
      if (!matched) AddWithCauses(errors, loc, "'anyOf' failed", std::move(errs), br);
    }
    if (!s->one_of.empty()) {
      int matched = -1;
      Errs errs;
      for (size_t i = 0; i < s->one_of.size(); ++i) {
        std::optional<VErr> err = Self(s->one_of[i], v, loc, br || matched != -1, depth);
        if (err) {
          if (matched == -1) errs.push_back(std::move(*err));
        } else if (matched == -1) {
          matched = static_cast<int>(i);
        } else {
          Add(errors, loc,
              "'oneOf' failed, subschemas " + PrinterInt(matched) + ", " + PrinterInt(i) + " matched", br);
          break;
        }
      }
      if (matched == -1) AddWithCauses(errors, loc, "'oneOf' failed, none matched", std::move(errs), br);
    }
    if (s->if_schema != nullptr) {
      if (!Self(s->if_schema, v, loc, true, depth)) {
        if (s->then_schema != nullptr) AddErr(errors, Self(s->then_schema, v, loc, br, depth));
      } else if (s->else_schema != nullptr) {
        AddErr(errors, Self(s->else_schema, v, loc, br, depth));
      }
    }
  }
};

void Display(const VErr& e, int indent, std::string* out) {
  bool skip = e.reference && e.causes.size() == 1;
  if (!skip) {
    out->push_back('\n');
    for (int i = 0; i < indent - 1; ++i) out->append("  ");
    out->append("- at ");
    std::string ptr;
    for (const std::string& tok : e.loc) ptr += "/" + EscapeToken(tok);
    out->append(Quote(ptr));
    out->append(": ");
    out->append(e.msg);
    ++indent;
  }
  for (const VErr& c : e.causes) Display(c, indent, out);
}

std::string Superscript(int64_t e) {
  static const char* kDigits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string out;
  if (e < 0) {
    out += "⁻";
    e = -e;
  }
  std::string d = std::to_string(e);
  if (d.size() < 2) d = "0" + d;
  for (char c : d) out += kDigits[c - '0'];
  return out;
}

std::string Group3(const std::string& digits) {
  std::string out;
  size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace

std::string PrinterInt(int64_t i) {
  if (i < 0) return "-" + Group3(std::to_string(0 - static_cast<uint64_t>(i)));
  return Group3(std::to_string(i));
}

std::string PrinterFloat(double f) {
  if (std::isnan(f)) return "NaN";
  if (std::isinf(f)) return f < 0 ? "-∞" : "∞";
  std::string e = FormatFloat(f, 'e', -1);  // e.g. "-1.2345e-05"
  bool neg = e[0] == '-';
  if (neg) e.erase(0, 1);
  size_t epos = e.find('e');
  std::string mant = e.substr(0, epos);
  int64_t exp = std::strtoll(e.c_str() + epos + 1, nullptr, 10);
  std::string digits;
  for (char c : mant) {
    if (c != '.') digits.push_back(c);
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out = neg ? "-" : "";
  if (f == 0) return out + "0";
  if (exp < -4 || exp >= 6) {
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    return out + "×10" + Superscript(exp);
  }
  if (exp < 0) return out + "0." + std::string(-exp - 1, '0') + digits;
  std::string int_part = digits.substr(0, std::min<size_t>(digits.size(), exp + 1));
  while (static_cast<int64_t>(int_part.size()) < exp + 1) int_part.push_back('0');
  out += Group3(int_part);
  if (static_cast<int64_t>(digits.size()) > exp + 1) out += "." + digits.substr(exp + 1);
  return out;
}

Status ValidateAgainstSingleSchema(const Value& values, std::string_view schema_json) {
  size_t consumed = 0;
  Result<Value> doc = internal::DecodeJsonPrefix(schema_json, &consumed, true);
  if (!doc.ok()) return Error(Code::kParse, doc.status().message());
  for (size_t i = consumed; i < schema_json.size(); ++i) {
    char c = schema_json[i];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      return Error(Code::kParse, "invalid character after top-level value");
    }
  }
  Compiler compiler(*doc);
  HELM_ASSIGN_OR_RETURN(NodeRef root, compiler.CompileRoot());
  Value instance = values.is_null() ? Value::EmptyMap() : values;
  std::optional<VErr> err = Validator(compiler.uses_unevaluated()).Validate(root, instance, Loc{}, false, 0);
  if (!err) return OkStatus();
  std::string out;
  if (err->group) {
    for (const VErr& c : err->causes) Display(c, 1, &out);
  } else {
    Display(*err, 1, &out);
  }
  return Error(Code::kInvalidArgument, out.substr(1) + "\n");
}

Status ValidateAgainstSchema(const chart::Chart& chart, const Value& values) {
  std::string sb;
  if (chart.has_schema || !chart.schema.empty()) {
    Status s = ValidateAgainstSingleSchema(values, chart.schema);
    if (!s.ok()) sb += chart.Name() + ":\n" + s.message();
  }
  for (const chart::Chart& sub : chart.dependencies) {
    const Value* raw = values.Find(sub.Name());
    if (raw == nullptr || raw->is_null()) continue;
    if (!raw->is_map()) {
      sb += sub.Name() + ":\ninvalid type for values: expected object (map), got " + raw->TypeName() + "\n";
      continue;
    }
    Status s = ValidateAgainstSchema(sub, *raw);
    if (!s.ok()) sb += s.message();
  }
  if (sb.empty()) return OkStatus();
  return Error(Code::kInvalidArgument, sb);
}

}  // namespace helm::values
