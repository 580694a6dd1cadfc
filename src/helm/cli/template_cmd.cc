#include <cstdlib>
#include <ostream>
#include <sys/stat.h>

#include "helm/action/install.h"
#include "helm/base/strings.h"
#include "helm/cli/root.h"
#include "helm/release/manifest.h"
#include "helm/values/log.h"

namespace helm::cli {
namespace {

constexpr char kTemplateLong[] = R"(
Render chart templates locally and display the output.

Any values that would normally be looked up or retrieved in-cluster will be
faked locally. Additionally, none of the server-side testing of chart validity
(e.g. whether an API is supported) is done.

To specify the Kubernetes API versions used for Capabilities.APIVersions, use
the '--api-versions' flag. This flag can be specified multiple times or as a
comma-separated list:

    $ helm template --api-versions networking.k8s.io/v1 --api-versions cert-manager.io/v1 mychart ./mychart

or

    $ helm template --api-versions networking.k8s.io/v1,cert-manager.io/v1 mychart ./mychart
)";

void AddInstallFlags(FlagSet& f) {
  f.Add("api-versions", FlagType::kStringSlice, 'a');
  f.Add("ca-file", FlagType::kString);
  f.Add("cert-file", FlagType::kString);
  f.Add("create-namespace", FlagType::kBool);
  f.Add("dependency-update", FlagType::kBool);
  f.Add("description", FlagType::kString);
  f.Add("devel", FlagType::kBool);
  f.Add("disable-openapi-validation", FlagType::kBool);
  f.Add("dry-run", FlagType::kString, 0, "client", "unset");
  f.Add("enable-dns", FlagType::kBool);
  f.Add("force-conflicts", FlagType::kBool);
  f.Add("force-replace", FlagType::kBool);
  f.Add("generate-name", FlagType::kBool, 'g');
  f.Add("help", FlagType::kBool, 'h');
  f.Add("insecure-skip-tls-verify", FlagType::kBool);
  f.Add("key-file", FlagType::kString);
  f.Add("keyring", FlagType::kString);
  f.Add("labels", FlagType::kStringToString, 'l');
  f.Add("name-template", FlagType::kString);
  f.Add("no-hooks", FlagType::kBool);
  f.Add("pass-credentials", FlagType::kBool);
  f.Add("password", FlagType::kString);
  f.Add("plain-http", FlagType::kBool);
  {
    // Helm 4 post-renderers are plugins of type postrenderer/v1; no plugin can be installed here, so every
    // name is reported as Helm reports a missing one.
    FlagSpec pr;
    pr.name = "post-renderer";
    pr.validate = [](std::string_view name) {
      return Error(Code::kNotFound, "plugin: {Name:" + std::string(name) + " Type:postrenderer/v1} not found");
    };
    f.Add(std::move(pr));
  }
  f.Add("post-renderer-args", FlagType::kStringArray);
  f.Add("replace", FlagType::kBool);
  f.Add("repo", FlagType::kString);
  f.Add("rollback-on-failure", FlagType::kBool);
  f.Add("server-side", FlagType::kBool, 0, "true");
  f.Add("set", FlagType::kStringArray);
  f.Add("set-file", FlagType::kStringArray);
  f.Add("set-json", FlagType::kStringArray);
  f.Add("set-literal", FlagType::kStringArray);
  f.Add("set-string", FlagType::kStringArray);
  f.Add("skip-crds", FlagType::kBool);
  f.Add("skip-schema-validation", FlagType::kBool);
  f.Add("take-ownership", FlagType::kBool);
  f.Add("timeout", FlagType::kDuration, 0, "5m0s");
  f.Add("username", FlagType::kString);
  f.Add("values", FlagType::kStringSlice, 'f');
  f.Add("verify", FlagType::kBool);
  f.Add("version", FlagType::kString);
  f.Add("wait", FlagType::kString, 0, "hookOnly", "watcher");
  f.Add("wait-for-jobs", FlagType::kBool);
}

std::string Frame(const std::string& name, const std::string& content) {
  return "---\n# Source: " + name + "\n" + content + "\n";
}

// The part of "# Source: CHART/PATH" after the chart name, as Helm's regexp "# Source: [^/]+/(.+)" takes it.
bool SourcePath(const std::string& doc, std::string* path) {
  size_t pos = 0;
  while ((pos = doc.find("# Source: ", pos)) != std::string::npos) {
    size_t start = pos + 10;
    size_t slash = doc.find('/', start);
    if (slash != std::string::npos && slash > start) {
      size_t end = doc.find('\n', slash + 1);
      if (end == std::string::npos) end = doc.size();
      if (end > slash + 1) {
        *path = doc.substr(slash + 1, end - slash - 1);
        return true;
      }
    }
    pos = start;
  }
  return false;
}

// cmdGetDryRunFlagStrategy for `helm template`: "client" (or a true boolean) renders locally; "server"
// needs a cluster.
Status CheckDryRun(const FlagSet& f, IoStreams io, bool* server) {
  std::string v = f.GetString("dry-run");
  *server = false;
  if (v == "unset") {
    *io.err << values::FormatLogLine("WARN", "--dry-run is deprecated and should be replaced with '--dry-run=client'")
            << "\n";
    return OkStatus();
  }
  if (v == "client") return OkStatus();
  if (v == "server") {
    *server = true;
    return OkStatus();
  }
  const std::string template_only = "invalid dry-run value (" + GoQuote(v) + "). Must be \"server\" or \"client\"";
  if (v == "none") return Error(Code::kInvalidArgument, template_only);
  bool b;
  if (v == "1" || v == "t" || v == "T" || v == "TRUE" || v == "true" || v == "True") {
    b = true;
  } else if (v == "0" || v == "f" || v == "F" || v == "FALSE" || v == "false" || v == "False") {
    b = false;
  } else {
    return Error(Code::kInvalidArgument,
                 "invalid dry-run value (" + GoQuote(v) + "). Must be \"none\", \"server\", or \"client\"");
  }
  if (!b) return Error(Code::kInvalidArgument, template_only);
  *io.err << values::FormatLogLine("WARN", "boolean '--dry-run=" + v +
                                               "' flag is deprecated and must be replaced with '--dry-run=client'")
          << "\n";
  return OkStatus();
}

Status RunTemplate(const Command& cmd, const std::vector<std::string>& args, IoStreams io) {
  const FlagSet& f = cmd.AllFlags();
  const bool debug = f.GetBool("debug");
  bool server = false;
  HELM_RETURN_IF_ERROR(CheckDryRun(f, io, &server));
  if (f.GetBool("validate")) {
    *io.err << "Flag --validate has been deprecated, use '--dry-run=server' instead\n";
    server = true;
  }
  if (server) {
    // Server-side dry runs talk to a cluster; this build has no Kubernetes client yet.
    return Error(Code::kUnavailable,
                 "cluster reachability check failed: kubernetes cluster unreachable: no Kubernetes client in this "
                 "build");
  }
  action::InstallOptions opts;
  opts.release_name = "release-name";
  opts.name_template = f.GetString("name-template");
  opts.generate_name = f.GetBool("generate-name");
  if (f.Changed("namespace")) {
    opts.ns = f.GetString("namespace");
  } else if (const char* env = std::getenv("HELM_NAMESPACE"); env != nullptr && *env != '\0') {
    opts.ns = env;
  }
  opts.is_upgrade = f.GetBool("is-upgrade");
  opts.include_crds = f.GetBool("include-crds");
  opts.disable_hooks = f.GetBool("no-hooks");
  opts.skip_schema_validation = f.GetBool("skip-schema-validation");
  opts.enable_dns = f.GetBool("enable-dns");
  opts.kube_version = f.GetString("kube-version");
  opts.api_versions = f.GetStrings("api-versions");
  opts.output_dir = f.GetString("output-dir");
  opts.use_release_name = f.GetBool("release-name");
  opts.values.value_files = f.GetStrings("values");
  opts.values.values = f.GetStrings("set");
  opts.values.string_values = f.GetStrings("set-string");
  opts.values.file_values = f.GetStrings("set-file");
  opts.values.json_values = f.GetStrings("set-json");
  opts.values.literal_values = f.GetStrings("set-literal");

  std::string chart_ref;
  HELM_RETURN_IF_ERROR(action::NameAndChart(args, &opts, &chart_ref));

  action::DryRunRelease rel;
  Status install_err = action::RunTemplateInstall(chart_ref, opts, &rel);
  *io.out << rel.output_log;
  if (!install_err.ok() && !debug) {
    if (rel.rendered) {
      return Error(install_err.code(), install_err.message() + "\n\nUse --debug flag to render out invalid YAML");
    }
    return install_err;
  }
  if (!rel.rendered) return install_err;

  std::string manifests(TrimSpace(rel.manifest));
  manifests += '\n';
  if (!opts.disable_hooks) {
    const bool skip_tests = f.GetBool("skip-tests");
    std::map<std::string, bool> written;
    for (const release::Hook& h : rel.hooks) {
      if (skip_tests && h.IsTest()) continue;
      if (opts.output_dir.empty()) {
        manifests += Frame(h.path, h.manifest);
        continue;
      }
      std::string dir = opts.use_release_name ? opts.output_dir + "/" + opts.release_name : opts.output_dir;
      struct stat st;
      if (::stat((dir + "/" + h.path).c_str(), &st) == 0) written[h.path] = true;
      std::string log;
      Status ws = action::WriteToFile(dir, h.path, h.manifest, written[h.path], &log);
      *io.out << log;
      HELM_RETURN_IF_ERROR(ws);
    }
  }

  std::vector<std::string> show_only = f.GetStrings("show-only");
  if (show_only.empty()) {
    *io.out << manifests;
    return install_err;
  }
  std::vector<std::string> docs = release::SplitManifests(manifests);
  std::vector<const std::string*> selected;
  for (const std::string& pattern : show_only) {
    bool missing = true;
    for (const std::string& doc : docs) {
      std::string path;
      if (!SourcePath(doc, &path)) continue;
      if (!PathMatch(pattern, path)) continue;
      selected.push_back(&doc);
      missing = false;
    }
    if (missing) {
      if (!install_err.ok() && debug) return install_err;
      return Error(Code::kNotFound, "could not find template " + pattern + " in chart");
    }
  }
  for (const std::string* doc : selected) *io.out << "---\n" << *doc << "\n";
  return install_err;
}

}  // namespace

std::unique_ptr<Command> NewTemplateCommand() {
  auto cmd = std::make_unique<Command>();
  cmd->use = "template [NAME] [CHART]";
  cmd->short_desc = "locally render templates";
  cmd->long_desc = kTemplateLong;
  cmd->args = MinimumNArgs(1);
  FlagSet& f = cmd->flags;
  AddInstallFlags(f);
  f.Add("show-only", FlagType::kStringArray, 's');
  f.Add("output-dir", FlagType::kString);
  f.Add("validate", FlagType::kBool);
  f.Add("include-crds", FlagType::kBool);
  f.Add("skip-tests", FlagType::kBool);
  f.Add("is-upgrade", FlagType::kBool);
  f.Add("kube-version", FlagType::kString);
  f.Add("release-name", FlagType::kBool);
  cmd->run = RunTemplate;
  return cmd;
}

}  // namespace helm::cli
