#include "helm/values/render_values.h"

#include <memory>
#include <optional>
#include <span>

#include "helm/base/strings.h"
#include "helm/values/coalesce.h"
#include "helm/values/schema.h"
#include "helm/base/semver.h"

namespace helm::values {
namespace {

std::string JoinSpace(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out.push_back(' ');
    out += items[i];
  }
  return out;
}

// Go's %v of a common.KubeVersion struct (unexported normalizedVersion included).
std::string KubeVersionStruct(const KubeVersion& kv) {
  return "{" + kv.version + " " + kv.normalized + " " + kv.major + " " + kv.minor + "}";
}

std::string BuildInfoStruct(const HelmBuildInfo& b) {
  return "{" + b.version + " " + b.git_commit + " " + b.git_tree_state + " " + b.go_version + " " +
         b.kube_client_version + "}";
}

Status WrongArgs(std::string_view method, size_t want, size_t got) {
  return Error(Code::kExecution, "wrong number of args for " + std::string(method) + ": want " +
                                     std::to_string(want) + " got " + std::to_string(got));
}

class KubeVersionObject : public Object {
 public:
  explicit KubeVersionObject(KubeVersion kv) : kv_(std::move(kv)) {}
  std::string TypeName() const override { return "common.KubeVersion"; }
  std::string KindName() const override { return "struct"; }
  std::optional<Value> Field(std::string_view name) const override {
    if (name == "Version") return Value(kv_.version);
    if (name == "Major") return Value(kv_.major);
    if (name == "Minor") return Value(kv_.minor);
    return std::nullopt;
  }
  bool HasMethod(std::string_view name) const override { return name == "String" || name == "GitVersion"; }
  Result<Value> CallMethod(std::string_view name, std::span<const Value> args) const override {
    if (!args.empty()) return WrongArgs(name, 0, args.size());
    if (name == "String") return Value(String());
    if (name == "GitVersion") return Value(kv_.version);
    return Object::CallMethod(name, args);
  }
  // Templates print the addressable field through its String method.
  std::string Format() const override { return String(); }

 private:
  std::string String() const { return kv_.normalized.empty() ? kv_.version : kv_.normalized; }
  KubeVersion kv_;
};

class VersionSetObject : public Object {
 public:
  explicit VersionSetObject(std::vector<std::string> versions) : versions_(std::move(versions)) {}
  std::string TypeName() const override { return "common.VersionSet"; }
  std::string KindName() const override { return "slice"; }
  bool HasMethod(std::string_view name) const override { return name == "Has"; }
  Result<Value> CallMethod(std::string_view name, std::span<const Value> args) const override {
    if (name != "Has") return Object::CallMethod(name, args);
    if (args.size() != 1) return WrongArgs(name, 1, args.size());
    if (!args[0].is_string()) {
      return Error(Code::kExecution, "wrong type for value; expected string; got " + args[0].TypeName());
    }
    for (const std::string& v : versions_) {
      if (v == args[0].as_string()) return Value(true);
    }
    return Value(false);
  }
  std::string Format() const override { return "[" + JoinSpace(versions_) + "]"; }
  bool Truth() const override { return !versions_.empty(); }
  std::optional<Value> AsPlainValue() const override {
    ValueList list;
    list.reserve(versions_.size());
    for (const std::string& v : versions_) list.emplace_back(v);
    return Value(std::move(list), ListType::kString);
  }

 private:
  std::vector<std::string> versions_;
};

class BuildInfoObject : public Object {
 public:
  explicit BuildInfoObject(HelmBuildInfo b) : b_(std::move(b)) {}
  std::string TypeName() const override { return "version.BuildInfo"; }
  std::string KindName() const override { return "struct"; }
  std::optional<Value> Field(std::string_view name) const override {
    if (name == "Version") return Value(b_.version);
    if (name == "GitCommit") return Value(b_.git_commit);
    if (name == "GitTreeState") return Value(b_.git_tree_state);
    if (name == "GoVersion") return Value(b_.go_version);
    if (name == "KubeClientVersion") return Value(b_.kube_client_version);
    return std::nullopt;
  }
  std::string Format() const override { return BuildInfoStruct(b_); }

