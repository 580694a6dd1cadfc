#include <memory>
#include <optional>
#include <ostream>

#include "helm/template/template.h"

#include "helm/cli/root.h"

namespace helm::cli {
namespace {

// The build this reimplementation matches (Helm v4.2.4's release build information).
constexpr char kVersion[] = "v4.2.4";
constexpr char kGitCommit[] = "3900f434fd3ef2b84065dc04508df48f288dba00";
constexpr char kGitTreeState[] = "clean";
constexpr char kGoVersion[] = "go1.26.8";
constexpr char kKubeClientVersion[] = "v1.36";

// version.BuildInfo as a template value for `helm version --template`.
class BuildInfo : public Object {
 public:
  std::string TypeName() const override { return "version.BuildInfo"; }
  std::string KindName() const override { return "struct"; }
  std::optional<Value> Field(std::string_view name) const override {
    if (name == "Version") return Value(kVersion);
    if (name == "GitCommit") return Value(kGitCommit);
    if (name == "GitTreeState") return Value(kGitTreeState);
    if (name == "GoVersion") return Value(kGoVersion);
    if (name == "KubeClientVersion") return Value(kKubeClientVersion);
    return std::nullopt;
  }
  std::string Format() const override {
    return std::string("{") + kVersion + " " + kGitCommit + " " + kGitTreeState + " " + kGoVersion + " " +
           kKubeClientVersion + "}";
  }
};

}  // namespace

std::unique_ptr<Command> NewVersionCommand() {
  auto cmd = std::make_unique<Command>();
  cmd->use = "version";
  cmd->short_desc = "print the helm version information";
  cmd->args = NoArgs();
  cmd->long_desc = R"(
Show the version for Helm.

This will print a representation the version of Helm.
The output will look something like this:

version.BuildInfo{Version:"v3.2.1", GitCommit:"fe51cd1e31e6a202cba7dead9552a6d418ded79a", GitTreeState:"clean", GoVersion:"go1.13.10"}

- Version is the semantic version of the release.
- GitCommit is the SHA for the commit that this version was built from.
- GitTreeState is "clean" if there are no local code changes when this binary was
  built, and "dirty" if the binary was built from locally modified code.
- GoVersion is the version of Go that was used to compile Helm.

When using the --template flag the following properties are available to use in
the template:

- .Version contains the semantic version of Helm
- .GitCommit is the git commit
- .GitTreeState is the state of the git tree when Helm was built
- .GoVersion contains the version of Go that Helm was compiled with

For example, --template='Version: {{.Version}}' outputs 'Version: v3.2.1'.
)";
  cmd->flags.Add(Spec("short", 0, FlagType::kBool, "print the version number"));
  cmd->flags.Add(Spec("template", 0, FlagType::kString, "template for version string format"));
  cmd->run = [](const Command& c, const std::vector<std::string>&, IoStreams io) -> Status {
    const FlagSet& f = c.AllFlags();
    if (std::string text = f.GetString("template"); !text.empty()) {
      tmpl::TemplateSet set;
      HELM_RETURN_IF_ERROR(set.Parse("_", text));
      std::string out;
      Status st = set.Execute("_", Value(std::make_shared<const BuildInfo>()), &out);
      *io.out << out;
      return st;
    }
    if (f.GetBool("short")) {
      *io.out << kVersion << "+g" << std::string(kGitCommit, 7) << "\n";
      return OkStatus();
    }
    *io.out << "version.BuildInfo{Version:\"" << kVersion << "\", GitCommit:\"" << kGitCommit
            << "\", GitTreeState:\"" << kGitTreeState << "\", GoVersion:\"" << kGoVersion
            << "\", KubeClientVersion:\"" << kKubeClientVersion << "\"}\n";
    return OkStatus();
  };
  return cmd;
}

}  // namespace helm::cli
