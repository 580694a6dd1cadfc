#include "helm/action/install.h"

#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <map>

#include "helm/base/fs.h"
#include "helm/base/strings.h"
#include "helm/chart/loader.h"
#include "helm/engine/engine.h"
#include "helm/funcs/funcs.h"
#include "helm/release/manifest.h"
#include "helm/template/template.h"
#include "helm/values/coalesce.h"
#include "helm/values/dependencies.h"
#include "helm/values/log.h"
#include "helm/values/render_values.h"
#include "helm/values/schema.h"

namespace helm::action {
namespace {

constexpr char kNotesSuffix[] = "NOTES.txt";

bool ValidLabel(std::string_view l) {
  if (l.empty()) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(l.front()) || !alnum(l.back())) return false;
  for (char c : l) {
    if (!alnum(c) && c != '-') return false;
  }
  return true;
}

// chartutil.ValidateReleaseName.
Status ValidateReleaseName(const std::string& name) {
  if (name.empty()) return Error(Code::kInvalidArgument, "no name provided");
  bool ok = name.size() <= 53;
  for (const std::string& label : Split(name, ".")) ok = ok && ValidLabel(label);
  if (!ok) {
    return Error(Code::kInvalidArgument,
                 "invalid release name, must match regex "
                 "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be "
                 "longer than 53");
  }
  return OkStatus();
}

// action.TemplateName: renders --name-template with Sprig and no data.
Result<std::string> TemplateName(const std::string& name_template) {
  tmpl::TemplateSet set;
  set.AddFuncs(funcs::SprigFuncMap());
  HELM_RETURN_IF_ERROR(set.Parse("name-template", name_template));
  std::string out;
  HELM_RETURN_IF_ERROR(set.Execute("name-template", Value(), &out));
  return out;
}

std::string Frame(const std::string& name, std::string_view content) {
  std::string s = "---\n# Source: ";
  s += name;
  s += '\n';
  s += content;
  s += '\n';
  return s;
}

// The CheckDependencies of pkg/action: every dependency of Chart.yaml must be present in charts/.
Status CheckDependencies(const chart::Chart& c) {
  std::vector<std::string> missing;
  for (const chart::Dependency& r : c.metadata.dependencies) {
    bool found = false;
    for (const chart::Chart& d : c.dependencies) found = found || d.Name() == r.name;
    if (!found) missing.push_back(r.name);
  }
  if (missing.empty()) return OkStatus();
  std::string list;
  for (size_t i = 0; i < missing.size(); ++i) list += (i ? ", " : "") + missing[i];
  return Error(Code::kNotFound,
               "an error occurred while checking for chart dependencies. You may need to run 'helm dependency "
               "build' to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: " +
                   list);
}

}  // namespace

Status CheckInstallOptions(const InstallOptions& opts) {
  return values::MakeCapabilities(opts.kube_version, opts.api_versions).status();
}

Status NameAndChart(const std::vector<std::string>& args, InstallOptions* opts, std::string* chart_ref) {
  if (args.size() > 2) {
    std::string extra;
    for (size_t i = 2; i < args.size(); ++i) extra += (i > 2 ? ", " : "") + args[i];
    return Error(Code::kInvalidArgument, "expected at most two arguments, unexpected arguments: " + extra);
  }
  if (args.size() == 2) {
    opts->release_name = args[0];
    *chart_ref = args[1];
    if (opts->generate_name) {
      return Error(Code::kInvalidArgument, "cannot set --generate-name and also specify a name");
    }
    if (!opts->name_template.empty()) {
      return Error(Code::kInvalidArgument, "cannot set --name-template and also specify a name");
    }
    return OkStatus();
  }
  *chart_ref = args[0];
  if (!opts->name_template.empty()) {
    HELM_ASSIGN_OR_RETURN(opts->release_name, TemplateName(opts->name_template));
    return OkStatus();
  }
  if (!opts->release_name.empty()) return OkStatus();
  if (!opts->generate_name) {
    return Error(Code::kInvalidArgument, "must either provide a name or specify --generate-name");
  }
  std::string base = args[0];
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  if (size_t slash = base.rfind('/'); slash != std::string::npos) base = base.substr(slash + 1);
  if (base == "." || base.empty()) base = "chart";
  if (size_t dot = base.find('.'); dot != std::string::npos) base = base.substr(0, dot);
  auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  opts->release_name = base + "-" + std::to_string(now.count());
  return OkStatus();
}

