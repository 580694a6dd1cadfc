#include "helm/chart/loader.h"

#include <dirent.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <map>

#include "helm/base/fs.h"
#include "helm/base/strings.h"
#include "helm/chart/chartfile.h"
#include "helm/chart/ignore.h"
#include "helm/yaml/yaml.h"

namespace helm::chart {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string Errno(int err) {
  // Go's syscall error strings are the lower-case strerror texts.
  return std::strerror(err);
}

std::string OsError(std::string_view op, const std::string& path, int err) {
  std::string msg = Errno(err);
  if (!msg.empty()) msg[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(msg[0])));
  return std::string(op) + " " + path + ": " + msg;
}

std::string AbsPath(const std::string& p) {
  std::string abs = p;
  if (abs.empty() || abs.front() != '/') {
    char buf[PATH_MAX];
    if (::getcwd(buf, sizeof buf) != nullptr) abs = JoinPath(buf, p);
  }
  // filepath.Abs cleans the result.
  std::vector<std::string> parts;
  for (const std::string& seg : Split(abs, "/")) {
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(seg);
  }
  std::string out;
  for (const std::string& seg : parts) out += "/" + seg;
  return out.empty() ? "/" : out;
}

std::string_view Ext(std::string_view name) {
  for (size_t i = name.size(); i > 0; --i) {
    char c = name[i - 1];
    if (c == '/') break;
    if (c == '.') return name.substr(i - 1);
  }
  return {};
}

std::string BaseName(std::string_view p) {
  while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
  size_t i = p.rfind('/');
  return std::string(i == std::string_view::npos ? p : p.substr(i + 1));
}

// slog's text handler quoting of a value.
std::string SlogValue(std::string_view v) {
  bool quote = v.empty();
  for (size_t i = 0; i < v.size() && !quote;) {
    int w = 1;
    uint32_t r = DecodeRune(v, i, &w);
    i += static_cast<size_t>(w);
    if (r < 0x80) {
      quote = r == ' ' || r == '=' || r == '"' || r < 0x20 || r == 0x7F;
    } else {
      quote = r == 0xFFFD || r == 0x85 || r == 0xA0 || (r >= 0x2000 && r <= 0x200F) || r == 0x2028 ||
              r == 0x2029 || r == 0x3000 || r == 0xFEFF;
    }
  }
  return quote ? GoQuote(v) : std::string(v);
}

void Log(const LoadOptions& opts, std::string_view level, std::string_view msg,
         std::initializer_list<std::pair<std::string_view, std::string_view>> attrs = {}) {
  if (!opts.log) return;
  std::string line = "level=" + std::string(level) + " msg=" + SlogValue(msg);
  for (const auto& [k, v] : attrs) line += " " + std::string(k) + "=" + SlogValue(v);
  opts.log(line);
}

// The walk of Helm's LoadDir (internal/sympath.Walk + the loader's walk function).
class DirWalker {
 public:
  DirWalker(std::string topdir, const IgnoreRules* rules, const LoadOptions* opts)
      : topdir_(std::move(topdir)), rules_(rules), opts_(opts) {}

  Status Walk() {
    struct stat st;
    std::string root = topdir_ + "/";
    if (::lstat(root.c_str(), &st) != 0) return Error(Code::kIo, OsError("lstat", root, errno));
    return Visit(root, st, root);
  }

  std::vector<File> files;

