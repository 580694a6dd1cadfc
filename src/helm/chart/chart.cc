#include "helm/chart/chart.h"

#include <cctype>
#include <string_view>

#include "helm/base/fs.h"
#include "helm/base/strings.h"

namespace helm::chart {

namespace {

void CopyFrom(Chart* dst, const Chart& src) {
  dst->metadata = src.metadata;
  dst->lock = src.lock ? std::make_unique<Lock>(*src.lock) : nullptr;
  dst->raw = src.raw;
  dst->templates = src.templates;
  // Shared, as when Go copies a Chart struct (e.g. for aliased dependencies): Value maps are references.
  dst->values = src.values;
  dst->schema = src.schema;
  dst->has_schema = src.has_schema;
  dst->files = src.files;
  dst->dependencies = src.dependencies;
  dst->mod_time_unix = src.mod_time_unix;
  dst->schema_mod_time_unix = src.schema_mod_time_unix;
  dst->parent = src.parent;
}

void PointChildrenAt(Chart* c) {
  for (Chart& d : c->dependencies) d.parent = c;
}

// Go's filepath.Base on a slash path.
std::string_view GoBase(std::string_view p) {
  if (p.empty()) return ".";
  while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
  if (p == "/") return "/";
  size_t i = p.rfind('/');
  if (i != std::string_view::npos) p = p.substr(i + 1);
  return p.empty() ? "/" : p;
}

std::string_view Ext(std::string_view name) {
  for (size_t i = name.size(); i > 0; --i) {
    char c = name[i - 1];
    if (c == '/') break;
    if (c == '.') return name.substr(i - 1);
  }
  return {};
}

bool EqualFoldAscii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

bool HasManifestExtension(std::string_view name) {
  std::string_view ext = Ext(name);
  return EqualFoldAscii(ext, ".yaml") || EqualFoldAscii(ext, ".yml") || EqualFoldAscii(ext, ".json");
}

// unicode.IsSpace.
bool IsGoSpace(uint32_t r) {
  switch (r) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
      return true;
  }
  return r >= 0x2000 && r <= 0x200A;
}

// unicode.IsPrint for runes that are not spaces. Control (Cc), format (Cf), private-use (Co) and
// non-character code points are not printable; unassigned code points are treated as printable because
// we carry no Unicode tables (charts do not contain them in practice).
bool IsGoPrint(uint32_t r) {
  if (r < 0x20 || (r >= 0x7F && r <= 0x9F)) return false;
  if (r == 0xAD || (r >= 0x600 && r <= 0x605) || r == 0x61C || r == 0x6DD || r == 0x70F ||
      r == 0x890 || r == 0x891 || r == 0x8E2 || r == 0x180E || (r >= 0x200B && r <= 0x200F) ||
      (r >= 0x202A && r <= 0x202E) || (r >= 0x2060 && r <= 0x2064) || (r >= 0x2066 && r <= 0x206F) ||
      r == 0xFEFF || (r >= 0xFFF9 && r <= 0xFFFB) || r == 0x110BD || r == 0x110CD ||
      (r >= 0x13430 && r <= 0x1343F) || (r >= 0x1BCA0 && r <= 0x1BCA3) || (r >= 0x1D173 && r <= 0x1D17A) ||
      r == 0xE0001 || (r >= 0xE0020 && r <= 0xE007F))
    return false;
  if ((r >= 0xE000 && r <= 0xF8FF) || r >= 0xF0000) return false;
  if ((r & 0xFFFE) == 0xFFFE || (r >= 0xFDD0 && r <= 0xFDEF)) return false;
  return true;
}

void Sanitize(std::string* s) {
  bool plain = true;
  for (unsigned char c : *s) {
    if (c < 0x20 || c >= 0x7F) {
      plain = false;
      break;
    }
  }
  if (plain) return;
  std::string out;
  out.reserve(s->size());
  for (size_t i = 0; i < s->size();) {
    int w = 1;
    uint32_t r = DecodeRune(*s, i, &w);
    i += static_cast<size_t>(w);
    if (IsGoSpace(r)) {
      out.push_back(' ');
    } else if (IsGoPrint(r)) {
      AppendUtf8(&out, r);
    }
  }
  *s = std::move(out);
}

bool AllDigits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool AllAllowed(std::string_view s) {
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  return true;
}

// strconv.ParseUint(s, 10, 64) succeeds.
bool FitsUint64(std::string_view digits) {
  size_t i = 0;
  while (i + 1 < digits.size() && digits[i] == '0') ++i;
  std::string_view d = digits.substr(i);
  constexpr std::string_view kMax = "18446744073709551615";
  return d.size() < kMax.size() || (d.size() == kMax.size() && d <= kMax);
}

// Dot-separated identifiers of [0-9A-Za-z-]+ (the loose regex's pre-release and build groups).
bool LooseIdentifiers(std::string_view s) {
  if (s.empty()) return false;
  for (std::string_view part : Split(s, ".")) {
    if (part.empty() || !AllAllowed(part)) return false;
  }
  return true;
}

bool IsAliasName(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  return true;
}

Status Invalid(std::string msg) { return Error(Code::kInvalidArgument, "validation: " + msg); }

Value StringList(const std::vector<std::string>& v) {
  ValueList out;
  out.reserve(v.size());
  for (const std::string& s : v) out.emplace_back(s);
  return Value(std::move(out));
}

}  // namespace

