#include "helm/action/repo.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <mutex>
#include <thread>

#include "helm/base/fs.h"
#include "helm/base/strings.h"
#include "helm/repo/index.h"

namespace helm::action {
namespace {

// Official repositories that were permanently deleted, and their successors (Helm's deprecatedRepos).
constexpr std::pair<const char*, const char*> kDeprecatedRepos[] = {
    {"//kubernetes-charts.storage.googleapis.com", "https://charts.helm.sh/stable"},
    {"//kubernetes-charts-incubator.storage.googleapis.com", "https://charts.helm.sh/incubator"},
};

bool IsHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// The checks NewChartRepository makes before any request: the URL must parse (Go's url.Parse rejects
// malformed percent escapes and control characters) and its scheme must have a getter (http, https, oci).
Status CheckRepoUrl(const std::string& url) {
  for (size_t i = 0; i < url.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(url[i]);
    bool bad_escape = c == '%' && (i + 2 >= url.size() || !IsHex(url[i + 1]) || !IsHex(url[i + 2]));
    if (c < 0x20 || c == 0x7f || bad_escape) {
      return Error(Code::kInvalidArgument, "invalid chart URL format: " + url);
    }
  }
  std::string scheme;
  size_t colon = url.find(':');
  if (colon != std::string::npos && colon > 0 && std::isalpha(static_cast<unsigned char>(url[0]))) {
    scheme = url.substr(0, colon);
    bool ok = std::all_of(scheme.begin(), scheme.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
    });
    if (!ok) scheme.clear();
  }
  std::string lower = scheme;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower != "http" && lower != "https" && lower != "oci") {
    return Error(Code::kUnsupported, "could not find protocol handler for: " + lower);
  }
  return OkStatus();
}

bool SameEntry(const repo::Entry& a, const repo::Entry& b) {
  return a.name == b.name && a.url == b.url && a.username == b.username && a.password == b.password &&
         a.cert_file == b.cert_file && a.key_file == b.key_file && a.ca_file == b.ca_file &&
         a.insecure_skip_tls_verify == b.insecure_skip_tls_verify &&
         a.pass_credentials_all == b.pass_credentials_all;
}

// The lock file Helm's flock creates next to repositories.yaml (same name, ".lock" for the extension).
std::string LockPath(const std::string& repo_file) {
  std::string base = repo_file.substr(repo_file.find_last_of('/') + 1);
  size_t dot = base.find_last_of('.');
  if (dot != std::string::npos && base.size() - dot < repo_file.size()) {
    return repo_file.substr(0, repo_file.size() - (base.size() - dot)) + ".lock";
  }
  return repo_file + ".lock";
}

std::string ParentDir(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// term.ReadPassword: reads a line from the terminal with echo off.
Result<std::string> ReadTerminalPassword() {
  termios old{};
  if (tcgetattr(STDIN_FILENO, &old) != 0) {
    // Go's errno texts are strerror's in lower case ("inappropriate ioctl for device").
    std::string msg = std::strerror(errno);
    if (!msg.empty()) msg[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(msg[0])));
    return Error(Code::kIo, msg);
  }
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  quiet.c_lflag |= ICANON | ISIG;
  quiet.c_iflag |= ICRNL;
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string line;
  std::getline(std::cin, line);
  tcsetattr(STDIN_FILENO, TCSANOW, &old);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

Status WriteRepoFileChecked(const repo::RepoFile& f, const std::string& path) {
  return repo::WriteRepoFile(f, path, 0600);
}

}  // namespace

std::string SlogWarn(std::string_view msg, const std::vector<std::pair<std::string, std::string>>& attrs) {
  auto quote = [](std::string_view v) {
    bool needs = v.empty();
    for (unsigned char c : v) {
      if (c <= ' ' || c == '=' || c == '"' || c == 0x7f) needs = true;
    }
    return needs ? GoQuote(v) : std::string(v);
  };
  std::string line = "level=WARN msg=" + quote(msg);
  for (const auto& [k, v] : attrs) line += " " + k + "=" + quote(v);
  return line;
}

