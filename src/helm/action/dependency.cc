#include "helm/action/dependency.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "helm/action/package.h"
#include "helm/action/show.h"
#include "helm/base/fs.h"
#include "helm/base/semver.h"
#include "helm/base/strings.h"
#include "helm/chart/loader.h"

namespace helm::action {
namespace {

size_t RuneCount(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string TruncateRunes(const std::string& s, size_t width) {
  // Keeps width-3 runes and appends "...".
  if (width < 3) return s.substr(0, width);
  size_t keep = width - 3, runes = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (runes == keep) break;
      ++runes;
    }
  }
  return s.substr(0, i) + "...";
}

// Sorted names of a directory's entries (filepath.Glob's order); empty when it cannot be read.
std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return names;
  while (struct dirent* e = ::readdir(d)) {
    if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) names.emplace_back(e->d_name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

chart::LoadOptions Quiet() {
  chart::LoadOptions o;
  o.log = nullptr;
  return o;
}

// "" when version satisfies the dependency's constraint, else the status word.
std::string VersionStatus(const std::string& constraint, const std::string& version) {
  if (version == constraint) return "";
  Result<SemConstraints> c = SemConstraints::Parse(constraint);
  if (!c.ok()) return "invalid version";
  Result<SemVersion> v = ParseSemVersion(version);
  if (!v.ok()) return "invalid version";
  return c->Check(*v) ? "" : "wrong version";
}

std::string ArchiveStatus(const std::string& archive, const chart::Dependency& dep) {
  struct stat st;
  if (::stat(archive.c_str(), &st) != 0) return "";
  Result<chart::Chart> c = chart::LoadV2(archive, Quiet());
  if (!c.ok()) return "corrupt";
  if (c->Name() != dep.name) return "misnamed";
  std::string s = VersionStatus(dep.version, c->metadata.version);
  return s.empty() ? "ok" : s;
}

std::string DependencyStatus(const std::string& chart_path, const chart::Dependency& dep,
                             const chart::Chart& parent) {
  const std::string dir = CleanPath(chart_path + "/charts");
  const std::string prefix = dep.name + "-";
  std::vector<std::string> archives;
  for (const std::string& n : ListDir(dir)) {
    if (n.size() >= prefix.size() + 4 && n.compare(0, prefix.size(), prefix) == 0 &&
        n.compare(n.size() - 4, 4, ".tgz") == 0) {
      archives.push_back(dir + "/" + n);
    }
  }
  if (archives.size() > 1) {
    std::vector<std::string> found;
    for (const std::string& arc : archives) {
      std::string base = arc.substr(arc.rfind('/') + 1);
      base = base.substr(prefix.size(), base.size() - prefix.size() - 4);
      if (IsStrictSemver(base)) found.push_back(arc);
    }
    if (found.size() == 1) {
      if (std::string r = ArchiveStatus(found[0], dep); !r.empty()) return r;
    } else if (found.size() > 1) {
      return "too many matches";
    }
  } else if (archives.size() == 1) {
    if (std::string r = ArchiveStatus(archives[0], dep); !r.empty()) return r;
  }
  const chart::Chart* dep_chart = nullptr;
  for (const chart::Chart& c : parent.dependencies) {
    if (c.Name() == dep.name) dep_chart = &c;
  }
  if (dep_chart == nullptr) return "missing";
  std::string s = VersionStatus(dep.version, dep_chart->metadata.version);
  return s.empty() ? "unpacked" : s;
}

}  // namespace

std::string FormatTable(const std::vector<std::vector<std::string>>& rows, size_t max_col_width) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], std::min(RuneCount(row[i]), max_col_width));
  }
  std::string out;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (r > 0) out += "\n";
    for (size_t i = 0; i < rows[r].size(); ++i) {
      if (i > 0) out += "\t";
      std::string cell = rows[r][i];
      if (RuneCount(cell) > widths[i]) cell = TruncateRunes(cell, widths[i]);
      out += cell;
      out.append(widths[i] - RuneCount(cell), ' ');
    }
  }
  return out;
}

Result<std::string> ListDependencies(const std::string& chart_path, size_t max_col_width) {
  struct stat st;
  if (::stat(chart_path.c_str(), &st) != 0) {
    return Error(Code::kNotFound, "stat " + chart_path + ": " + GoErrnoText(errno));
  }
  HELM_ASSIGN_OR_RETURN(chart::Chart c, chart::LoadV2(chart_path));
  const std::string charts_dir = CleanPath(chart_path + "/charts");
  if (c.metadata.dependencies.empty()) return "WARNING: no dependencies at " + charts_dir + "\n";
  std::vector<std::vector<std::string>> rows = {{"NAME", "VERSION", "REPOSITORY", "STATUS"}};
  for (const chart::Dependency& d : c.metadata.dependencies) {
    rows.push_back({d.name, d.version, d.repository, DependencyStatus(chart_path, d, c)});
  }
  std::string out = FormatTable(rows, max_col_width) + "\n\n";
  for (const std::string& n : ListDir(charts_dir)) {
    const std::string f = charts_dir + "/" + n;
    struct stat fst;
    if (::stat(f.c_str(), &fst) != 0) {
      out += "Warning: stat " + f + ": " + GoErrnoText(errno) + "\n";
      continue;
    }
    if (!S_ISDIR(fst.st_mode) && (n.size() < 4 || n.compare(n.size() - 4, 4, ".tgz") != 0)) continue;
    Result<chart::Chart> sub = chart::LoadV2(f, Quiet());
    if (!sub.ok()) {
      out += "WARNING: " + GoQuote(f) + " is not a chart.\n";
      continue;
    }
    bool found = false;
    for (const chart::Dependency& d : c.metadata.dependencies) found = found || d.name == sub->Name();
    if (!found) out += "WARNING: " + GoQuote(f) + " is not in Chart.yaml.\n";
  }
  return out;
}

}  // namespace helm::action