 private:
  // Returns kSkipDir-like results through *skip.
  Status Visit(const std::string& path, struct stat st, const std::string& display) {
    if (S_ISLNK(st.st_mode)) {
      std::string resolved;
      HELM_RETURN_IF_ERROR(EvalSymlinks(path, &resolved));
      Log(*opts_, "INFO", "found symbolic link in path. Contents of linked file included and used",
          {{"path", path}, {"resolved", resolved}});
      if (::lstat(resolved.c_str(), &st) != 0) return Error(Code::kIo, OsError("lstat", resolved, errno));
      return Visit(path, st, resolved);
    }
    bool skip = false;
    HELM_RETURN_IF_ERROR(Handle(path, st, display, &skip));
    if (skip || !S_ISDIR(st.st_mode)) return OkStatus();
    std::vector<std::string> names;
    DIR* d = ::opendir(path.c_str());
    if (d == nullptr) {
      int err = errno;
      if (path == topdir_ + "/") return Error(Code::kIo, OsError("open", path, err));
      return Error(Code::kIo, OsError("open", path, err));
    }
    while (struct dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n != "." && n != "..") names.push_back(std::move(n));
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      std::string child = JoinPath(path, name);
      struct stat cst;
      if (::lstat(child.c_str(), &cst) != 0) return Error(Code::kIo, OsError("lstat", child, errno));
      HELM_RETURN_IF_ERROR(Visit(child, cst, child));
    }
    return OkStatus();
  }

  // The loader's walk function for one entry; *skip asks not to descend into a directory.
  Status Handle(const std::string& path, const struct stat& st, const std::string& resolved, bool* skip) {
    std::string_view n = path;
    std::string prefix = topdir_ + "/";
    if (n.starts_with(prefix)) n.remove_prefix(prefix.size());
    if (n.empty()) return OkStatus();
    bool is_dir = S_ISDIR(st.st_mode);
    if (is_dir) {
      *skip = rules_->Ignore(n, true);
      return OkStatus();
    }
    if (rules_->Ignore(n, false)) return OkStatus();
    if (!S_ISREG(st.st_mode)) {
      return Error(Code::kInvalidArgument,
                   "cannot load irregular file " + path + " as it has file mode type bits set");
    }
    if (st.st_size > kMaxDecompressedFileSize) {
      return Error(Code::kInvalidArgument, "chart file " + GoQuote(BaseName(resolved)) +
                                               " is larger than the maximum file size " +
                                               std::to_string(kMaxDecompressedFileSize));
    }
    Result<std::string> data = ReadFile(path);
    if (!data.ok()) {
      return Error(data.code(), "error reading " + std::string(n) + ": " + data.status().message());
    }
    std::string bytes = std::move(data).value();
    if (std::string_view(bytes).starts_with(kBom)) bytes.erase(0, kBom.size());
    // Rounded to the nearest second, as Go's tar writer does when Helm packages the file.
    int64_t mtime = static_cast<int64_t>(st.st_mtim.tv_sec) + (st.st_mtim.tv_nsec >= 500000000 ? 1 : 0);
    files.push_back(File{std::string(n), std::move(bytes), mtime});
    return OkStatus();
  }

  // Go's filepath.EvalSymlinks: resolves component by component in user space (at most 255 links), so
  // that failures name the component Go names.
  static Status EvalSymlinks(const std::string& path, std::string* out) {
    auto fail = [&](std::string detail) {
      return Error(Code::kIo, "error evaluating symlink " + path + ": " + detail);
    };
    std::string rest = path;
    std::string dest = rest.starts_with("/") ? "/" : "";
    int links = 0;
    size_t start = 0;
    while (start < rest.size()) {
      size_t end = rest.find('/', start);
      if (end == std::string::npos) end = rest.size();
      std::string comp = rest.substr(start, end - start);
      start = end + 1;
      if (comp.empty() || comp == ".") continue;
      if (comp == "..") {
        size_t slash = dest.rfind('/');
        dest = slash == std::string::npos || slash == 0 ? (dest.starts_with("/") ? "/" : "") : dest.substr(0, slash);
        continue;
      }
      std::string next = dest.empty() ? comp : (dest == "/" ? "/" + comp : dest + "/" + comp);
      struct stat st;
      if (::lstat(next.c_str(), &st) != 0) return fail(OsError("lstat", next, errno));
      if (!S_ISLNK(st.st_mode)) {
        dest = next;
        continue;
      }
      if (++links > 255) return fail("EvalSymlinks: too many links");
      char target[PATH_MAX];
      ssize_t len = ::readlink(next.c_str(), target, sizeof target - 1);
      if (len < 0) return fail(OsError("readlink", next, errno));
      std::string t(target, static_cast<size_t>(len));
      std::string remaining = start < rest.size() ? rest.substr(start) : "";
      rest = remaining.empty() ? t : t + "/" + remaining;
      start = 0;
      if (t.starts_with("/")) {
        dest = "/";
      }
      // A relative target resolves against the directory holding the link, which is `dest` already.
    }
    *out = dest.empty() ? "." : dest;
    return OkStatus();
  }

  std::string topdir_;
  const IgnoreRules* rules_;
  const LoadOptions* opts_;
};

