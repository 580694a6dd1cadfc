#include <cctype>
#include <ostream>

#include "helm/action/repo.h"
#include "helm/cli/output.h"
#include "helm/cli/root.h"
#include "helm/value/value.h"
#include "helm/yaml/yaml.h"

namespace helm::cli {
namespace {

constexpr char kRepoLong[] = R"(
This command consists of multiple subcommands to interact with chart repositories.

It can be used to add, remove, list, and index chart repositories.
)";

constexpr char kRepoUpdateLong[] = R"(
Update gets the latest information about charts from the respective chart repositories.
Information is cached locally, where it is used by commands like 'helm search'.

You can optionally specify a list of repositories you want to update.
	$ helm repo update <repo_name> ...
To update all the repositories, use 'helm repo update'.
)";

constexpr char kRepoIndexLong[] = R"(
Read the current directory, generate an index file based on the charts found
and write the result to 'index.yaml' in the current directory.

This tool is used for creating an 'index.yaml' file for a chart repository. To
set an absolute URL to the charts, use '--url' flag.

To merge the generated index with an existing index file, use the '--merge'
flag. In this case, the charts found in the current directory will be merged
into the index passed in with --merge, with local charts taking priority over
existing charts.
)";

action::RepoPaths PathsOf(const Command& c) {
  const FlagSet& f = c.AllFlags();
  return {f.GetString("repository-config"), f.GetString("repository-cache")};
}

// Go's time.Duration text ("2m0s", "30s", "1h") as whole seconds; anything else keeps Helm's default.
int DurationSeconds(const std::string& text) {
  int total = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    if (j == i || j == text.size()) return 120;
    int n = std::stoi(text.substr(i, j - i));
    char unit = text[j];
    total += unit == 'h' ? n * 3600 : unit == 'm' ? n * 60 : unit == 's' ? n : 0;
    i = j + 1;
  }
  return total;
}

void AddTimeoutFlag(FlagSet& f) {
  FlagSpec s = Spec("timeout", 0, FlagType::kDuration, "time to wait for the index file download to complete");
  s.default_value = "2m0s";
  s.help_default = "2m0s";
  f.Add(std::move(s));
}

std::unique_ptr<Command> NewRepoAddCommand() {
  auto cmd = std::make_unique<Command>();
  cmd->use = "add [NAME] [URL]";
  cmd->short_desc = "add a chart repository";
  cmd->args = ExactArgs(2);
  FlagSet& f = cmd->flags;
  f.Add(Spec("allow-deprecated-repos", 0, FlagType::kBool,
             "by default, this command will not allow adding official repos that have been permanently deleted. "
             "This disables that behavior"));
  f.Add(Spec("ca-file", 0, FlagType::kString, "verify certificates of HTTPS-enabled servers using this CA bundle"));
  f.Add(Spec("cert-file", 0, FlagType::kString, "identify HTTPS client using this SSL certificate file"));
  f.Add(Spec("force-update", 0, FlagType::kBool, "replace (overwrite) the repo if it already exists"));
  f.Add(Spec("insecure-skip-tls-verify", 0, FlagType::kBool, "skip tls certificate checks for the repository"));
  f.Add(Spec("key-file", 0, FlagType::kString, "identify HTTPS client using this SSL key file"));
  f.Add(Spec("pass-credentials", 0, FlagType::kBool, "pass credentials to all domains"));
  f.Add(Spec("password", 0, FlagType::kString, "chart repository password"));
  f.Add(Spec("password-stdin", 0, FlagType::kBool, "read chart repository password from stdin"));
  AddTimeoutFlag(f);
  f.Add(Spec("username", 0, FlagType::kString, "chart repository username"));
  cmd->run = [](const Command& c, const std::vector<std::string>& args, IoStreams io) -> Status {
    const FlagSet& f = c.AllFlags();
    action::RepoAddOptions o;
    o.name = args[0];
    o.url = args[1];
    o.username = f.GetString("username");
    o.password = f.GetString("password");
    o.password_from_stdin = f.GetBool("password-stdin");
    o.force_update = f.GetBool("force-update");
    o.cert_file = f.GetString("cert-file");
    o.key_file = f.GetString("key-file");
    o.ca_file = f.GetString("ca-file");
    o.insecure_skip_tls_verify = f.GetBool("insecure-skip-tls-verify");
    o.allow_deprecated_repos = f.GetBool("allow-deprecated-repos");
    o.pass_credentials_all = f.GetBool("pass-credentials");
    o.timeout_seconds = DurationSeconds(f.GetString("timeout"));
    return action::RepoAdd(PathsOf(c), std::move(o), *io.out);
  };
  return cmd;
}