Status RepoAdd(const RepoPaths& paths, RepoAddOptions opts, std::ostream& out) {
  if (!opts.allow_deprecated_repos) {
    for (const auto& [old_url, new_url] : kDeprecatedRepos) {
      if (opts.url.find(old_url) != std::string::npos) {
        return Error(Code::kInvalidArgument,
                     "repo " + GoQuote(opts.url) + " is no longer available; try " + GoQuote(new_url) + " instead");
      }
    }
  }
  std::error_code ec;
  std::filesystem::create_directories(ParentDir(paths.repository_config), ec);
  {
    // Helm serialises concurrent `repo add`s with this lock; we create the same file so the layouts match.
    int fd = ::open(LockPath(paths.repository_config).c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);
  }
  repo::RepoFile f;
  if (auto loaded = repo::LoadRepoFile(paths.repository_config); loaded.ok()) {
    f = std::move(*loaded);
  } else if (loaded.code() != Code::kNotFound) {
    return loaded.status();
  }

  if (!opts.username.empty() && opts.password.empty()) {
    if (opts.password_from_stdin) {
      std::string pw(std::istreambuf_iterator<char>(std::cin), {});
      if (!pw.empty() && pw.back() == '\n') pw.pop_back();
      if (!pw.empty() && pw.back() == '\r') pw.pop_back();
      opts.password = std::move(pw);
    } else {
      out << "Password: " << std::flush;
      auto pw = ReadTerminalPassword();
      out << "\n";
      if (!pw.ok()) return pw.status();
      opts.password = std::move(*pw);
    }
  }

  repo::Entry e;
  e.name = opts.name;
  e.url = opts.url;
  e.username = opts.username;
  e.password = opts.password;
  e.pass_credentials_all = opts.pass_credentials_all;
  e.cert_file = opts.cert_file;
  e.key_file = opts.key_file;
  e.ca_file = opts.ca_file;
  e.insecure_skip_tls_verify = opts.insecure_skip_tls_verify;

  if (opts.name.find('/') != std::string::npos) {
    return Error(Code::kInvalidArgument, "repository name (" + opts.name +
                                             ") contains '/', please specify a different name without '/'");
  }
  if (!opts.force_update && f.Has(opts.name)) {
    if (!SameEntry(e, *f.Get(opts.name))) {
      return Error(Code::kAlreadyExists,
                   "repository name (" + opts.name + ") already exists, please specify a different name");
    }
    out << GoQuote(opts.name) << " already exists with the same configuration, skipping\n";
    return OkStatus();
  }
  HELM_RETURN_IF_ERROR(CheckRepoUrl(opts.url));
  if (auto downloaded = repo::DownloadIndexFile(e, paths.repository_cache); !downloaded.ok()) {
    return Error(downloaded.code(), "looks like " + GoQuote(opts.url) +
                                        " is not a valid chart repository or cannot be reached: " +
                                        downloaded.status().message());
  }
  f.Update(std::move(e));
  HELM_RETURN_IF_ERROR(WriteRepoFileChecked(f, paths.repository_config));
  out << GoQuote(opts.name) << " has been added to your repositories\n";
  return OkStatus();
}

std::vector<repo::Entry> RepoList(const RepoPaths& paths) {
  auto f = repo::LoadRepoFile(paths.repository_config);
  if (!f.ok()) return {};
  return std::move(f->repositories);
}