 private:
  HelmBuildInfo b_;
};

class CapabilitiesObject : public Object {
 public:
  explicit CapabilitiesObject(const Capabilities& caps)
      : caps_(caps),
        kube_version_(std::make_shared<KubeVersionObject>(caps.kube_version)),
        api_versions_(std::make_shared<VersionSetObject>(caps.api_versions)),
        helm_version_(std::make_shared<BuildInfoObject>(caps.helm_version)) {}
  std::string TypeName() const override { return "*common.Capabilities"; }
  std::optional<Value> Field(std::string_view name) const override {
    if (name == "KubeVersion") return Value(std::shared_ptr<const Object>(kube_version_));
    if (name == "APIVersions") return Value(std::shared_ptr<const Object>(api_versions_));
    if (name == "HelmVersion") return Value(std::shared_ptr<const Object>(helm_version_));
    return std::nullopt;
  }
  std::string Format() const override {
    return "{" + KubeVersionStruct(caps_.kube_version) + " [" + JoinSpace(caps_.api_versions) + "] " +
           BuildInfoStruct(caps_.helm_version) + "}";
  }

 private:
  Capabilities caps_;
  std::shared_ptr<const KubeVersionObject> kube_version_;
  std::shared_ptr<const VersionSetObject> api_versions_;
  std::shared_ptr<const BuildInfoObject> helm_version_;
};

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

const std::vector<std::string>& DefaultApiVersions() {
  static const std::vector<std::string>* kVersions = new std::vector<std::string>{
      "v1",
      "admissionregistration.k8s.io/v1",
      "admissionregistration.k8s.io/v1alpha1",
      "admissionregistration.k8s.io/v1beta1",
      "internal.apiserver.k8s.io/v1alpha1",
      "apps/v1",
      "apps/v1beta1",
      "apps/v1beta2",
      "authentication.k8s.io/v1",
      "authentication.k8s.io/v1alpha1",
      "authentication.k8s.io/v1beta1",
      "authorization.k8s.io/v1",
      "authorization.k8s.io/v1beta1",
      "autoscaling/v1",
      "autoscaling/v2",
      "batch/v1",
      "batch/v1beta1",
      "certificates.k8s.io/v1",
      "certificates.k8s.io/v1beta1",
      "certificates.k8s.io/v1alpha1",
      "coordination.k8s.io/v1alpha2",
      "coordination.k8s.io/v1beta1",
      "coordination.k8s.io/v1",
      "discovery.k8s.io/v1",
      "discovery.k8s.io/v1beta1",
      "events.k8s.io/v1",
      "events.k8s.io/v1beta1",
      "extensions/v1beta1",
      "flowcontrol.apiserver.k8s.io/v1",
      "flowcontrol.apiserver.k8s.io/v1beta1",
      "flowcontrol.apiserver.k8s.io/v1beta2",
      "flowcontrol.apiserver.k8s.io/v1beta3",
      "networking.k8s.io/v1",
      "networking.k8s.io/v1beta1",
      "node.k8s.io/v1",
      "node.k8s.io/v1alpha1",
      "node.k8s.io/v1beta1",
      "policy/v1",
      "policy/v1beta1",
      "rbac.authorization.k8s.io/v1",
      "rbac.authorization.k8s.io/v1beta1",
      "rbac.authorization.k8s.io/v1alpha1",
      "resource.k8s.io/v1",
      "resource.k8s.io/v1beta2",
      "resource.k8s.io/v1beta1",
      "resource.k8s.io/v1alpha3",
      "scheduling.k8s.io/v1alpha2",
      "scheduling.k8s.io/v1beta1",
      "scheduling.k8s.io/v1",
      "storage.k8s.io/v1beta1",
      "storage.k8s.io/v1",
      "storage.k8s.io/v1alpha1",
      "storagemigration.k8s.io/v1beta1",
      "apiextensions.k8s.io/v1beta1",
      "apiextensions.k8s.io/v1",
  };
  return *kVersions;
}

Result<KubeVersion> ParseKubeVersion(std::string_view version) {
  // versionMatchRE: ^\s*v?([0-9]+(?:\.[0-9]+)*)(.*)*$
  std::string_view s = version;
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; };
  size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  if (i < s.size() && s[i] == 'v') ++i;
  size_t start = i;
  if (i >= s.size() || s[i] < '0' || s[i] > '9') {
    return Error(Code::kInvalidArgument, "could not parse " + GoQuote(version) + " as version");
  }
  size_t end = i;
  while (true) {
    while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
    if (end + 1 < s.size() && s[end] == '.' && s[end + 1] >= '0' && s[end + 1] <= '9') {
      ++end;
      continue;
    }
    break;
  }
  std::vector<std::string> components = Split(s.substr(start, end - start), ".");
  if (components.size() < 2) {
    return Error(Code::kInvalidArgument, "illegal version string " + GoQuote(version));
  }
  std::vector<uint64_t> nums;
  for (size_t c = 0; c < components.size(); ++c) {
    const std::string& comp = components[c];
    if (c == 0 && comp.size() > 1 && comp[0] == '0') {
      return Error(Code::kInvalidArgument, "illegal zero-prefixed version component " + GoQuote(comp) + " in " +
                                               GoQuote(version));
    }
    uint64_t v = 0;
    bool overflow = false;
    for (char ch : comp) {
      if (v > (UINT64_MAX - (ch - '0')) / 10) overflow = true;
      v = v * 10 + (ch - '0');
    }
    if (overflow || !AllDigits(comp)) {
      return Error(Code::kInvalidArgument, "illegal non-numeric version component " + GoQuote(comp) + " in " +
                                               GoQuote(version) + ": strconv.ParseUint: parsing " + GoQuote(comp) +
                                               ": value out of range");
    }
    nums.push_back(v);
  }
  KubeVersion kv;
  kv.version = (!version.empty() && version[0] == 'v') ? std::string(version) : "v" + std::string(version);
  kv.normalized = "v";
  for (size_t c = 0; c < nums.size(); ++c) kv.normalized += (c ? "." : "") + std::to_string(nums[c]);
  kv.major = std::to_string(nums[0]);
  kv.minor = std::to_string(nums[1]);
  return kv;
}