std::unique_ptr<Command> NewRepoListCommand() {
  auto cmd = std::make_unique<Command>();
  cmd->use = "list";
  cmd->short_desc = "list chart repositories";
  cmd->args = NoArgs();
  cmd->flags.Add(Spec("no-headers", 0, FlagType::kBool, "suppress headers in the output"));
  AddOutputFlag(cmd->flags);
  cmd->run = [](const Command& c, const std::vector<std::string>&, IoStreams io) -> Status {
    const FlagSet& f = c.AllFlags();
    const std::string format = f.GetString("output");
    std::vector<repo::Entry> repos = action::RepoList(PathsOf(c));
    if (repos.empty() && format != "json" && format != "yaml") {
      *io.err << "no repositories to show\n";
      return OkStatus();
    }
    if (format == "json") {
      std::string out = "[";
      for (size_t i = 0; i < repos.size(); ++i) {
        out += (i ? ",{\"name\":" : "{\"name\":") + yaml::ToJson(Value(repos[i].name)) +
               ",\"url\":" + yaml::ToJson(Value(repos[i].url)) + "}";
      }
      *io.out << out << "]\n";
      return OkStatus();
    }
    if (format == "yaml") {
      ValueList list;
      for (const repo::Entry& e : repos) {
        ValueMap m;
        m["name"] = Value(e.name);
        m["url"] = Value(e.url);
        list.push_back(Value(std::move(m)));
      }
      HELM_ASSIGN_OR_RETURN(std::string text, yaml::MarshalYaml(Value(std::move(list))));
      *io.out << text;
      return OkStatus();
    }
    std::vector<std::vector<std::string>> rows;
    if (!f.GetBool("no-headers")) rows.push_back({"NAME", "URL"});
    for (const repo::Entry& e : repos) rows.push_back({e.name, e.url});
    *io.out << FormatTable(rows, 0);
    return OkStatus();
  };
  return cmd;
}

std::unique_ptr<Command> NewRepoRemoveCommand() {
  auto cmd = std::make_unique<Command>();
  cmd->use = "remove [REPO1 [REPO2 ...]]";
  cmd->short_desc = "remove one or more chart repositories";
  cmd->args = MinimumNArgs(1);
  cmd->run = [](const Command& c, const std::vector<std::string>& args, IoStreams io) -> Status {
    return action::RepoRemove(PathsOf(c), args, *io.out);
  };
  return cmd;
}

std::unique_ptr<Command> NewRepoUpdateCommand() {
  auto cmd = std::make_unique<Command>();
  cmd->use = "update [REPO1 [REPO2 ...]]";
  cmd->short_desc = "update information of available charts locally from chart repositories";
  cmd->long_desc = kRepoUpdateLong;
  cmd->args = MinimumNArgs(0);
  AddTimeoutFlag(cmd->flags);
  cmd->run = [](const Command& c, const std::vector<std::string>& args, IoStreams io) -> Status {
    return action::RepoUpdate(PathsOf(c), args, DurationSeconds(c.AllFlags().GetString("timeout")), *io.out);
  };
  return cmd;
}

std::unique_ptr<Command> NewRepoIndexCommand() {
  auto cmd = std::make_unique<Command>();
  cmd->use = "index [DIR]";
  cmd->short_desc = "generate an index file given a directory containing packaged charts";
  cmd->long_desc = kRepoIndexLong;
  cmd->args = ExactArgs(1);
  cmd->flags.Add(Spec("json", 0, FlagType::kBool, "output in JSON format"));
  cmd->flags.Add(Spec("merge", 0, FlagType::kString, "merge the generated index into the given index"));
  cmd->flags.Add(Spec("url", 0, FlagType::kString, "url of chart repository"));
  cmd->run = [](const Command& c, const std::vector<std::string>& args, IoStreams io) -> Status {
    const FlagSet& f = c.AllFlags();
    action::RepoIndexCmdOptions o;
    o.url = f.GetString("url");
    o.merge = f.GetString("merge");
    o.json = f.GetBool("json");
    return action::RepoIndexDir(args[0], o, *io.err);
  };
  return cmd;
}

}  // namespace

std::unique_ptr<Command> NewRepoCommand() {
  auto cmd = std::make_unique<Command>();
  cmd->use = "repo add|remove|list|index|update [ARGS]";
  cmd->short_desc = "add, list, remove, update, and index chart repositories";
  cmd->long_desc = kRepoLong;
  cmd->args = NoArgs();
  cmd->AddCommand(NewRepoAddCommand());
  cmd->AddCommand(NewRepoIndexCommand());
  cmd->AddCommand(NewRepoListCommand())->aliases = {"ls"};
  cmd->AddCommand(NewRepoRemoveCommand())->aliases = {"rm"};
  cmd->AddCommand(NewRepoUpdateCommand())->aliases = {"up"};
  return cmd;
}

}  // namespace helm::cli
