#include "helm/chart/create.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "helm/base/fs.h"
#include "helm/base/strings.h"
#include "helm/chart/loader.h"
#include "helm/chart/save.h"

namespace helm::chart {

namespace {

#include "helm/chart/create_scaffold.inc"

constexpr size_t kMaxChartNameLength = 250;

std::string ReplaceAll(std::string_view s, std::string_view from, std::string_view to) {
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t i = s.find(from, pos);
    if (i == std::string_view::npos) break;
    out.append(s.substr(pos, i - pos));
    out.append(to);
    pos = i + from.size();
  }
  out.append(s.substr(pos));
  return out;
}

std::string Abs(const std::string& p) {
  std::string abs = p;
  if (abs.empty() || abs.front() != '/') {
    char buf[PATH_MAX];
    if (::getcwd(buf, sizeof buf) != nullptr) abs = JoinPath(buf, p);
  }
  return std::filesystem::path(abs).lexically_normal().string();
}

std::string ErrnoText(int err) {
  std::string msg = std::strerror(err);
  if (!msg.empty()) msg[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(msg[0])));
  return msg;
}

}  // namespace

Result<std::string> Create(const std::string& name, const std::string& dir,
                           const std::function<void(std::string_view line)>& warn) {
  if (name.empty() || name.size() > kMaxChartNameLength) {
    return Error(Code::kInvalidArgument,
                 "chart name must be between 1 and " + std::to_string(kMaxChartNameLength) + " characters");
  }
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') {
      return Error(Code::kInvalidArgument, "chart name must match the regular expression \"^[a-zA-Z0-9._-]+$\"");
    }
  }
  std::string path = Abs(dir);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    int err = errno;
    return Error(err == ENOENT ? Code::kNotFound : Code::kIo, "stat " + path + ": " + ErrnoText(err));
  }
  if (!S_ISDIR(st.st_mode)) return Error(Code::kInvalidArgument, "no such directory " + path);
  std::string cdir = JoinPath(path, name);
  if (::stat(cdir.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) {
    return Error(Code::kAlreadyExists, "file " + cdir + " already exists and is not a directory");
  }
  for (const ScaffoldFile& f : kScaffold) {
    std::string file = JoinPath(cdir, f.path);
    if (::stat(file.c_str(), &st) == 0) {
      std::string line = "WARNING: File " + GoQuote(file) + " already exists. Overwriting.";
      if (warn) {
        warn(line);
      } else {
        std::fprintf(stderr, "%s\n", line.c_str());
      }
    }
    HELM_RETURN_IF_ERROR(WriteFileAtomic(file, ReplaceAll(f.content, "<CHARTNAME>", name), 0644));
  }
  std::error_code ec;
  std::filesystem::create_directories(JoinPath(cdir, "charts"), ec);
  if (ec) return Error(Code::kIo, "mkdir " + JoinPath(cdir, "charts") + ": " + ec.message());
  return cdir;
}

Status CreateFrom(const Metadata& metadata, const std::string& dest, const std::string& src) {
  Result<Chart> loaded = Load(src);
  if (!loaded.ok()) return loaded.status().Wrap("could not load " + src);
  Chart schart = std::move(loaded).value();
  schart.metadata = metadata;
  for (File& t : schart.templates) t.data = ReplaceAll(t.data, "<CHARTNAME>", metadata.name);
  for (File& f : schart.raw) {
    if (f.name == "values.yaml") f.data = ReplaceAll(f.data, "<CHARTNAME>", metadata.name);
  }
  return SaveDir(schart, dest);
}

}  // namespace helm::chart