Status RepoRemove(const RepoPaths& paths, const std::vector<std::string>& names, std::ostream& out) {
  // Helm's LoadFile yields an empty file next to any load error, so every failure reads as "none".
  auto loaded = repo::LoadRepoFile(paths.repository_config);
  if (!loaded.ok() || loaded->repositories.empty()) return Error(Code::kNotFound, "no repositories configured");
  repo::RepoFile& f = *loaded;
  for (const std::string& name : names) {
    if (!f.Remove(name)) return Error(Code::kNotFound, "no repo named " + GoQuote(name) + " found");
    HELM_RETURN_IF_ERROR(WriteRepoFileChecked(f, paths.repository_config));
    std::error_code ec;
    std::filesystem::remove(JoinPath(paths.repository_cache, repo::CacheChartsFile(name)), ec);
    const std::string idx = JoinPath(paths.repository_cache, repo::CacheIndexFile(name));
    std::filesystem::remove(idx, ec);
    if (ec) return Error(Code::kIo, "can't remove index file " + idx + ": " + ec.message());
    // Our binary cache of the index goes with it.
    std::filesystem::remove(idx + ".hcache", ec);
    out << GoQuote(name) << " has been removed from your repositories\n";
  }
  return OkStatus();
}

Status RepoUpdate(const RepoPaths& paths, const std::vector<std::string>& names, int timeout_seconds,
                  std::ostream& out) {
  static constexpr char kNoRepositories[] = "no repositories found. You must add one before updating";
  auto loaded = repo::LoadRepoFile(paths.repository_config);
  if (!loaded.ok()) {
    if (loaded.code() == Code::kNotFound) return Error(Code::kNotFound, kNoRepositories);
    return Error(loaded.code(),
                 "failed loading file: " + paths.repository_config + ": " + loaded.status().message());
  }
  if (loaded->repositories.empty()) return Error(Code::kNotFound, kNoRepositories);
  const auto& repos = loaded->repositories;
  for (const std::string& n : names) {
    bool found = std::any_of(repos.begin(), repos.end(), [&](const repo::Entry& e) { return e.name == n; });
    if (!found) {
      return Error(Code::kNotFound, "no repositories found matching '" + n + "'.  Nothing will be updated");
    }
  }
  std::vector<const repo::Entry*> selected;
  for (const repo::Entry& e : repos) {
    if (names.empty() || std::find(names.begin(), names.end(), e.name) != names.end()) {
      HELM_RETURN_IF_ERROR(CheckRepoUrl(e.url));
      selected.push_back(&e);
    }
  }
  (void)timeout_seconds;
  out << "Hang tight while we grab the latest from your chart repositories...\n";
  // As Helm does, every repository downloads at once and reports as it finishes.
  std::vector<std::string> failed;
  std::mutex mu;
  auto update = [&](const repo::Entry* e) {
    auto r = repo::DownloadIndexFile(*e, paths.repository_cache);
    std::lock_guard<std::mutex> lock(mu);
    if (!r.ok()) {
      out << "...Unable to get an update from the " << GoQuote(e->name) << " chart repository (" << e->url
          << "):\n\t" << r.status().message() << "\n";
      failed.push_back(e->url);
    } else {
      out << "...Successfully got an update from the " << GoQuote(e->name) << " chart repository\n";
    }
  };
  if (selected.size() == 1) {
    update(selected[0]);
  } else {
    std::vector<std::thread> workers;
    workers.reserve(selected.size());
    for (const repo::Entry* e : selected) workers.emplace_back(update, e);
    for (std::thread& t : workers) t.join();
  }
  if (!failed.empty()) {
    std::string list;
    for (const std::string& u : failed) list += (list.empty() ? "" : " ") + u;
    return Error(Code::kIo, "failed to update the following repositories: [" + list + "]");
  }
  out << "Update Complete. \u2388Happy Helming!\u2388\n";
  return OkStatus();
}

Status RepoIndexDir(const std::string& dir, const RepoIndexCmdOptions& opts, std::ostream& err) {
  std::error_code ec;
  std::string abs = std::filesystem::absolute(dir, ec).lexically_normal().string();
  if (abs.size() > 1 && abs.back() == '/') abs.pop_back();
  repo::RepoIndexOptions o;
  o.base_url = opts.url;
  o.merge_from = opts.merge;
  o.json = opts.json;
  o.log = [&err](std::string_view line) { err << line << "\n"; };
  return repo::RepoIndex(abs, o);
}

}  // namespace helm::action