Chart::Chart(const Chart& other) {
  CopyFrom(this, other);
  PointChildrenAt(this);
}

Chart& Chart::operator=(const Chart& other) {
  if (this != &other) {
    CopyFrom(this, other);
    PointChildrenAt(this);
  }
  return *this;
}

Chart::Chart(Chart&& other) noexcept
    : metadata(std::move(other.metadata)),
      lock(std::move(other.lock)),
      raw(std::move(other.raw)),
      templates(std::move(other.templates)),
      values(std::move(other.values)),
      schema(std::move(other.schema)),
      has_schema(other.has_schema),
      files(std::move(other.files)),
      dependencies(std::move(other.dependencies)),
      mod_time_unix(other.mod_time_unix),
      schema_mod_time_unix(other.schema_mod_time_unix),
      parent(other.parent) {
  PointChildrenAt(this);
}

Chart& Chart::operator=(Chart&& other) noexcept {
  if (this != &other) {
    metadata = std::move(other.metadata);
    lock = std::move(other.lock);
    raw = std::move(other.raw);
    templates = std::move(other.templates);
    values = std::move(other.values);
    schema = std::move(other.schema);
    has_schema = other.has_schema;
    files = std::move(other.files);
    dependencies = std::move(other.dependencies);
    mod_time_unix = other.mod_time_unix;
    schema_mod_time_unix = other.schema_mod_time_unix;
    parent = other.parent;
    PointChildrenAt(this);
  }
  return *this;
}

std::string Chart::ChartFullPath() const {
  if (parent != nullptr) return parent->ChartFullPath() + "/charts/" + Name();
  return Name();
}

std::string Chart::ChartPath() const {
  if (parent != nullptr) return parent->ChartPath() + "." + Name();
  return Name();
}

std::vector<const File*> Chart::CrdObjects() const {
  std::vector<const File*> out;
  for (const File& f : files) {
    if (f.name.starts_with("crds/") && HasManifestExtension(f.name)) out.push_back(&f);
  }
  for (const Chart& d : dependencies) {
    std::vector<const File*> sub = d.CrdObjects();
    out.insert(out.end(), sub.begin(), sub.end());
  }
  return out;
}

std::vector<Crd> Chart::CrdEntries() const {
  std::vector<Crd> out;
  std::string base;
  for (const File& f : files) {
    if (f.name.starts_with("crds/") && HasManifestExtension(f.name)) {
      if (base.empty()) base = ChartFullPath();
      out.push_back(Crd{f.name, JoinPath(base, f.name), &f});
    }
  }
  for (const Chart& d : dependencies) {
    std::vector<Crd> sub = d.CrdEntries();
    for (Crd& c : sub) out.push_back(std::move(c));
  }
  return out;
}

void Chart::AddDependency(Chart child) {
  dependencies.push_back(std::move(child));
  // push_back may have reallocated: every element (not just the new one) needs its parent.
  PointChildrenAt(this);
}

void Chart::SetDependencies(std::vector<Chart> children) {
  dependencies = std::move(children);
  PointChildrenAt(this);
}

void Chart::LinkParents() {
  for (Chart& d : dependencies) {
    d.parent = this;
    d.LinkParents();
  }
}

bool IsValidSemver(std::string_view v) {
  // ^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-ids)?(\+ids)?$ followed by ParseUint and the pre-release and
  // metadata checks of Masterminds' coerceNewVersion.
  size_t i = 0;
  if (i < v.size() && v[i] == 'v') ++i;
  auto number = [&](std::string_view* out) {
    size_t start = i;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
    *out = v.substr(start, i - start);
    return i > start;
  };
  std::string_view major, minor, patch;
  if (!number(&major) || !FitsUint64(major)) return false;
  for (std::string_view* seg : {&minor, &patch}) {
    if (i < v.size() && v[i] == '.') {
      size_t save = i++;
      if (!number(seg)) {
        i = save;
        break;
      }
      if (!FitsUint64(*seg)) return false;
    }
  }
  std::string_view pre, meta;
  if (i < v.size() && v[i] == '-') {
    size_t end = v.find('+', i + 1);
    pre = v.substr(i + 1, (end == std::string_view::npos ? v.size() : end) - i - 1);
    if (!LooseIdentifiers(pre)) return false;
    i = end == std::string_view::npos ? v.size() : end;
  }
  if (i < v.size() && v[i] == '+') {
    meta = v.substr(i + 1);
    if (!LooseIdentifiers(meta)) return false;
    i = v.size();
  }
  if (i != v.size()) return false;
  // validatePrerelease: numeric identifiers must not have leading zeros.
  if (!pre.empty()) {
    for (std::string_view part : Split(pre, ".")) {
      if (AllDigits(part) && part.size() > 1 && part[0] == '0') return false;
    }
  }
  return true;
}

