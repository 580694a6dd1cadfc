// The top-level template data: {Chart, Capabilities, Release, Values} (Helm's
// pkg/chart/common/util/values.go ToRenderValues and pkg/chart/common/capabilities.go).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "helm/base/result.h"
#include "helm/chart/chart.h"
#include "helm/value/value.h"
#include "helm/values/log.h"

namespace helm::values {

// common.KubeVersion. `version` keeps the user's text (with a "v" prefix), `normalized` is what String()
// and kubeVersion constraints use ("v1.33.4" for "v1.33.4-gke.1245000").
struct KubeVersion {
  std::string version = "v1.36.0";
  std::string normalized = "v1.36.0";
  std::string major = "1";
  std::string minor = "36";
};

// version.BuildInfo of the official Helm v4.2.4 release build (.Capabilities.HelmVersion).
struct HelmBuildInfo {
  std::string version = "v4.2.4";
  std::string git_commit = "3900f434fd3ef2b84065dc04508df48f288dba00";
  std::string git_tree_state = "clean";
  std::string go_version = "go1.26.8";
  std::string kube_client_version = "v1.36";
};

// Helm's DefaultVersionSet: the 55 group/versions client-go v0.36 registers, in Helm's order.
const std::vector<std::string>& DefaultApiVersions();

// common.Capabilities; the defaults are Helm's DefaultCapabilities (what `helm template` uses).
struct Capabilities {
  KubeVersion kube_version;
  std::vector<std::string> api_versions = DefaultApiVersions();
  HelmBuildInfo helm_version;
};

// common.ParseKubeVersion (k8s.io/apimachinery ParseGeneric): "[v]MAJOR.MINOR[.more][anything]" with
// optional surrounding white space. Errors (kInvalidArgument), e.g.
//   could not parse "abc" as version
//   illegal version string "1"
//   illegal zero-prefixed version component "01" in "01.2"
Result<KubeVersion> ParseKubeVersion(std::string_view version);

// `helm template`'s capabilities: the defaults, the --kube-version override (when not empty) and
// --api-versions appended. Errors: "invalid kube version 'X': <ParseKubeVersion error>".
Result<Capabilities> MakeCapabilities(std::string_view kube_version, const std::vector<std::string>& api_versions);

// The chart's kubeVersion constraint against caps: "chart requires kubeVersion: C which is incompatible
// with Kubernetes V" (kInvalidArgument) when it does not match.
Status CheckKubeVersion(std::string_view constraint, const Capabilities& caps);

// common.ReleaseOptions.
struct ReleaseOptions {
  std::string name;
  std::string ns;
  int revision = 1;
  bool is_upgrade = false;
  bool is_install = true;
};

// .Capabilities as a template object (*common.Capabilities): fields KubeVersion (String/GitVersion
// methods; Version, Major, Minor), APIVersions (a []string with method Has) and HelmVersion (Version,
// GitCommit, GitTreeState, GoVersion, KubeClientVersion). Printing follows Go's %v of the structs.
Value CapabilitiesValue(const Capabilities& caps);

// ToRenderValuesWithSchemaValidation: coalesces `values` (user values) with the chart (CoalesceValues),
// validates them against every values.schema.json in the tree unless skipped, and returns
// {Chart: MetadataToValue, Capabilities, Release: {Name, Namespace, IsUpgrade, IsInstall, Revision (int),
// Service: "Helm"}, Values (typed common.Values)}. Schema errors read "values don't meet the
// specifications of the schema(s) in the following chart(s):\n<chart>:\n- at ...".
Result<Value> ToRenderValuesWithSchemaValidation(const chart::Chart& chart, const Value& values,
                                                 const ReleaseOptions& options, const Capabilities& caps,
                                                 bool skip_schema_validation, const LogFn& log = StderrLog());
// ToRenderValues: the same, with schema validation.
Result<Value> ToRenderValues(const chart::Chart& chart, const Value& values, const ReleaseOptions& options,
                             const Capabilities& caps, const LogFn& log = StderrLog());

}  // namespace helm::values
