// action::Install in its client-only dry-run form, which is what `helm template` runs (Helm v4.2.4
// pkg/action/install.go + the rendering half of action.go). No cluster is contacted.
#pragma once

#include <string>
#include <vector>

#include "helm/base/result.h"
#include "helm/release/hook.h"
#include "helm/values/options.h"

namespace helm::action {

struct InstallOptions {
  std::string release_name;   // set by NameAndChart
  std::string name_template;  // --name-template
  bool generate_name = false; // --generate-name
  std::string ns = "default"; // the release namespace
  bool is_upgrade = false;    // --is-upgrade: .Release.IsUpgrade instead of IsInstall
  bool include_crds = false;  // --include-crds
  bool disable_hooks = false; // --no-hooks
  bool skip_schema_validation = false;
  bool sub_notes = false;
  bool enable_dns = false;
  std::string kube_version;               // --kube-version, "" for the default
  std::vector<std::string> api_versions;  // --api-versions (extra Capabilities.APIVersions)
  std::string output_dir;                 // --output-dir
  bool use_release_name = false;          // --release-name: output-dir/<release>/...
  values::ValueOptions values;            // -f, --set, ...
};

// What a client-only install produced.
struct DryRunRelease {
  std::string name;
  std::string manifest;  // "---\n# Source: ...\n<doc>\n" per manifest (CRDs first when included)
  std::vector<release::Hook> hooks;
  std::string notes;
  bool rendered = false;  // false when the failure happened before rendering (Helm returns no release)
  // Lines written to stdout while writing --output-dir files ("wrote DIR/chart/templates/x.yaml").
  std::string output_log;
};

// Install.NameAndChart: resolves the release name and chart reference from the positional arguments.
// Errors: "expected at most two arguments, unexpected arguments: ...", "cannot set --generate-name and also
// specify a name", "must either provide a name or specify --generate-name", ...
Status NameAndChart(const std::vector<std::string>& args, InstallOptions* opts, std::string* chart_ref);

// The checks `helm template` makes on its options before anything else (an unparsable --kube-version:
// "invalid kube version 'X': ...").
Status CheckInstallOptions(const InstallOptions& opts);

// Loads the local chart at `chart_path` and renders it as `helm template` does. On a failure after
// rendering began, *out still holds the partial release (rendered = true) for --debug output.
Status RunTemplateInstall(const std::string& chart_path, const InstallOptions& opts, DryRunRelease* out);

// Writes one "---\n# Source: NAME\nDATA\n" file under dir (appending when `append`), as Helm's writeToFile;
// appends "wrote PATH\n" to *log.
Status WriteToFile(const std::string& dir, const std::string& name, const std::string& data, bool append,
                   std::string* log);

}  // namespace helm::action