Status ValidateMetadata(Metadata* md) {
  for (std::string* s : {&md->name, &md->description, &md->home, &md->icon, &md->condition, &md->tags,
                         &md->app_version, &md->kube_version}) {
    Sanitize(s);
  }
  for (std::string& s : md->sources) Sanitize(&s);
  for (std::string& s : md->keywords) Sanitize(&s);

  if (md->api_version.empty()) return Invalid("chart.metadata.apiVersion is required");
  if (md->name.empty()) return Invalid("chart.metadata.name is required");
  if (md->name == "." || md->name == "..") {
    return Invalid("chart.metadata.name " + GoQuote(md->name) + " is not allowed");
  }
  if (md->name != GoBase(md->name)) return Invalid("chart.metadata.name " + GoQuote(md->name) + " is invalid");
  if (md->version.empty()) return Invalid("chart.metadata.version is required");
  if (!IsValidSemver(md->version)) {
    return Invalid("chart.metadata.version " + GoQuote(md->version) + " is invalid");
  }
  if (!md->type.empty() && md->type != "application" && md->type != "library") {
    return Invalid("chart.metadata.type must be application or library");
  }
  for (Maintainer& m : md->maintainers) {
    if (m.is_null) return Invalid("maintainers must not contain empty or null nodes");
    Sanitize(&m.name);
    Sanitize(&m.email);
    Sanitize(&m.url);
  }
  std::map<std::string, bool, std::less<>> seen;
  for (Dependency& d : md->dependencies) {
    if (d.is_null) return Invalid("dependencies must not contain empty or null nodes");
    Sanitize(&d.name);
    Sanitize(&d.version);
    Sanitize(&d.repository);
    Sanitize(&d.condition);
    for (std::string& t : d.tags) Sanitize(&t);
    if (!d.alias.empty() && !IsAliasName(d.alias)) {
      return Invalid("dependency " + GoQuote(d.name) + " has disallowed characters in the alias");
    }
    const std::string& key = d.alias.empty() ? d.name : d.alias;
    if (!seen.emplace(key, true).second) {
      return Invalid("more than one dependency with name or alias " + GoQuote(key));
    }
  }
  return OkStatus();
}

Value MetadataToValue(const Chart& chart) {
  const Metadata& md = chart.metadata;
  ValueMap m;
  m.emplace("APIVersion", md.api_version);
  if (md.has_annotations || !md.annotations.empty()) {
    ValueMap a;
    for (const auto& [k, v] : md.annotations) a.emplace(k, v);
    m.emplace("Annotations", Value(std::move(a), MapType::kString));
  } else {
    m.emplace("Annotations", Value());
  }
  m.emplace("AppVersion", md.app_version);
  m.emplace("Condition", md.condition);
  ValueList deps;
  deps.reserve(md.dependencies.size());
  for (const Dependency& d : md.dependencies) {
    ValueMap dm;
    dm.emplace("Alias", d.alias);
    dm.emplace("Condition", d.condition);
    dm.emplace("Enabled", d.enabled);
    dm.emplace("ImportValues", Value(d.import_values));
    dm.emplace("Name", d.name);
    dm.emplace("Repository", d.repository);
    dm.emplace("Tags", StringList(d.tags));
    dm.emplace("Version", d.version);
    deps.emplace_back(std::move(dm));
  }
  m.emplace("Dependencies", Value(std::move(deps)));
  m.emplace("Deprecated", md.deprecated);
  m.emplace("Description", md.description);
  m.emplace("Home", md.home);
  m.emplace("Icon", md.icon);
  m.emplace("IsRoot", chart.IsRoot());
  m.emplace("Keywords", StringList(md.keywords));
  m.emplace("KubeVersion", md.kube_version);
  ValueList maint;
  maint.reserve(md.maintainers.size());
  for (const Maintainer& x : md.maintainers) {
    ValueMap mm;
    mm.emplace("Email", x.email);
    mm.emplace("Name", x.name);
    mm.emplace("URL", x.url);
    maint.emplace_back(std::move(mm));
  }
  m.emplace("Maintainers", Value(std::move(maint)));
  m.emplace("Name", md.name);
  m.emplace("Sources", StringList(md.sources));
  m.emplace("Tags", md.tags);
  m.emplace("Type", md.type);
  m.emplace("Version", md.version);
  return Value(std::move(m));
}

}  // namespace helm::chart
