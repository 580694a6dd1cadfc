// Masterminds/semver v3 (as pinned by Helm v4.2.4) on RE2, which shares Go regexp syntax: version parsing
// with coercion, ordering, and range constraints with the library's rules and error texts.
#include "helm/base/semver.h"

#include <re2/re2.h>

#include <optional>

#include "helm/base/strings.h"

namespace helm {
namespace {

constexpr char kCv[] =
    R"(v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?)"
    R"((-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?)"
    R"((\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?)";
constexpr char kOps[] = R"(=||!=|>|<|>=|=>|<=|=<|~|~>|\^)";
constexpr char kLoose[] =
    R"(^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?)"
    R"((-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?)"
    R"((\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?$)";

struct Regexes {
  RE2 loose{kLoose};
  RE2 constraint{std::string(R"(^\s*()") + kOps + R"()\s*()" + kCv + R"()\s*$)"};
  RE2 range{std::string(R"(\s*()") + kCv + R"()\s+-\s+()" + kCv + R"()\s*)"};
  RE2 find{std::string("(") + kOps + R"()\s*()" + kCv + ")"};
  RE2 valid{std::string(R"(^(\s*()") + kOps + R"()\s*()" + kCv + R"()\s*)((?:\s+|,\s*)()" + kOps + R"()\s*()" +
            kCv + R"()\s*)*$)"};
};

const Regexes& Re() {
  static const Regexes* r = new Regexes();
  return *r;
}

// Submatches of an anchored/unanchored match starting at pos; empty vector when no match.
std::vector<std::string> Submatch(const RE2& re, std::string_view s, size_t* start = nullptr,
                                  size_t* end = nullptr, size_t pos = 0) {
  int n = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> sp(n);
  if (!re.Match(re2::StringPiece(s.data(), s.size()), pos, s.size(), RE2::UNANCHORED, sp.data(), n)) return {};
  std::vector<std::string> out(n);
  for (int i = 0; i < n; ++i) {
    if (sp[i].data()) out[i] = std::string(sp[i].data(), sp[i].size());
  }
  if (start) *start = static_cast<size_t>(sp[0].data() - s.data());
  if (end) *end = static_cast<size_t>(sp[0].data() - s.data()) + sp[0].size();
  return out;
}

bool ContainsOnly(std::string_view s, std::string_view set) {
  for (char c : s) {
    if (set.find(c) == std::string_view::npos) return false;
  }
  return true;
}

constexpr std::string_view kNum = "0123456789";
constexpr std::string_view kAllowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789";

Result<uint64_t> ParseSegment(std::string_view s) {
  uint64_t v = 0;
  for (char c : s) {
    uint64_t d = c - '0';
    if (v > (UINT64_MAX - d) / 10) {
      return Error(Code::kInvalidArgument, "error parsing version segment: strconv.ParseUint: parsing " +
                                               GoQuote(s) + ": value out of range");
    }
    v = v * 10 + d;
  }
  return v;
}

std::optional<uint64_t> ParseUintOpt(std::string_view s) {
  if (s.empty() || !ContainsOnly(s, kNum)) return std::nullopt;
  auto r = ParseSegment(s);
  if (!r.ok()) return std::nullopt;
  return *r;
}

int ComparePrePart(const std::string& s, const std::string& o) {
  if (s == o) return 0;
  if (s.empty()) return o.empty() ? 1 : -1;
  if (o.empty()) return 1;
  auto oi = ParseUintOpt(o), si = ParseUintOpt(s);
  if (!oi && !si) return s > o ? 1 : -1;
  if (!oi) return -1;
  if (!si) return 1;
  return *si > *oi ? 1 : -1;
}

int ComparePrerelease(std::string_view a, std::string_view b) {
  auto sp = Split(a, "."), op = Split(b, ".");
  size_t l = std::max(sp.size(), op.size());
  for (size_t i = 0; i < l; ++i) {
    int d = ComparePrePart(i < sp.size() ? sp[i] : "", i < op.size() ? op[i] : "");
    if (d) return d;
  }
  return 0;
}

bool IsX(std::string_view x) { return x == "x" || x == "*" || x == "X"; }

std::string Q(const std::string& s) { return GoQuote(s); }

using Item = SemConstraints::Item;

// Returns {ok, error}; the error text is unused by Check but kept for fidelity with Validate.
bool CheckItem(const SemVersion& v, const Item& c, bool include_pre) {
  if (!v.pre.empty() && !include_pre) return false;
  const std::string& op = c.op;
  const SemVersion& con = c.con;
  auto tilde = [&]() {
    if (v.Compare(con) < 0) return false;
    if (con.major == 0 && con.minor == 0 && con.patch == 0 && !c.minor_dirty && !c.patch_dirty) return true;
    if (v.major != con.major) return false;
    if (v.minor != con.minor && !c.minor_dirty) return false;
    return true;
  };
  if (op.empty() || op == "=") {
    if (c.dirty) return tilde();
    return v.Compare(con) == 0;
  }
  if (op == "!=") {
    if (c.dirty) {
      if (con.major != v.major) return true;
      if (con.minor != v.minor && !c.minor_dirty) return true;
      if (c.minor_dirty) return false;
      if (con.patch != v.patch && !c.patch_dirty) return true;
      if (c.patch_dirty) {
        if (!v.pre.empty() || !con.pre.empty()) return ComparePrerelease(v.pre, con.pre) != 0;
        return false;
      }
    }
    return v.Compare(con) != 0;
  }
  if (op == ">") {
    if (!c.dirty) return v.Compare(con) == 1;
    if (v.major > con.major) return true;
    if (v.major < con.major) return false;
    if (c.minor_dirty) return false;
    if (c.patch_dirty) return v.minor > con.minor;
    return v.Compare(con) == 1;
  }
  if (op == "<") return v.Compare(con) < 0;
  if (op == ">=" || op == "=>") return v.Compare(con) >= 0;
  if (op == "<=" || op == "=<") {
    if (!c.dirty) return v.Compare(con) <= 0;
    if (v.major > con.major) return false;
    if (v.major == con.major && v.minor > con.minor && !c.minor_dirty) return false;
    return true;
  }
  if (op == "~" || op == "~>") return tilde();
  if (op == "^") {
    if (v.Compare(con) < 0) return false;
    if (con.major > 0 || c.minor_dirty) return v.major == con.major;
    if (con.major == 0 && v.major > 0) return false;
    if (con.minor > 0 || c.patch_dirty) return v.minor == con.minor;
    if (con.minor == 0 && v.minor > 0) return false;
    return con.patch == v.patch;
  }
  return false;
}

Result<Item> ParseItem(const std::string& c) {
  Item it;
  if (c.empty()) {
    it.dirty = true;
    return it;
  }
  auto m = Submatch(Re().constraint, c);
  if (m.empty()) return Error(Code::kInvalidArgument, "improper constraint: " + Q(c));
  it.orig = m[2];
  it.op = m[1];
  std::string ver = m[2];
  auto trim_dot = [](const std::string& s) { return s.empty() ? s : s.substr(1); };
  if (IsX(m[3]) || m[3].empty()) {
    ver = "0.0.0" + m[6];
    it.dirty = true;
  } else if (IsX(trim_dot(m[4])) || m[4].empty()) {
    it.minor_dirty = it.dirty = true;
    ver = m[3] + ".0.0" + m[6];
  } else if (IsX(trim_dot(m[5])) || m[5].empty()) {
    it.dirty = it.patch_dirty = true;
    ver = m[3] + m[4] + ".0" + m[6];
  }
  auto con = ParseSemVersion(ver);
  if (!con.ok()) return Error(Code::kInvalidArgument, "constraint parser error");
  it.con = *con;
  return it;
}

std::string RewriteRange(const std::string& in) {
  std::string o = in;
  size_t pos = 0;
  std::vector<std::pair<std::string, std::string>> reps;
  while (pos <= in.size()) {
    size_t s, e;
    auto m = Submatch(Re().range, in, &s, &e, pos);
    if (m.empty()) break;
    reps.emplace_back(m[0], ">= " + m[1] + ", <= " + m[11] + " ");
    pos = e > s ? e : e + 1;
  }
  for (const auto& [from, to] : reps) {
    size_t f = o.find(from);
    if (f != std::string::npos) o.replace(f, from.size(), to);
  }
  return o;
}

}  // namespace

Status ValidateSemverPrerelease(std::string_view p) {
  for (const auto& part : Split(p, ".")) {
    if (part.empty()) return Error(Code::kInvalidArgument, "invalid prerelease string");
    if (ContainsOnly(part, kNum)) {
      if (part.size() > 1 && part[0] == '0') return Error(Code::kInvalidArgument, "version segment starts with 0");
    } else if (!ContainsOnly(part, kAllowed)) {
      return Error(Code::kInvalidArgument, "invalid prerelease string");
    }
  }
  return OkStatus();
}

Status ValidateSemverMetadata(std::string_view m) {
  for (const auto& part : Split(m, ".")) {
    if (part.empty() || !ContainsOnly(part, kAllowed)) return Error(Code::kInvalidArgument, "invalid metadata string");
  }
  return OkStatus();
}


std::string SemVersion::String() const {
  std::string s = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  if (!pre.empty()) s += "-" + pre;
  if (!metadata.empty()) s += "+" + metadata;
  return s;
}

int SemVersion::Compare(const SemVersion& o) const {
  if (major != o.major) return major < o.major ? -1 : 1;
  if (minor != o.minor) return minor < o.minor ? -1 : 1;
  if (patch != o.patch) return patch < o.patch ? -1 : 1;
  if (pre.empty() && o.pre.empty()) return 0;
  if (pre.empty()) return 1;
  if (o.pre.empty()) return -1;
  return ComparePrerelease(pre, o.pre);
}

Result<SemVersion> ParseSemVersion(std::string_view v) {
  auto m = Submatch(Re().loose, v);
  if (m.empty()) return Error(Code::kInvalidArgument, "invalid semantic version");
  SemVersion sv;
  sv.metadata = m[8];
  sv.pre = m[5];
  sv.original = std::string(v);
  HELM_ASSIGN_OR_RETURN(sv.major, ParseSegment(m[1]));
  if (!m[2].empty()) {
    HELM_ASSIGN_OR_RETURN(sv.minor, ParseSegment(std::string_view(m[2]).substr(1)));
  }
  if (!m[3].empty()) {
    HELM_ASSIGN_OR_RETURN(sv.patch, ParseSegment(std::string_view(m[3]).substr(1)));
  }
  if (!sv.pre.empty()) HELM_RETURN_IF_ERROR(ValidateSemverPrerelease(sv.pre));
  if (!sv.metadata.empty()) HELM_RETURN_IF_ERROR(ValidateSemverMetadata(sv.metadata));
  return sv;
}

Result<SemConstraints> SemConstraints::Parse(std::string_view c_in) {
  std::string c = RewriteRange(std::string(c_in));
  SemConstraints out;
  for (const auto& v : Split(c, "||")) {
    if (!RE2::FullMatch(v, Re().valid)) return Error(Code::kInvalidArgument, "improper constraint: " + Q(v));
    std::vector<std::string> cs;
    size_t pos = 0;
    while (pos <= v.size()) {
      size_t s, e;
      auto m = Submatch(Re().find, v, &s, &e, pos);
      if (m.empty()) break;
      cs.push_back(m[0]);
      pos = e > s ? e : e + 1;
    }
    if (cs.empty()) cs.push_back(v);
    std::vector<Item> items;
    bool has_pre = false;
    for (const auto& s : cs) {
      HELM_ASSIGN_OR_RETURN(Item it, ParseItem(s));
      if (!it.con.pre.empty()) has_pre = true;
      items.push_back(std::move(it));
    }
    out.ors_.push_back(std::move(items));
    out.contains_pre_.push_back(has_pre);
  }
  return out;
}

bool SemConstraints::Check(const SemVersion& v) const {
  for (size_t i = 0; i < ors_.size(); ++i) {
    bool joy = true;
    for (const Item& c : ors_[i]) {
      if (!CheckItem(v, c, contains_pre_[i])) {
        joy = false;
        break;
      }
    }
    if (joy) return true;
  }
  return false;
}

bool IsCompatibleRange(std::string_view constraint, std::string_view version) {
  auto v = ParseSemVersion(version);
  if (!v.ok()) return false;
  auto c = SemConstraints::Parse(constraint);
  return c.ok() && c->Check(*v);
}

}  // namespace helm