Status ParseError(std::string msg) { return Error(Code::kParse, std::move(msg)); }

// http.DetectContentType, reduced to the signatures a mistaken chart argument plausibly has.
std::string DetectContentType(std::string_view head) {
  std::string data(head.substr(0, 512));
  data.resize(512, '\0');  // Helm sniffs a zero-filled 512-byte buffer
  std::string_view d = data;
  size_t ws = 0;
  while (ws < d.size() && (d[ws] == '\t' || d[ws] == '\n' || d[ws] == '\f' || d[ws] == '\r' || d[ws] == ' '))
    ++ws;
  std::string_view t = d.substr(ws);
  static constexpr std::string_view kHtml[] = {"<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME",
                                               "<H1", "<DIV", "<FONT", "<TABLE", "<A", "<STYLE",
                                               "<TITLE", "<B", "<BODY", "<BR", "<P", "<!--"};
  for (std::string_view sig : kHtml) {
    if (t.size() <= sig.size()) continue;
    bool eq = true;
    for (size_t i = 0; i < sig.size() && eq; ++i) {
      char c = t[i];
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      eq = c == sig[i];
    }
    char term = t[sig.size()];
    if (eq && (term == ' ' || term == '>')) return "text/html; charset=utf-8";
  }
  if (t.starts_with("<?xml")) return "text/xml; charset=utf-8";
  if (d.starts_with("%PDF-")) return "application/pdf";
  if (d.starts_with("%!PS-Adobe-")) return "application/postscript";
  if (d.starts_with("\xFE\xFF")) return "text/plain; charset=utf-16be";
  if (d.starts_with("\xFF\xFE")) return "text/plain; charset=utf-16le";
  if (d.starts_with("\xEF\xBB\xBF")) return "text/plain; charset=utf-8";
  if (d.starts_with("GIF87a") || d.starts_with("GIF89a")) return "image/gif";
  if (d.starts_with("\x89PNG\x0D\x0A\x1A\x0A")) return "image/png";
  if (d.starts_with("\xFF\xD8\xFF")) return "image/jpeg";
  if (d.starts_with("BM")) return "image/bmp";
  if (d.starts_with(std::string_view("PK\x03\x04", 4))) return "application/zip";
  if (d.starts_with(std::string_view("Rar!\x1A\x07\x00", 7)) || d.starts_with("Rar!\x1A\x07\x01"))
    return "application/x-rar-compressed";
  if (d.starts_with(std::string_view("\x00\x61\x73\x6D", 4))) return "application/wasm";
  for (unsigned char c : d) {
    if (c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1A) || (c >= 0x1C && c <= 0x1F))
      return "application/octet-stream";
  }
  return "text/plain; charset=utf-8";
}

Result<std::string> ReadArchive(const std::string& name) {
  struct stat st;
  if (::stat(name.c_str(), &st) != 0) {
    int err = errno;
    return Error(err == ENOENT ? Code::kNotFound : Code::kIo, OsError("stat", name, err));
  }
  if (S_ISDIR(st.st_mode)) return Error(Code::kInvalidArgument, "cannot load a directory");
  Result<std::string> raw = ReadFile(name);
  if (!raw.ok()) return raw.status();
  HELM_RETURN_IF_ERROR(EnsureArchive(name, std::string_view(*raw).substr(0, 512)));
  return raw;
}

bool IsGzipHeaderError(const Status& s) { return s.message() == "gzip: invalid header"; }