Status WriteToFile(const std::string& dir, const std::string& name, const std::string& data, bool append,
                   std::string* log) {
  const std::string path = dir + "/" + name;
  // os.MkdirAll of the parent directory.
  for (size_t p = path.find('/', 1); p != std::string::npos; p = path.find('/', p + 1)) {
    std::string d = path.substr(0, p);
    if (::mkdir(d.c_str(), 0755) != 0 && errno != EEXIST) {
      return Error(Code::kIo, "mkdir " + d + ": " + std::strerror(errno));
    }
  }
  std::ofstream f(path, append ? std::ios::app : std::ios::trunc);
  if (!f) return Error(Code::kIo, "open " + path + ": " + std::strerror(errno));
  f << Frame(name, data);
  if (!f) return Error(Code::kIo, "write " + path + ": " + std::strerror(errno));
  *log += "wrote " + path + "\n";
  return OkStatus();
}

Status RunTemplateInstall(const std::string& chart_path, const InstallOptions& opts, DryRunRelease* out) {
  out->name = opts.release_name;
  if (!PathExists(chart_path)) {
    return Error(Code::kNotFound, "path " + GoQuote(chart_path) + " not found");
  }
  HELM_ASSIGN_OR_RETURN(Value vals, values::MergeValues(opts.values));
  HELM_ASSIGN_OR_RETURN(chart::Chart ch, chart::Load(chart_path));
  if (!ch.metadata.type.empty() && ch.metadata.type != "application") {
    return Error(Code::kInvalidArgument, ch.metadata.type + " charts are not installable");
  }
  if (!ch.metadata.dependencies.empty()) HELM_RETURN_IF_ERROR(CheckDependencies(ch));

  if (Status st = ValidateReleaseName(opts.release_name); !st.ok()) {
    values::Log(values::StderrLog(), "ERROR", "release name check failed",
                {{"error", "release name " + GoQuote(opts.release_name) + ": " + st.message()}});
    return st.Wrap("release name " + GoQuote(opts.release_name)).Wrap("release name check failed");
  }
  if (Status st = values::ProcessDependencies(&ch, vals); !st.ok()) {
    return st.Wrap("chart dependencies processing failed");
  }

  HELM_ASSIGN_OR_RETURN(values::Capabilities caps, values::MakeCapabilities(opts.kube_version, opts.api_versions));
  values::ReleaseOptions ropts;
  ropts.name = opts.release_name;
  ropts.ns = opts.ns;
  ropts.revision = 1;
  ropts.is_install = !opts.is_upgrade;
  ropts.is_upgrade = opts.is_upgrade;
  HELM_ASSIGN_OR_RETURN(Value render_values, values::ToRenderValuesWithSchemaValidation(
                                                 ch, vals, ropts, caps, opts.skip_schema_validation));

  out->rendered = true;
  if (!ch.metadata.kube_version.empty()) {
    HELM_RETURN_IF_ERROR(values::CheckKubeVersion(ch.metadata.kube_version, caps));
  }
  engine::EngineOptions eopts;
  eopts.enable_dns = opts.enable_dns;
  HELM_ASSIGN_OR_RETURN(auto files, engine::Render(ch, render_values, eopts));

  // NOTES.txt is not a manifest: it is pulled out (only the top chart's unless sub_notes).
  const std::string top_notes = ch.Name() + "/templates/" + kNotesSuffix;
  for (auto it = files.begin(); it != files.end();) {
    if (it->first.ends_with(kNotesSuffix)) {
      if (opts.sub_notes || it->first == top_notes) {
        if (!out->notes.empty()) out->notes += '\n';
        out->notes += it->second;
      }
      it = files.erase(it);
    } else {
      ++it;
    }
  }

  auto sorted = release::SortManifests(files, release::InstallOrder());
  if (sorted.ok()) {
    for (const std::string& h : sorted->unknown_hooks) {
      values::Log(values::StderrLog(), "INFO", "skipping unknown hooks", {{"hookTypes", h}});
    }
  }
  if (!sorted.ok()) {
    // Helm hands back every non-blank file so that --debug can show the invalid YAML.
    for (const auto& [name, content] : files) {
      if (!TrimSpace(content).empty()) out->manifest += Frame(name, content);
    }
    return sorted.status();
  }

  std::map<std::string, bool> written;
  if (opts.include_crds) {
    for (const chart::Crd& crd : ch.CrdEntries()) {
      if (opts.output_dir.empty()) {
        out->manifest += Frame(crd.filename, crd.file->data);
      } else {
        HELM_RETURN_IF_ERROR(
            WriteToFile(opts.output_dir, crd.filename, crd.file->data, written[crd.filename], &out->output_log));
        written[crd.filename] = true;
      }
    }
  }
  for (const release::Manifest& m : sorted->manifests) {
    if (opts.output_dir.empty()) {
      out->manifest += Frame(m.name, m.content);
    } else {
      std::string dir = opts.use_release_name ? opts.output_dir + "/" + opts.release_name : opts.output_dir;
      HELM_RETURN_IF_ERROR(WriteToFile(dir, m.name, m.content, written[m.name], &out->output_log));
      written[m.name] = true;
    }
  }
  out->hooks = std::move(sorted->hooks);
  return OkStatus();
}

}  // namespace helm::action
