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

// The flags of `helm template` (install's flags plus template's own), with Helm v4.2.4's help texts.
void AddTemplateFlags(FlagSet& f, const HelmPaths& paths) {
  f.Add(Spec("api-versions", 'a', FlagType::kStringSlice,
               "Kubernetes api versions used for Capabilities.APIVersions (multiple can be specified)"));
  f.Add(Spec("ca-file", 0, FlagType::kString,
               "verify certificates of HTTPS-enabled servers using this CA bundle"));
  f.Add(Spec("cert-file", 0, FlagType::kString,
               "identify HTTPS client using this SSL certificate file"));
  f.Add(Spec("create-namespace", 0, FlagType::kBool,
               "create the release namespace if not present"));
  f.Add(Spec("dependency-update", 0, FlagType::kBool,
               "update dependencies if they are missing before installing the chart"));
  f.Add(Spec("description", 0, FlagType::kString,
               "add a custom description"));
  f.Add(Spec("devel", 0, FlagType::kBool,
               "use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored"));
  f.Add(Spec("disable-openapi-validation", 0, FlagType::kBool,
               "if set, the installation process will not validate rendered templates against the Kubernetes OpenAPI Schema"));
  {
    FlagSpec s = Spec("dry-run", 0, FlagType::kString,
                      "simulates the operation either client-side or server-side. Must be either: \"client\", or \"server\". '--dry-run=client simulates the operation client-side only and avoids cluster connections. '--dry-run=server' simulates/validates the operation on the server, requiring cluster connectivity.");
    s.no_opt_default = "unset";
    s.default_value = "client";
    s.help_default = "\"client\"";
    f.Add(std::move(s));
  }
  f.Add(Spec("enable-dns", 0, FlagType::kBool,
               "enable DNS lookups when rendering templates"));
  f.Add(Spec("force-conflicts", 0, FlagType::kBool,
               "if set server-side apply will force changes against conflicts"));
  f.Add(Spec("force-replace", 0, FlagType::kBool,
               "force resource updates by replacement"));
  f.Add(Spec("generate-name", 'g', FlagType::kBool,
               "generate the name (and omit the NAME parameter)"));
  f.Add(Spec("include-crds", 0, FlagType::kBool,
               "include CRDs in the templated output"));
  f.Add(Spec("insecure-skip-tls-verify", 0, FlagType::kBool,
               "skip tls certificate checks for the chart download"));
  f.Add(Spec("is-upgrade", 0, FlagType::kBool,
               "set .Release.IsUpgrade instead of .Release.IsInstall"));
  f.Add(Spec("key-file", 0, FlagType::kString,
               "identify HTTPS client using this SSL key file"));
  {
    FlagSpec s = Spec("keyring", 0, FlagType::kString,
                      "location of public keys used for verification");
    s.default_value = paths.keyring;
    s.help_default = GoQuote(paths.keyring);
    f.Add(std::move(s));
  }
  f.Add(Spec("kube-version", 0, FlagType::kString,
               "Kubernetes version used for Capabilities.KubeVersion"));
  {
    FlagSpec s = Spec("labels", 'l', FlagType::kStringToString,
                      "Labels that would be added to release metadata. Should be divided by comma.");
    s.help_default = "[]";
    f.Add(std::move(s));
  }
  f.Add(Spec("name-template", 0, FlagType::kString,
               "specify template used to name the release"));
  f.Add(Spec("no-hooks", 0, FlagType::kBool,
               "prevent hooks from running during install"));
  f.Add(Spec("output-dir", 0, FlagType::kString,
               "writes the executed templates to files in output-dir instead of stdout"));
  f.Add(Spec("pass-credentials", 0, FlagType::kBool,
               "pass credentials to all domains"));
  f.Add(Spec("password", 0, FlagType::kString,
               "chart repository password where to locate the requested chart"));
  f.Add(Spec("plain-http", 0, FlagType::kBool,
               "use insecure HTTP connections for the chart download"));
  {
    FlagSpec s = Spec("post-renderer-args", 0, FlagType::kStringArray,
                      "an argument to the post-renderer (can specify multiple)");
    s.value_type = "postRendererArgsSlice";
    s.help_default = "[]";
    f.Add(std::move(s));
  }
  f.Add(Spec("release-name", 0, FlagType::kBool,
               "use release name in the output-dir path."));
  f.Add(Spec("replace", 0, FlagType::kBool,
               "reuse the given name, only if that name is a deleted release which remains in the history. This is unsafe in production"));
  f.Add(Spec("repo", 0, FlagType::kString,
               "chart repository url where to locate the requested chart"));
  f.Add(Spec("rollback-on-failure", 0, FlagType::kBool,
               "if set, Helm will rollback (uninstall) the installation upon failure. The --wait flag will be default to \"watcher\" if --rollback-on-failure is set"));
  {
    FlagSpec s = Spec("server-side", 0, FlagType::kBool,
                      "object updates run in the server instead of the client");
    s.default_value = "true";
    s.help_default = "true";
    f.Add(std::move(s));
  }
  f.Add(Spec("set", 0, FlagType::kStringArray,
               "set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)"));
  f.Add(Spec("set-file", 0, FlagType::kStringArray,
               "set values from respective files specified via the command line (can specify multiple or separate values with commas: key1=path1,key2=path2)"));
  f.Add(Spec("set-json", 0, FlagType::kStringArray,
               "set JSON values on the command line (can specify multiple or separate values with commas: key1=jsonval1,key2=jsonval2 or using json format: {\"key1\": jsonval1, \"key2\": \"jsonval2\"})"));
  f.Add(Spec("set-literal", 0, FlagType::kStringArray,
               "set a literal STRING value on the command line"));
  f.Add(Spec("set-string", 0, FlagType::kStringArray,
               "set STRING values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)"));
  f.Add(Spec("show-only", 's', FlagType::kStringArray,
               "only show manifests rendered from the given templates"));
  f.Add(Spec("skip-crds", 0, FlagType::kBool,
               "if set, no CRDs will be installed. By default, CRDs are installed if not already present"));
  f.Add(Spec("skip-schema-validation", 0, FlagType::kBool,
               "if set, disables JSON schema validation"));
  f.Add(Spec("skip-tests", 0, FlagType::kBool,
               "skip tests from templated output"));
  f.Add(Spec("take-ownership", 0, FlagType::kBool,
               "if set, install will ignore the check for helm annotations and take ownership of the existing resources"));
  {
    FlagSpec s = Spec("timeout", 0, FlagType::kDuration,
                      "time to wait for any individual Kubernetes operation (like Jobs for hooks)");
    s.default_value = "5m0s";
    s.help_default = "5m0s";
    f.Add(std::move(s));
  }
  f.Add(Spec("username", 0, FlagType::kString,
               "chart repository username where to locate the requested chart"));
  f.Add(Spec("values", 'f', FlagType::kStringSlice,
               "specify values in a YAML file or a URL (can specify multiple)"));
  f.Add(Spec("verify", 0, FlagType::kBool,
               "verify the package before using it"));
  f.Add(Spec("version", 0, FlagType::kString,
               "specify a version constraint for the chart version to use. This constraint can be a specific tag (e.g. 1.1.1) or it may reference a valid range (e.g. ^2.0.0). If this is not specified, the latest version is used"));
  {
    FlagSpec s = Spec("wait", 0, FlagType::kString,
                      "wait until resources are ready (up to --timeout). Use '--wait' alone for 'watcher' strategy, or specify one of: 'watcher', 'hookOnly', 'legacy'. Default when flag is omitted: 'hookOnly'.");
    s.value_type = "WaitStrategy";
    s.no_opt_default = "watcher";
    s.default_value = "hookOnly";
    s.help_default = "hookOnly";
    f.Add(std::move(s));
  }
  f.Add(Spec("wait-for-jobs", 0, FlagType::kBool,
               "if set and --wait enabled, will wait until all Jobs have been completed before marking the release as successful. It will wait for as long as --timeout"));
  {
    // Helm 4 post-renderers are plugins of type postrenderer/v1; no plugin can be installed here, so every
    // name is reported as Helm reports a missing one.
    FlagSpec s = Spec("post-renderer", 0, FlagType::kString,
                      "the name of a postrenderer type plugin to be used for post rendering. If it exists, the "
                      "plugin will be used");
    s.value_type = "postRendererString";
    s.validate = [](std::string_view name) {
      return Error(Code::kNotFound, "plugin: {Name:" + std::string(name) + " Type:postrenderer/v1} not found");
    };
    f.Add(std::move(s));
  }
  // Deprecated (hence hidden) flags that are still accepted.
  auto deprecated = [&f](const char* name, FlagType type, const char* message) {
    FlagSpec s = Spec(name, 0, type, "deprecated");
    s.deprecated = message;
    s.hidden = true;
    f.Add(std::move(s));
  };
  deprecated("validate", FlagType::kBool, "use '--dry-run=server' instead");
  deprecated("force", FlagType::kBool, "use --force-replace instead");
  deprecated("atomic", FlagType::kBool, "use --rollback-on-failure instead");
  deprecated("hide-notes", FlagType::kBool,
             "this flag has no effect for 'helm template' and will be removed in Helm 5");
  deprecated("render-subchart-notes", FlagType::kBool,
             "this flag has no effect for 'helm template' and will be removed in Helm 5");
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

  HELM_RETURN_IF_ERROR(action::CheckInstallOptions(opts));
  bool server = false;
  HELM_RETURN_IF_ERROR(CheckDryRun(f, io, &server));
  if (f.GetBool("validate")) server = true;
  if (server) {
    // Server-side dry runs talk to a cluster; this build has no Kubernetes client yet.
    return Error(Code::kUnavailable,
                 "cluster reachability check failed: kubernetes cluster unreachable: no Kubernetes client in this "
                 "build");
  }
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
  AddTemplateFlags(cmd->flags, DefaultHelmPaths());
  cmd->run = RunTemplate;
  return cmd;
}

}  // namespace helm::cli
