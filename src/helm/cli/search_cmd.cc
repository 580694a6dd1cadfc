#include <ostream>

#include "helm/action/search.h"
#include "helm/base/strings.h"
#include "helm/cli/output.h"
#include "helm/cli/root.h"
#include "helm/value/value.h"
#include "helm/yaml/yaml.h"

namespace helm::cli {
namespace {

constexpr char kSearchLong[] = R"(
Search provides the ability to search for Helm charts in the various places
they can be stored including the Artifact Hub and repositories you have added.
Use search subcommands to search different locations for charts.
)";

constexpr char kSearchRepoLong[] = R"(
Search reads through all of the repositories configured on the system, and
looks for matches. Search of these repositories uses the metadata stored on
the system.

It will display the latest stable versions of the charts found. If you
specify the --devel flag, the output will include pre-release versions.
If you want to search using a version constraint, use --version.

Examples:

    # Search for stable release versions matching the keyword "nginx"
    $ helm search repo nginx

    # Search for release versions matching the keyword "nginx", including pre-release versions
    $ helm search repo nginx --devel

    # Search for the latest stable release for nginx-ingress with a major version of 1
    $ helm search repo nginx-ingress --version ^1.0.0

Repositories are managed with 'helm repo' commands.
)";

Status CheckUint(std::string_view v) {
  if (v.empty() || v.find_first_not_of("0123456789") != std::string_view::npos || v.size() > 19) {
    return Error(Code::kInvalidArgument, "strconv.ParseUint: parsing " + GoQuote(v) + ": invalid syntax");
  }
  return OkStatus();
}

std::unique_ptr<Command> NewSearchRepoCommand() {
  auto cmd = std::make_unique<Command>();
  cmd->use = "repo [keyword]";
  cmd->short_desc = "search repositories for a keyword in charts";
  cmd->long_desc = kSearchRepoLong;
  FlagSet& f = cmd->flags;
  f.Add(Spec("devel", 0, FlagType::kBool,
             "use development versions (alpha, beta, and release candidate releases), too. Equivalent to version "
             "'>0.0.0-0'. If --version is set, this is ignored"));
  f.Add(Spec("fail-on-no-result", 0, FlagType::kBool, "search fails if no results are found"));
  {
    FlagSpec s = Spec("max-col-width", 0, FlagType::kString, "maximum column width for output table");
    s.value_type = "uint";
    s.default_value = "50";
    s.help_default = "50";
    s.validate = CheckUint;
    f.Add(std::move(s));
  }
  AddOutputFlag(f);
  f.Add(Spec("regexp", 'r', FlagType::kBool, "use regular expressions for searching repositories you have added"));
  f.Add(Spec("version", 0, FlagType::kString,
             "search using semantic versioning constraints on repositories you have added"));
  f.Add(Spec("versions", 'l', FlagType::kBool,
             "show the long listing, with each version of each chart on its own line, for repositories you have "
             "added"));
  cmd->run = [](const Command& c, const std::vector<std::string>& args, IoStreams io) -> Status {
    const FlagSet& f = c.AllFlags();
    repo::SearchOptions o;
    o.regexp = f.GetBool("regexp");
    o.versions = f.GetBool("versions");
    o.devel = f.GetBool("devel");
    o.version = f.GetString("version");
    std::string keyword;
    for (size_t i = 0; i < args.size(); ++i) keyword += (i ? " " : "") + args[i];
    action::RepoPaths paths{f.GetString("repository-config"), f.GetString("repository-cache")};
    HELM_ASSIGN_OR_RETURN(action::SearchRepoResults found, action::SearchRepo(paths, keyword, o, *io.err));
    const auto& results = found.results;
    const std::string format = f.GetString("output");
    const bool fail_on_none = f.GetBool("fail-on-no-result");
    if (results.empty() && fail_on_none) return Error(Code::kNotFound, "no results found");
    if (format == "json") {
      std::string out = "[";
      for (size_t i = 0; i < results.size(); ++i) {
        const chart::Metadata& md = results[i].chart->metadata;
        out += (i ? ",{\"name\":" : "{\"name\":") + yaml::ToJson(Value(results[i].name)) +
               ",\"version\":" + yaml::ToJson(Value(md.version)) +
               ",\"app_version\":" + yaml::ToJson(Value(md.app_version)) +
               ",\"description\":" + yaml::ToJson(Value(md.description)) + "}";
      }
      *io.out << out << "]\n";
      return OkStatus();
    }
    if (format == "yaml") {
      ValueList list;
      for (const repo::SearchResult& r : results) {
        ValueMap m;
        m["name"] = Value(r.name);
        m["version"] = Value(r.chart->metadata.version);
        m["app_version"] = Value(r.chart->metadata.app_version);
        m["description"] = Value(r.chart->metadata.description);
        list.push_back(Value(std::move(m)));
      }
      HELM_ASSIGN_OR_RETURN(std::string text, yaml::MarshalYaml(Value(std::move(list))));
      *io.out << text;
      return OkStatus();
    }
    if (results.empty()) {
      *io.out << "No results found\n";
      return OkStatus();
    }
    std::vector<std::vector<std::string>> rows;
    rows.push_back({"NAME", "CHART VERSION", "APP VERSION", "DESCRIPTION"});
    for (const repo::SearchResult& r : results) {
      const chart::Metadata& md = r.chart->metadata;
      rows.push_back({r.name, md.version, md.app_version, md.description});
    }
    *io.out << FormatTable(rows, std::stoull(f.GetString("max-col-width")));
    return OkStatus();
  };
  return cmd;
}

}  // namespace

std::unique_ptr<Command> NewSearchCommand() {
  auto cmd = std::make_unique<Command>();
  cmd->use = "search [keyword]";
  cmd->short_desc = "search for a keyword in charts";
  cmd->long_desc = kSearchLong;
  cmd->AddCommand(NewSearchRepoCommand());
  return cmd;
}

}  // namespace helm::cli
