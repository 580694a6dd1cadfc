#include "helm/values/semver.h"

#include <re2/re2.h>

#include <vector>

#include "helm/base/strings.h"

namespace helm::values {
namespace {

constexpr char kCv[] =
    R"(v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?)"
    R"((-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?)"
    R"((\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?)";
constexpr char kOps[] = R"(=||!=|>|<|>=|=>|<=|=<|~|~>|\^)";

struct Regexes {
  RE2 loose_version{std::string("^") +
                    R"(v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?)"
                    R"((-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?)"
                    R"((\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?)" +
                    "$"};
  RE2 constraint{std::string(R"(^\s*()") + kOps + R"()\s*()" + kCv + R"()\s*$)"};
  RE2 range{std::string(R"(\s*()") + kCv + R"()\s+-\s+()" + kCv + R"()\s*)"};
  RE2 find{std::string("(") + kOps + R"()\s*()" + kCv + ")"};
  RE2 valid{std::string(R"(^(\s*()") + kOps + R"()\s*()" + kCv + R"()\s*)((?:\s+|,\s*)()" + kOps + R"()\s*()" +
            kCv + R"()\s*)*$)"};
};

const Regexes& Re() {
  static const Regexes* r = new Regexes();  // immutable after construction
  return *r;
}

bool ParseU64(std::string_view s, uint64_t* out) {
  if (s.empty()) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    if (v > (UINT64_MAX - (c - '0')) / 10) return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

bool ContainsOnly(std::string_view s, bool digits_only) {
  for (char c : s) {
    bool digit = c >= '0' && c <= '9';
    bool alnum = digit || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    if (digits_only ? !digit : !alnum) return false;
  }
  return true;
}

bool ValidPrerelease(std::string_view p) {
  for (const std::string& part : Split(p, ".")) {
    if (part.empty()) return false;
    if (ContainsOnly(part, true)) {
      if (part.size() > 1 && part[0] == '0') return false;
    } else if (!ContainsOnly(part, false)) {
      return false;
    }
  }
  return true;
}

bool ValidMetadata(std::string_view m) {
  for (const std::string& part : Split(m, ".")) {
    if (part.empty() || !ContainsOnly(part, false)) return false;
  }
  return true;
}

int ComparePrePart(const std::string& s, const std::string& o) {
  if (s == o) return 0;
  if (s.empty()) return o.empty() ? 1 : -1;
  if (o.empty()) return 1;
  uint64_t si = 0, oi = 0;
  bool sn = ParseU64(s, &si), on = ParseU64(o, &oi);
  if (!sn && !on) return s > o ? 1 : -1;
  if (!on) return -1;
  if (!sn) return 1;
  return si > oi ? 1 : -1;
}

int ComparePrerelease(std::string_view v, std::string_view o) {
  std::vector<std::string> sp = Split(v, "."), op = Split(o, ".");
  size_t n = std::max(sp.size(), op.size());
  for (size_t i = 0; i < n; ++i) {
    int d = ComparePrePart(i < sp.size() ? sp[i] : "", i < op.size() ? op[i] : "");
    if (d != 0) return d;
  }
  return 0;
}

bool IsX(std::string_view x) { return x == "x" || x == "*" || x == "X"; }

struct Constraint {
  SemVersion con;
  std::string orig, op;
  bool minor_dirty = false, dirty = false, patch_dirty = false;
};

bool ParseConstraint(const std::string& c, Constraint* out) {
  if (c.empty()) {
    out->dirty = true;
    return true;
  }
  std::string m[12];
  // Groups: 1 op, 2 whole version, 3 major, 4 .minor, 5 .patch, 6 -pre ...
  re2::StringPiece g[12];
  if (!Re().constraint.Match(c, 0, c.size(), RE2::UNANCHORED, g, 12)) return false;
  for (int i = 0; i < 12; ++i) m[i] = std::string(g[i].data() ? std::string_view(g[i].data(), g[i].size()) : "");
  out->op = m[1];
  out->orig = m[2];
  std::string ver = m[2];
  auto trim_dot = [](const std::string& s) { return s.empty() ? s : s.substr(1); };
  if (IsX(m[3]) || m[3].empty()) {
    ver = "0.0.0" + m[6];
    out->dirty = true;
  } else if (IsX(trim_dot(m[4])) || m[4].empty()) {
    out->minor_dirty = out->dirty = true;
    ver = m[3] + ".0.0" + m[6];
  } else if (IsX(trim_dot(m[5])) || m[5].empty()) {
    out->dirty = out->patch_dirty = true;
    ver = m[3] + m[4] + ".0" + m[6];
  }
  std::optional<SemVersion> v = ParseSemVersion(ver);
  if (!v) return false;
  out->con = *v;
  return true;
}

bool Check(const SemVersion& v, const Constraint& c, bool include_pre) {
  if (!v.pre.empty() && !include_pre) return false;
  const SemVersion& k = c.con;
  auto tilde = [&] {
    if (v.Compare(k) < 0) return false;
    if (k.major == 0 && k.minor == 0 && k.patch == 0 && !c.minor_dirty && !c.patch_dirty) return true;
    if (v.major != k.major) return false;
    if (v.minor != k.minor && !c.minor_dirty) return false;
    return true;
  };
  const std::string& op = c.op;
  if (op.empty() || op == "=") {
    if (c.dirty) return tilde();
    return v.Compare(k) == 0;
  }
  if (op == "!=") {
    if (c.dirty) {
      if (k.major != v.major) return true;
      if (k.minor != v.minor && !c.minor_dirty) return true;
      if (c.minor_dirty) return false;
      if (k.patch != v.patch && !c.patch_dirty) return true;
      if (c.patch_dirty) {
        if (!v.pre.empty() || !k.pre.empty()) return ComparePrerelease(v.pre, k.pre) != 0;
        return false;
      }
    }
    return v.Compare(k) != 0;
  }
  if (op == ">") {
    if (!c.dirty) return v.Compare(k) == 1;
    if (v.major > k.major) return true;
    if (v.major < k.major) return false;
    if (c.minor_dirty) return false;
    if (c.patch_dirty) return v.minor > k.minor;
    return v.Compare(k) == 1;
  }
  if (op == "<") return v.Compare(k) < 0;
  if (op == ">=" || op == "=>") return v.Compare(k) >= 0;
  if (op == "<=" || op == "=<") {
    if (!c.dirty) return v.Compare(k) <= 0;
    if (v.major > k.major) return false;
    if (v.major == k.major && v.minor > k.minor && !c.minor_dirty) return false;
    return true;
  }
  if (op == "~" || op == "~>") return tilde();
  if (op == "^") {
    if (v.Compare(k) < 0) return false;
    if (k.major > 0 || c.minor_dirty) return v.major == k.major;
    if (k.major == 0 && v.major > 0) return false;
    if (k.minor > 0 || c.patch_dirty) return v.minor == k.minor;
    if (k.minor == 0 && v.minor > 0) return false;
    return k.patch == v.patch;
  }
  return false;
}

std::string RewriteRange(std::string s) {
  std::string out = s;
  re2::StringPiece g[21];
  size_t pos = 0;
  while (pos <= s.size() && Re().range.Match(s, pos, s.size(), RE2::UNANCHORED, g, 21)) {
    std::string whole(g[0].data(), g[0].size());
    std::string rep = ">= " + std::string(g[1].data(), g[1].size()) + ", <= " + std::string(g[11].data(), g[11].size()) + " ";
    size_t at = out.find(whole);
    if (at != std::string::npos) out.replace(at, whole.size(), rep);
    size_t end = (g[0].data() - s.data()) + g[0].size();
    pos = end > pos ? end : pos + 1;
  }
  return out;
}

}  // namespace

int SemVersion::Compare(const SemVersion& o) const {
  if (major != o.major) return major < o.major ? -1 : 1;
  if (minor != o.minor) return minor < o.minor ? -1 : 1;
  if (patch != o.patch) return patch < o.patch ? -1 : 1;
  if (pre.empty() && o.pre.empty()) return 0;
  if (pre.empty()) return 1;
  if (o.pre.empty()) return -1;
  return ComparePrerelease(pre, o.pre);
}

std::optional<SemVersion> ParseSemVersion(std::string_view v) {
  re2::StringPiece g[9];
  if (!Re().loose_version.Match(re2::StringPiece(v.data(), v.size()), 0, v.size(), RE2::ANCHOR_BOTH, g, 9)) {
    return std::nullopt;
  }
  auto str = [&](int i) { return g[i].data() ? std::string(g[i].data(), g[i].size()) : std::string(); };
  SemVersion sv;
  sv.pre = str(5);
  sv.metadata = str(8);
  if (!ParseU64(str(1), &sv.major)) return std::nullopt;
  if (std::string m = str(2); !m.empty() && !ParseU64(m.substr(1), &sv.minor)) return std::nullopt;
  if (std::string p = str(3); !p.empty() && !ParseU64(p.substr(1), &sv.patch)) return std::nullopt;
  if (!sv.pre.empty() && !ValidPrerelease(sv.pre)) return std::nullopt;
  if (!sv.metadata.empty() && !ValidMetadata(sv.metadata)) return std::nullopt;
  return sv;
}

bool IsCompatibleRange(std::string_view constraint, std::string_view version) {
  std::optional<SemVersion> v = ParseSemVersion(version);
  if (!v) return false;
  std::string c = RewriteRange(std::string(constraint));
  std::vector<std::vector<Constraint>> groups;
  std::vector<bool> has_pre;
  for (const std::string& part : Split(c, "||")) {
    if (!RE2::FullMatch(part, Re().valid)) return false;
    std::vector<Constraint> group;
    bool pre = false;
    std::vector<std::string> pieces;
    re2::StringPiece g[1];
    size_t pos = 0;
    while (pos < part.size() && Re().find.Match(part, pos, part.size(), RE2::UNANCHORED, g, 1)) {
      pieces.emplace_back(g[0].data(), g[0].size());
      size_t end = (g[0].data() - part.data()) + g[0].size();
      pos = end > pos ? end : pos + 1;
    }
    if (pieces.empty()) pieces.push_back(part);
    for (const std::string& p : pieces) {
      Constraint con;
      if (!ParseConstraint(p, &con)) return false;
      if (!con.con.pre.empty()) pre = true;
      group.push_back(std::move(con));
    }
    groups.push_back(std::move(group));
    has_pre.push_back(pre);
  }
  for (size_t i = 0; i < groups.size(); ++i) {
    bool joy = true;
    for (const Constraint& con : groups[i]) {
      if (!Check(*v, con, has_pre[i])) {
        joy = false;
        break;
      }
    }
    if (joy) return true;
  }
  return false;
}

}  // namespace helm::values