// apiVersion v3 charts load in Helm 4 (internal/chart/v3) but every action refuses them with "invalid
// chart apiVersion". We load them with the v2 rules so that file and validation errors still surface,
// then refuse them the same way.
Result<Chart> LoadV3Placeholder(Result<Chart> loaded) {
  if (!loaded.ok()) return loaded;
  return Error(Code::kUnsupported, "invalid chart apiVersion");
}

}  // namespace

std::function<void(std::string_view line)> LoadOptions::StderrLog() {
  return [](std::string_view line) {
    std::string out(line);
    out.push_back('\n');
    std::fwrite(out.data(), 1, out.size(), stderr);
  };
}

Status EnsureArchive(const std::string& name, std::string_view head) {
  if (head.starts_with("\x1F\x8B\x08")) return OkStatus();
  if (name.ends_with(".yml") || name.ends_with(".yaml")) {
    return Error(Code::kInvalidArgument, "file '" + name + "' seems to be a YAML file, but expected a gzipped archive");
  }
  return Error(Code::kInvalidArgument, "file '" + name + "' does not appear to be a gzipped archive; got '" +
                                           DetectContentType(head) + "'");
}

Value MergeMaps(const Value& a, const Value& b) {
  ValueMap out;
  if (a.is_map()) out = a.as_map();
  if (b.is_map()) {
    for (const auto& [k, v] : b.as_map()) {
      if (v.is_map()) {
        auto it = out.find(k);
        if (it != out.end() && it->second.is_map()) {
          it->second = MergeMaps(it->second, v);
          continue;
        }
      }
      out[k] = v;
    }
  }
  return Value(std::move(out));
}

Result<Value> LoadValues(std::string_view data) {
  Value values = Value::EmptyMap();
  std::string doc;
  auto flush = [&]() -> Status {
    Result<Value> parsed = yaml::ParseYamlMap(doc);
    doc.clear();
    if (!parsed.ok()) return parsed.status().Wrap("cannot unmarshal yaml document");
    values = MergeMaps(values, *parsed);
    return OkStatus();
  };
  // k8s.io/apimachinery's YAMLReader: documents end at lines starting with "---"; only a comment may
  // follow the separator on its line.
  size_t pos = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    std::string_view line = data.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? data.size() : nl + 1;
    // bufio.Reader.ReadLine drops "\r\n" as a whole; the reader re-adds only "\n".
    if (nl != std::string_view::npos && line.ends_with('\r')) line.remove_suffix(1);
    if (line.starts_with("---")) {
      std::string_view rest = TrimSpace(line.substr(3));
      if (!rest.empty() && rest.front() != '#') {
        return ParseError("error reading yaml document: invalid Yaml document separator: " + std::string(rest));
      }
      if (!doc.empty()) {
        HELM_RETURN_IF_ERROR(flush());
        continue;
      }
    }
    doc.append(line);
    doc.push_back('\n');
  }
  if (!doc.empty()) HELM_RETURN_IF_ERROR(flush());
  return values;
}

