#include "helm/action/create.h"

#include "helm/action/show.h"
#include "helm/chart/chart.h"
#include "helm/chart/create.h"

namespace helm::action {

std::string BaseName(const std::string& path) {
  std::string p = path;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  if (p.empty()) return ".";
  if (p == "/") return "/";
  size_t slash = p.rfind('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

std::string DirName(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return CleanPath(path.substr(0, slash + 1));
}

Status CreateChart(const std::string& name, const std::string& starter, const std::string& starters_dir,
                   const std::function<void(std::string_view line)>& warn) {
  const std::string chart_name = BaseName(name);
  if (!starter.empty()) {
    chart::Metadata md;
    md.name = chart_name;
    md.description = "A Helm chart for Kubernetes";
    md.type = "application";
    md.version = "0.1.0";
    md.app_version = "0.1.0";
    md.api_version = chart::kApiVersionV2;
    const std::string src = starter[0] == '/' ? starter : CleanPath(starters_dir + "/" + starter);
    return chart::CreateFrom(md, DirName(name), src);
  }
  return chart::Create(chart_name, DirName(name), warn).status();
}

}  // namespace helm::action