Result<Capabilities> MakeCapabilities(std::string_view kube_version, const std::vector<std::string>& api_versions) {
  Capabilities caps;
  if (!kube_version.empty()) {
    Result<KubeVersion> kv = ParseKubeVersion(kube_version);
    if (!kv.ok()) return kv.status().Wrap("invalid kube version '" + std::string(kube_version) + "'");
    caps.kube_version = *kv;
  }
  caps.api_versions.insert(caps.api_versions.end(), api_versions.begin(), api_versions.end());
  return caps;
}

Status CheckKubeVersion(std::string_view constraint, const Capabilities& caps) {
  const KubeVersion& kv = caps.kube_version;
  if (IsCompatibleRange(constraint, kv.normalized.empty() ? kv.version : kv.normalized)) return OkStatus();
  return Error(Code::kInvalidArgument, "chart requires kubeVersion: " + std::string(constraint) +
                                           " which is incompatible with Kubernetes " + kv.version);
}

Value CapabilitiesValue(const Capabilities& caps) {
  return Value(std::shared_ptr<const Object>(std::make_shared<CapabilitiesObject>(caps)));
}

Result<Value> ToRenderValuesWithSchemaValidation(const chart::Chart& chart, const Value& values,
                                                 const ReleaseOptions& options, const Capabilities& caps,
                                                 bool skip_schema_validation, const LogFn& log) {
  ValueMap release{
      {"Name", Value(options.name)},
      {"Namespace", Value(options.ns)},
      {"IsUpgrade", Value(options.is_upgrade)},
      {"IsInstall", Value(options.is_install)},
      {"Revision", Value(options.revision)},
      {"Service", Value("Helm")},
  };
  ValueMap top{
      {"Chart", chart::MetadataToValue(chart)},
      {"Capabilities", CapabilitiesValue(caps)},
      {"Release", Value(std::move(release))},
  };
  HELM_ASSIGN_OR_RETURN(Value vals, CoalesceValues(chart, values, log));
  if (!skip_schema_validation) {
    Status s = ValidateAgainstSchema(chart, vals);
    if (!s.ok()) {
      return Error(s.code(), "values don't meet the specifications of the schema(s) in the following chart(s):\n" +
                                 s.message());
    }
  }
  top.emplace("Values", std::move(vals));
  return Value(std::move(top), MapType::kValues);
}

Result<Value> ToRenderValues(const chart::Chart& chart, const Value& values, const ReleaseOptions& options,
                             const Capabilities& caps, const LogFn& log) {
  return ToRenderValuesWithSchemaValidation(chart, values, options, caps, false, log);
}

}  // namespace helm::values