namespace {

// Our own guard (Go recurses until its stack limit kills the process): subcharts nested deeper than this
// inside archives or directories are refused.
constexpr int kMaxChartDepth = 64;

Result<Chart> LoadFilesAt(std::vector<File> files, const LoadOptions& opts, int depth);

Result<Chart> LoadArchiveAt(std::string_view gzipped_tar, const LoadOptions& opts, int depth) {
  HELM_ASSIGN_OR_RETURN(std::vector<File> files, LoadArchiveFiles(gzipped_tar));
  return LoadFilesAt(std::move(files), opts, depth);
}

Result<Chart> LoadFilesAt(std::vector<File> files, const LoadOptions& opts, int depth) {
  if (depth > kMaxChartDepth) {
    return Error(Code::kInvalidArgument, "chart nesting exceeds " + std::to_string(kMaxChartDepth) + " levels");
  }
  Chart c;
  bool have_metadata = false;
  for (const File& f : files) {
    c.raw.push_back(f);
    if (f.name == "Chart.yaml") {
      have_metadata = true;
      Status s = UnmarshalMetadata(f.data, &c.metadata);
      if (!s.ok()) return s.Wrap("cannot load Chart.yaml");
      if (c.metadata.api_version.empty()) c.metadata.api_version = kApiVersionV1;
      c.mod_time_unix = f.mod_time_unix;
    }
  }
  // Subchart files by subchart directory (or archive) name, in name order for a deterministic result
  // (Helm iterates a Go map here).
  std::map<std::string, std::vector<File>> subcharts;
  c.values = Value::EmptyMap();
  for (File& f : files) {
    const std::string& n = f.name;
    if (n == "Chart.yaml") continue;
    if (n == "Chart.lock") {
      Lock lock;
      Status s = UnmarshalLock(f.data, &lock);
      if (!s.ok()) return s.Wrap("cannot load Chart.lock");
      c.lock = std::make_unique<Lock>(std::move(lock));
    } else if (n == "values.yaml") {
      Result<Value> v = LoadValues(f.data);
      if (!v.ok()) return v.status().Wrap("cannot load values.yaml");
      c.values = std::move(v).value();
    } else if (n == "values.schema.json") {
      c.schema = f.data;
      c.has_schema = true;
      c.schema_mod_time_unix = f.mod_time_unix;
    } else if (n == "requirements.yaml") {
      have_metadata = true;
      if (c.metadata.api_version != kApiVersionV1) {
        Log(opts, "INFO",
            "Warning: Dependencies are handled in Chart.yaml since apiVersion \"v2\". We recommend migrating "
            "dependencies to Chart.yaml.");
      }
      Status s = UnmarshalMetadata(f.data, &c.metadata);
      if (!s.ok()) return s.Wrap("cannot load requirements.yaml");
      if (c.metadata.api_version == kApiVersionV1) c.files.push_back(std::move(f));
    } else if (n == "requirements.lock") {
      Lock lock;
      Status s = UnmarshalLock(f.data, &lock);
      if (!s.ok()) return s.Wrap("cannot load requirements.lock");
      c.lock = std::make_unique<Lock>(std::move(lock));
      have_metadata = true;
      if (c.metadata.api_version != kApiVersionV1) {
        Log(opts, "INFO",
            "Warning: Dependency locking is handled in Chart.lock since apiVersion \"v2\". We recommend "
            "migrating to Chart.lock.");
      }
      if (c.metadata.api_version == kApiVersionV1) c.files.push_back(std::move(f));
    } else if (n.starts_with("templates/")) {
      c.templates.push_back(std::move(f));
    } else if (n.starts_with("charts/")) {
      if (Ext(n) == ".prov") {
        c.files.push_back(std::move(f));
        continue;
      }
      std::string fname = n.substr(7);
      std::string cname = fname.substr(0, fname.find('/'));
      f.name = std::move(fname);
      subcharts[cname].push_back(std::move(f));
    } else {
      c.files.push_back(std::move(f));
    }
  }
  if (!have_metadata) return Error(Code::kInvalidArgument, "Chart.yaml file is missing");
  HELM_RETURN_IF_ERROR(ValidateMetadata(&c.metadata));

  for (auto& [n, sfiles] : subcharts) {
    if (!n.empty() && (n.front() == '_' || n.front() == '.')) continue;
    Result<Chart> sc = Error(Code::kInternal, "unreachable");
    if (Ext(n) == ".tgz") {
      const File& file = sfiles.front();
      if (file.name != n) {
        return Error(Code::kInvalidArgument, "error unpacking subchart tar in " + c.Name() + ": expected " + n +
                                                 ", got " + file.name);
      }
      sc = LoadArchiveAt(file.data, opts, depth + 1);
    } else {
      std::vector<File> buff;
      buff.reserve(sfiles.size());
      for (File& f : sfiles) {
        size_t slash = f.name.find('/');
        if (slash == std::string::npos) continue;
        f.name.erase(0, slash + 1);
        buff.push_back(std::move(f));
      }
      sc = LoadFilesAt(std::move(buff), opts, depth + 1);
    }
    if (!sc.ok()) return sc.status().Wrap("error unpacking subchart " + n + " in " + c.Name());
    c.AddDependency(std::move(sc).value());
  }
  return c;
}

}  // namespace

