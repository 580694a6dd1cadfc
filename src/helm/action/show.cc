#include "helm/action/show.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <cerrno>
#include <cstring>
#include <vector>
#include <memory>

#include "helm/base/fs.h"
#include "helm/base/strings.h"
#include "helm/chart/loader.h"
#include "helm/chart/save.h"
#include "helm/yaml/yaml.h"

namespace helm::action {
namespace {

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace


std::string GoErrnoText(int err) {
  std::string s = std::strerror(err);
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

std::string AbsPath(const std::string& path) {
  if (!path.empty() && path[0] == '/') return CleanPath(path);
  char* cwd = ::getcwd(nullptr, 0);
  if (cwd == nullptr) return CleanPath(path);
  std::string base(cwd);
  std::free(cwd);
  return CleanPath(base + "/" + path);
}

namespace {

bool EqualFold(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// True when repositories.yaml at `path` lists a repository named `name`.
bool RepoConfigured(const std::string& path, const std::string& name) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return false;
  Result<Value> doc = yaml::ParseYaml(*text);
  if (!doc.ok()) return false;
  const Value* repos = doc->Find("repositories");
  if (repos == nullptr || !repos->is_list()) return false;
  for (const Value& r : repos->as_list()) {
    const Value* n = r.Find("name");
    if (n != nullptr && n->is_string() && n->as_string() == name) return true;
  }
  return false;
}

// k8s JSONPath's text form of one result: strings verbatim, everything else as JSON.
Result<std::string> JsonPathText(const Value& v) {
  if (v.is_string()) return v.as_string();
  return yaml::MarshalJson(v);
}

// The supported JSONPath subset: literal text and {.field.path} (or {.} / {$}) expressions.
Result<std::string> ExecuteJsonPath(const std::string& tmpl, const Value& values) {
  std::string out;
  size_t i = 0;
  while (i < tmpl.size()) {
    size_t open = tmpl.find('{', i);
    if (open == std::string::npos) {
      out += tmpl.substr(i);
      break;
    }
    out += tmpl.substr(i, open - i);
    size_t close = tmpl.find('}', open);
    if (close == std::string::npos) return Error(Code::kInvalidArgument, "unclosed action");
    std::string expr(TrimSpace(std::string_view(tmpl).substr(open + 1, close - open - 1)));
    if (!expr.empty() && expr[0] == '$') expr.erase(0, 1);
    if (expr.empty() || expr[0] != '.') {
      return Error(Code::kUnsupported, "unsupported JSONPath expression {" + expr + "}");
    }
    Value cur = values;
    for (const std::string& part : Split(expr.substr(1), ".")) {
      if (part.empty()) continue;
      if (part.find_first_of("[]*?@()") != std::string::npos) {
        return Error(Code::kUnsupported, "unsupported JSONPath expression {" + expr + "}");
      }
      const Value* next = cur.Find(part);
      if (next == nullptr) return Error(Code::kNotFound, part + " is not found");
      cur = *next;
    }
    HELM_ASSIGN_OR_RETURN(std::string text, JsonPathText(cur));
    out += text;
    i = close + 1;
  }
  return out;
}

}  // namespace

Result<std::string> LocateLocalChart(const std::string& raw_name, const std::string& repository_config,
                                     bool verify, const std::string& keyring) {
  const std::string name(TrimSpace(raw_name));
  if (Exists(name)) {
    std::string abs = AbsPath(name);
    if (verify) {
      if (IsDirectory(abs)) return Error(Code::kInvalidArgument, "unpacked charts cannot be verified");
      if (abs.size() < 4 || !EqualFold(std::string_view(abs).substr(abs.size() - 4), ".tgz")) {
        return Error(Code::kInvalidArgument, "chart must be a tgz file");
      }
      const std::string prov = abs + ".prov";
      struct stat st;
      if (::stat(prov.c_str(), &st) != 0) {
        return Error(Code::kNotFound, "could not load provenance file " + prov + ": stat " + prov + ": " +
                                          GoErrnoText(errno));
      }
      if (::stat(keyring.c_str(), &st) != 0) {
        return Error(Code::kNotFound, "failed to load keyring: open " + keyring + ": " + GoErrnoText(errno));
      }
      return Error(Code::kUnsupported, "cannot verify " + abs + ": provenance (PGP) verification is not supported in this build");
    }
    return abs;
  }
  if ((!name.empty() && name[0] == '/') || (!name.empty() && name[0] == '.')) {
    return Error(Code::kNotFound, "path " + GoQuote(name) + " not found");
  }
  if (name.find("://") != std::string::npos) {
    // http(s):// archives and oci:// references need the getter and registry clients.
    return Error(Code::kUnavailable, "cannot download " + name + ": remote charts are not supported in this build");
  }
  size_t slash = name.find('/');
  if (slash == std::string::npos) {
    return Error(Code::kInvalidArgument,
                 "non-absolute URLs should be in form of repo_name/path_to_chart, got: " + name);
  }
  const std::string repo = name.substr(0, slash);
  if (!RepoConfigured(repository_config, repo)) {
    return Error(Code::kNotFound, "repo " + repo + " not found");
  }
  return Error(Code::kUnavailable, "cannot download " + name + ": chart repositories are not reachable in this build");
}

Result<std::string> ShowChart(const std::string& chart_path, const ShowOptions& opts) {
  HELM_ASSIGN_OR_RETURN(chart::Chart ch, chart::LoadV2(chart_path));
  const ShowFormat f = opts.format;
  std::string out;
  if (f == ShowFormat::kChart || f == ShowFormat::kAll) {
    HELM_ASSIGN_OR_RETURN(std::string md, chart::MarshalMetadata(ch.metadata));
    out += md + "\n";
  }
  // Helm's chart.Values is nil when the chart has no values.yaml.
  const chart::File* values_file = nullptr;
  for (const chart::File& file : ch.raw) {
    if (file.name == "values.yaml") values_file = &file;
  }
  if ((f == ShowFormat::kValues || f == ShowFormat::kAll) && values_file != nullptr) {
    if (f == ShowFormat::kAll) out += "---\n";
    if (!opts.jsonpath.empty()) {
      HELM_ASSIGN_OR_RETURN(std::string text, ExecuteJsonPath(opts.jsonpath, ch.values));
      out += text;
    } else {
      for (const chart::File& file : ch.raw) {
        if (file.name == "values.yaml") out += file.data + "\n";
      }
    }
  }
  if (f == ShowFormat::kReadme || f == ShowFormat::kAll) {
    const chart::File* readme = nullptr;
    for (const chart::File& file : ch.files) {
      if (EqualFold(file.name, "readme.md") || EqualFold(file.name, "readme.txt") ||
          EqualFold(file.name, "readme")) {
        readme = &file;
        break;
      }
    }
    if (readme != nullptr) {
      if (f == ShowFormat::kAll) out += "---\n";
      out += readme->data + "\n";
    }
  }
  if (f == ShowFormat::kCrds || f == ShowFormat::kAll) {
    for (const chart::Crd& crd : ch.CrdEntries()) {
      if (crd.file->data.rfind("---", 0) != 0) out += "---\n";
      out += crd.file->data + "\n";
    }
  }
  return out;
}

}  // namespace helm::action
