// The chart repository verbs (Helm's pkg/cmd/repo_*.go): add, list, remove, update and index, working on
// the same repositories.yaml and cache layout as Helm so both can share one HELM_HOME.
//
// Progress messages go to `out` exactly as Helm prints them; failures come back as Status with Helm's
// error texts (the CLI prints them as "Error: ...").
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "helm/base/result.h"
#include "helm/repo/repo.h"

namespace helm::action {

// Where repositories live: --repository-config (repositories.yaml) and --repository-cache (a directory).
struct RepoPaths {
  std::string repository_config;
  std::string repository_cache;
};

struct RepoAddOptions {
  std::string name, url, username, password, ca_file, cert_file, key_file;
  bool insecure_skip_tls_verify = false;
  bool pass_credentials_all = false;
  bool force_update = false;
  bool allow_deprecated_repos = false;
  bool password_from_stdin = false;
  int timeout_seconds = 120;
};

// `helm repo add`: validates the name and URL, asks for the password when only a username is given
// (stdin with password_from_stdin, else the terminal after printing "Password: "), downloads the index
// into the cache and records the entry. Idempotent for an identical entry.
Status RepoAdd(const RepoPaths& paths, RepoAddOptions opts, std::ostream& out);

// `helm repo list`'s data: the configured repositories; an unreadable or missing file yields none
// (Helm ignores the error).
std::vector<repo::Entry> RepoList(const RepoPaths& paths);

// `helm repo remove NAME...`: removes each name in turn (writing the file and dropping its cache files),
// stopping at the first unknown name.
Status RepoRemove(const RepoPaths& paths, const std::vector<std::string>& names, std::ostream& out);

// `helm repo update [NAME...]`: downloads the index of every (or every named) repository concurrently,
// reporting each one as it finishes (so the order of those lines varies, as Helm's does).
Status RepoUpdate(const RepoPaths& paths, const std::vector<std::string>& names, int timeout_seconds,
                  std::ostream& out);

struct RepoIndexCmdOptions {
  std::string url, merge;
  bool json = false;
};
// `helm repo index DIR`: writes DIR/index.yaml for the charts in DIR. Warnings go to `err`.
Status RepoIndexDir(const std::string& dir, const RepoIndexCmdOptions& opts, std::ostream& err);

// Helm's default slog text line for a warning with string attributes:
// level=WARN msg="..." key=value ... (values quoted when they need it).
std::string SlogWarn(std::string_view msg, const std::vector<std::pair<std::string, std::string>>& attrs);

}  // namespace helm::action