Result<Chart> LoadFiles(std::vector<File> files, const LoadOptions& opts) {
  return LoadFilesAt(std::move(files), opts, 0);
}

Result<Chart> LoadArchive(std::string_view gzipped_tar, const LoadOptions& opts) {
  return LoadArchiveAt(gzipped_tar, opts, 0);
}

Result<Chart> LoadDir(const std::string& dir, const LoadOptions& opts) {
  std::string topdir = AbsPath(dir);
  IgnoreRules rules;
  std::string ifile = JoinPath(topdir, kHelmIgnore);
  struct stat st;
  if (::stat(ifile.c_str(), &st) == 0) {
    Result<std::string> data = ReadFile(ifile);
    if (!data.ok()) return data.status();
    HELM_ASSIGN_OR_RETURN(rules, IgnoreRules::Parse(*data));
  }
  rules.AddDefaults();
  DirWalker walker(topdir == "/" ? "" : topdir, &rules, &opts);
  HELM_RETURN_IF_ERROR(walker.Walk());
  return LoadFiles(std::move(walker.files), opts);
}

Result<Chart> LoadArchiveFile(const std::string& path, const LoadOptions& opts) {
  HELM_ASSIGN_OR_RETURN(std::string raw, ReadArchive(path));
  Result<Chart> c = LoadArchive(raw, opts);
  if (!c.ok() && IsGzipHeaderError(c.status())) {
    return Error(c.code(), "file '" + path + "' does not appear to be a valid chart file (details: " +
                               c.status().message() + ")");
  }
  return c;
}

Result<Chart> LoadV2(const std::string& path, const LoadOptions& opts) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    int err = errno;
    return Error(err == ENOENT ? Code::kNotFound : Code::kIo, OsError("stat", path, err));
  }
  if (S_ISDIR(st.st_mode)) return LoadDir(path, opts);
  return LoadArchiveFile(path, opts);
}

Result<Chart> Load(const std::string& path, const LoadOptions& opts) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    int err = errno;
    return Error(err == ENOENT ? Code::kNotFound : Code::kIo, OsError("stat", path, err));
  }
  if (S_ISDIR(st.st_mode)) {
    std::string name = JoinPath(AbsPath(path), "Chart.yaml");
    Result<std::string> data = ReadFile(name);
    if (!data.ok()) return data.status().Wrap("unable to detect chart at " + name);
    Result<std::string> api = DetectApiVersion(*data);
    if (!api.ok()) return api.status().Wrap("cannot load Chart.yaml");
    if (*api == "v3") return LoadV3Placeholder(LoadDir(path, opts));
    if (*api != kApiVersionV1 && *api != kApiVersionV2 && !api->empty()) {
      return Error(Code::kUnsupported, "unsupported chart version");
    }
    return LoadDir(path, opts);
  }
  HELM_ASSIGN_OR_RETURN(std::string raw, ReadArchive(path));
  Result<std::vector<File>> files = LoadArchiveFiles(raw);
  if (!files.ok()) {
    if (IsGzipHeaderError(files.status())) {
      return Error(files.code(), "file '" + path + "' does not appear to be a valid chart file (details: " +
                                     files.status().message() + ")");
    }
    return Error(files.code(), "unable to load chart archive");
  }
  for (const File& f : *files) {
    if (f.name != "Chart.yaml") continue;
    Result<std::string> api = DetectApiVersion(f.data);
    if (!api.ok()) return api.status().Wrap("cannot load Chart.yaml");
    if (*api == "v3") return LoadV3Placeholder(LoadFiles(std::move(files).value(), opts));
    if (*api != kApiVersionV1 && *api != kApiVersionV2 && !api->empty()) {
      return Error(Code::kUnsupported, "unsupported chart version");
    }
    // Helm re-reads the file through the v2 loader; the files are already in hand.
    Result<Chart> c = LoadFiles(std::move(files).value(), opts);
    return c;
  }
  return Error(Code::kInvalidArgument, "unable to detect chart version, no Chart.yaml found");
}

}  // namespace helm::chart
