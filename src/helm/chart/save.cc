#include "helm/chart/save.h"

#include <sys/stat.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "helm/base/fs.h"
#include "helm/base/strings.h"
#include "helm/chart/chartfile.h"
#include "helm/chart/loader.h"
#include "helm/yaml/yaml.h"

namespace helm::chart {

namespace {

// Helm's gzip extra field (chartutil.headerBytes) and comment.
constexpr std::string_view kGzipExtra("rr\x28\x00" "aHR0cHM6Ly95b3V0dS5iZS96OVV6MWljandyTQo=", 44);
constexpr std::string_view kGzipComment = "Helm";

Value StringList(const std::vector<std::string>& v) {
  ValueList out;
  for (const std::string& s : v) out.emplace_back(s);
  return Value(std::move(out));
}

// encoding/json of a *Dependency (json tags: name and repository always, the rest omitempty).
Value DependencyValue(const Dependency& d) {
  if (d.is_null) return Value();
  ValueMap m;
  m.emplace("name", d.name);
  if (!d.version.empty()) m.emplace("version", d.version);
  m.emplace("repository", d.repository);
  if (!d.condition.empty()) m.emplace("condition", d.condition);
  if (!d.tags.empty()) m.emplace("tags", StringList(d.tags));
  if (d.enabled) m.emplace("enabled", true);
  if (!d.import_values.empty()) m.emplace("import-values", Value(d.import_values));
  if (!d.alias.empty()) m.emplace("alias", d.alias);
  return Value(std::move(m));
}

Value DependencyList(const std::vector<Dependency>& deps) {
  ValueList l;
  for (const Dependency& d : deps) l.push_back(DependencyValue(d));
  return Value(std::move(l));
}

// RFC 3339 text -> Unix seconds; false when it does not parse.
bool Rfc3339ToUnix(std::string_view s, int64_t* out) {
  if (!CheckRfc3339(s).ok()) return false;
  std::tm tm{};
  tm.tm_year = std::stoi(std::string(s.substr(0, 4))) - 1900;
  tm.tm_mon = std::stoi(std::string(s.substr(5, 2))) - 1;
  tm.tm_mday = std::stoi(std::string(s.substr(8, 2)));
  tm.tm_hour = std::stoi(std::string(s.substr(11, 2)));
  tm.tm_min = std::stoi(std::string(s.substr(14, 2)));
  tm.tm_sec = std::stoi(std::string(s.substr(17, 2)));
  int64_t t = static_cast<int64_t>(::timegm(&tm));
  size_t z = s.find_first_of("Z+-", 19);
  if (z != std::string_view::npos && s[z] != 'Z') {
    int off = std::stoi(std::string(s.substr(z + 1, 2))) * 3600 + std::stoi(std::string(s.substr(z + 4, 2))) * 60;
    t -= s[z] == '+' ? off : -off;
  }
  *out = t;
  return true;
}

// time.Time's MarshalJSON (RFC 3339 with trailing zeros of the fraction dropped, "Z" for offset zero) of a
// lock's parsed `generated`; the zero time when it was absent.
std::string LockTime(std::string_view s) {
  if (s.empty() || !CheckRfc3339(s).ok()) return "0001-01-01T00:00:00Z";
  std::string out(s.substr(0, 19));
  std::string_view rest = s.substr(19);
  if (!rest.empty() && rest.front() == '.') {
    size_t end = 1;
    while (end < rest.size() && rest[end] >= '0' && rest[end] <= '9') ++end;
    std::string frac(rest.substr(1, end - 1));
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    if (!frac.empty()) out += "." + frac;
    rest.remove_prefix(end);
  }
  if (rest == "Z" || rest == "+00:00" || rest == "-00:00") {
    out += "Z";
  } else {
    out += rest;
  }
  return out;
}

// --- tar, written as Go's archive/tar.Writer does for Helm's headers (USTAR, PAX for long names). ---

void PutOctal(char* field, size_t width, int64_t v) {
  // width-1 octal digits and a NUL.
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + (v & 7)));
    v >>= 3;
  } while (v > 0);
  if (digits.size() < width - 1) digits.insert(0, width - 1 - digits.size(), '0');
  std::memcpy(field, digits.data(), width - 1);
  field[width - 1] = '\0';
}

void PutString(char* field, size_t width, std::string_view s) {
  std::memcpy(field, s.data(), std::min(width, s.size()));
}

std::string HeaderBlock(std::string_view name, std::string_view prefix, char typeflag, int64_t size,
                        int64_t mtime) {
  std::string b(512, '\0');
  PutString(&b[0], 100, name);
  PutOctal(&b[100], 8, 0644);
  PutOctal(&b[108], 8, 0);
  PutOctal(&b[116], 8, 0);
  PutOctal(&b[124], 12, size);
  PutOctal(&b[136], 12, mtime);
  b[156] = typeflag;
  std::memcpy(&b[257], "ustar\0" "00", 8);
  PutOctal(&b[329], 8, 0);
  PutOctal(&b[337], 8, 0);
  PutString(&b[345], 155, prefix);
  std::memset(&b[148], ' ', 8);
  int64_t sum = 0;
  for (unsigned char c : b) sum += c;
  PutOctal(&b[148], 7, sum);  // six digits and a NUL, then the space that is already there
  return b;
}

void Pad(std::string* out) {
  size_t rem = out->size() % 512;
  if (rem != 0) out->append(512 - rem, '\0');
}

bool IsAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80 || c == 0) return false;
  return true;
}

void WriteEntry(std::string* tar, const std::string& name, std::string_view body, int64_t mtime) {
  std::string_view n = name;
  std::string prefix;
  std::string short_name = name;
  bool pax = !IsAscii(name);
  if (!pax && n.size() > 100) {
    // Split into prefix and name at a slash (Go's splitUSTARPath).
    size_t limit = std::min<size_t>(n.size() - 1, 155);
    size_t i = n.rfind('/', limit);
    if (i != std::string_view::npos && i > 0 && n.size() - i - 1 <= 100 && n.size() - i - 1 > 0) {
      prefix = std::string(n.substr(0, i));
      short_name = std::string(n.substr(i + 1));
    } else {
      pax = true;
    }
  }
  if (pax) {
    std::string rec_body = " path=" + name + "\n";
    size_t len = rec_body.size();
    std::string len_s = std::to_string(len + 1);
    while (std::to_string(len + len_s.size()) != len_s) len_s = std::to_string(len + len_s.size());
    std::string records = len_s + rec_body;
    size_t slash = name.rfind('/');
    std::string dir = slash == std::string::npos ? "." : name.substr(0, slash);
    std::string file = slash == std::string::npos ? name : name.substr(slash + 1);
    std::string pax_name = (dir == "." ? "" : dir + "/") + "PaxHeaders.0/" + file;
    std::string ascii;
    for (char c : pax_name) ascii.push_back(static_cast<unsigned char>(c) < 0x80 ? c : '_');
    if (ascii.size() > 100) ascii.resize(100);
    tar->append(HeaderBlock(ascii, "", 'x', static_cast<int64_t>(records.size()), mtime));
    tar->append(records);
    Pad(tar);
    std::string trunc;
    for (char c : name) trunc.push_back(static_cast<unsigned char>(c) < 0x80 ? c : '_');
    if (trunc.size() > 100) trunc.resize(100);
    short_name = trunc;
    prefix.clear();
  }
  tar->append(HeaderBlock(short_name, prefix, '0', static_cast<int64_t>(body.size()), mtime));
  tar->append(body);
  Pad(tar);
}

// `md` is the (validated) metadata to write for `c`.
Status WriteTarContents(std::string* tar, const Chart& c, const Metadata& md, const std::string& prefix,
                        int64_t now) {
  const std::string& name = md.name;
  // validateName: filepath.Base(name) must be the name itself.
  std::string_view b = name;
  while (b.size() > 1 && b.back() == '/') b.remove_suffix(1);
  if (b.size() > 1 && b.rfind('/') != std::string_view::npos) b = b.substr(b.rfind('/') + 1);
  if (b.empty()) b = ".";
  if (b != name) return Error(Code::kInvalidArgument, GoQuote(name) + " is not a valid chart name");
  std::string base = prefix.empty() ? name : prefix + "/" + name;
  auto mt = [&](int64_t t) { return t != 0 ? t : now; };
  HELM_ASSIGN_OR_RETURN(std::string cdata, MarshalChartfile(md));
  WriteEntry(tar, base + "/Chart.yaml", cdata, mt(c.mod_time_unix));
  if (md.api_version == kApiVersionV2 && c.lock) {
    HELM_ASSIGN_OR_RETURN(std::string ldata, MarshalLock(*c.lock));
    int64_t gen = 0;
    if (!Rfc3339ToUnix(c.lock->generated, &gen)) gen = 0;
    WriteEntry(tar, base + "/Chart.lock", ldata, mt(gen));
  }
  for (const File& f : c.raw) {
    if (f.name == "values.yaml") WriteEntry(tar, base + "/values.yaml", f.data, mt(f.mod_time_unix));
  }
  if (c.has_schema) {
    if (!yaml::ParseJson(c.schema).ok()) {
      return Error(Code::kInvalidArgument, "invalid JSON in values.schema.json");
    }
    WriteEntry(tar, base + "/values.schema.json", c.schema, mt(c.schema_mod_time_unix));
  }
  for (const File& f : c.templates) WriteEntry(tar, base + "/" + f.name, f.data, mt(f.mod_time_unix));
  for (const File& f : c.files) WriteEntry(tar, base + "/" + f.name, f.data, mt(f.mod_time_unix));
  for (const Chart& d : c.dependencies) {
    HELM_RETURN_IF_ERROR(WriteTarContents(tar, d, d.metadata, base + "/charts", now));
  }
  return OkStatus();
}

Result<std::string> Gzip(std::string_view data) {
  std::string out;
  // Go's gzip.Writer header: magic, deflate, flags FEXTRA|FCOMMENT, mtime 0, XFL 0, OS 255.
  out.append("\x1f\x8b\x08", 3);
  out.push_back(static_cast<char>(0x04 | 0x10));
  out.append(4, '\0');
  out.push_back('\0');
  out.push_back(static_cast<char>(0xff));
  out.push_back(static_cast<char>(kGzipExtra.size() & 0xff));
  out.push_back(static_cast<char>(kGzipExtra.size() >> 8));
  out.append(kGzipExtra);
  out.append(kGzipComment);
  out.push_back('\0');
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return Error(Code::kInternal, "zlib init failed");
  }
  size_t start = out.size();
  out.resize(start + deflateBound(&zs, static_cast<uLong>(data.size())));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(&out[start]);
  zs.avail_out = static_cast<uInt>(out.size() - start);
  int rc = deflate(&zs, Z_FINISH);
  size_t produced = zs.total_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return Error(Code::kInternal, "zlib deflate failed");
  out.resize(start + produced);
  uint32_t crc = static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(data.data()),
                                             static_cast<uInt>(data.size())));
  uint32_t size = static_cast<uint32_t>(data.size());
  for (uint32_t v : {crc, size}) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  return out;
}

}  // namespace

Result<std::string> MarshalChartfile(const Metadata& md) {
  if (md.api_version != kApiVersionV1 || md.dependencies.empty()) return MarshalMetadata(md);
  Metadata copy = md;
  copy.dependencies.clear();
  return MarshalMetadata(copy);
}

Status SaveChartfile(const std::string& filename, const Metadata& md) {
  HELM_ASSIGN_OR_RETURN(std::string data, MarshalChartfile(md));
  return WriteFileAtomic(filename, data, 0644);
}

Result<std::string> MarshalMetadata(const Metadata& md) {
  ValueMap m;
  auto str = [&](const char* key, const std::string& v) {
    if (!v.empty()) m.emplace(key, v);
  };
  str("name", md.name);
  str("home", md.home);
  if (!md.sources.empty()) m.emplace("sources", StringList(md.sources));
  str("version", md.version);
  str("description", md.description);
  if (!md.keywords.empty()) m.emplace("keywords", StringList(md.keywords));
  if (!md.maintainers.empty()) {
    ValueList l;
    for (const Maintainer& x : md.maintainers) {
      if (x.is_null) {
        l.emplace_back();
        continue;
      }
      ValueMap mm;
      if (!x.name.empty()) mm.emplace("name", x.name);
      if (!x.email.empty()) mm.emplace("email", x.email);
      if (!x.url.empty()) mm.emplace("url", x.url);
      l.emplace_back(std::move(mm));
    }
    m.emplace("maintainers", Value(std::move(l)));
  }
  str("icon", md.icon);
  str("apiVersion", md.api_version);
  str("condition", md.condition);
  str("tags", md.tags);
  str("appVersion", md.app_version);
  if (md.deprecated) m.emplace("deprecated", true);
  if (!md.annotations.empty()) {
    ValueMap a;
    for (const auto& [k, v] : md.annotations) a.emplace(k, v);
    m.emplace("annotations", Value(std::move(a)));
  }
  str("kubeVersion", md.kube_version);
  if (!md.dependencies.empty()) m.emplace("dependencies", DependencyList(md.dependencies));
  str("type", md.type);
  return yaml::MarshalYaml(Value(std::move(m)));
}

Result<std::string> MarshalLock(const Lock& lock) {
  ValueMap m;
  m.emplace("generated", LockTime(lock.generated));
  m.emplace("digest", lock.digest);
  m.emplace("dependencies", lock.dependencies.empty() ? Value() : DependencyList(lock.dependencies));
  return yaml::MarshalYaml(Value(std::move(m)));
}

Result<std::string> ArchiveBytes(const Chart& chart) {
  Metadata md = chart.metadata;
  Status v = ValidateMetadata(&md);
  if (!v.ok()) return v.Wrap("chart validation");
  std::string tar;
  HELM_RETURN_IF_ERROR(WriteTarContents(&tar, chart, md, "", static_cast<int64_t>(std::time(nullptr))));
  // Go's tar.Writer.Close: two zero blocks.
  tar.append(1024, '\0');
  return Gzip(tar);
}

Status SaveArchive(const Chart& chart, const std::string& out_dir, std::string* out_path) {
  Metadata md = chart.metadata;
  Status v = ValidateMetadata(&md);
  if (!v.ok()) return v.Wrap("chart validation");
  std::string filename = JoinPath(out_dir, md.name + "-" + md.version + ".tgz");
  std::string dir = filename.substr(0, filename.rfind('/') == std::string::npos ? 0 : filename.rfind('/'));
  if (dir.empty()) dir = ".";
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) {
    if (errno != ENOENT) return Error(Code::kIo, "stat " + dir + ": " + std::strerror(errno));
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return Error(Code::kIo, "mkdir " + dir + ": " + ec.message());
  } else if (!S_ISDIR(st.st_mode)) {
    return Error(Code::kInvalidArgument, "is not a directory: " + dir);
  }
  HELM_ASSIGN_OR_RETURN(std::string bytes, ArchiveBytes(chart));
  HELM_RETURN_IF_ERROR(WriteFileAtomic(filename, bytes));
  if (out_path != nullptr) *out_path = filename;
  return OkStatus();
}

Status SaveDir(const Chart& chart, const std::string& dest) {
  const std::string& name = chart.Name();
  if (name.empty() || name.find('/') != std::string::npos) {
    return Error(Code::kInvalidArgument, GoQuote(name) + " is not a valid chart name");
  }
  std::string outdir = JoinPath(dest, name);
  struct stat st;
  if (::stat(outdir.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) {
    return Error(Code::kAlreadyExists, "file " + outdir + " already exists and is not a directory");
  }
  std::error_code ec;
  std::filesystem::create_directories(outdir, ec);
  if (ec) return Error(Code::kIo, "mkdir " + outdir + ": " + ec.message());
  HELM_RETURN_IF_ERROR(SaveChartfile(JoinPath(outdir, "Chart.yaml"), chart.metadata));
  for (const File& f : chart.raw) {
    if (f.name == "values.yaml") HELM_RETURN_IF_ERROR(WriteFileAtomic(JoinPath(outdir, "values.yaml"), f.data, 0644));
  }
  if (chart.has_schema) {
    HELM_RETURN_IF_ERROR(WriteFileAtomic(JoinPath(outdir, "values.schema.json"), chart.schema, 0644));
  }
  for (const std::vector<File>* list : {&chart.templates, &chart.files}) {
    for (const File& f : *list) HELM_RETURN_IF_ERROR(WriteFileAtomic(JoinPath(outdir, f.name), f.data, 0644));
  }
  std::string base = JoinPath(outdir, "charts");
  for (const Chart& dep : chart.dependencies) {
    std::string ignored;
    Status s = SaveArchive(dep, base, &ignored);
    if (!s.ok()) return s.Wrap("saving " + dep.ChartFullPath());
  }
  return OkStatus();
}

Status ExpandArchive(const std::string& dir, std::string_view gzipped_tar) {
  HELM_ASSIGN_OR_RETURN(std::vector<File> files, LoadArchiveFiles(gzipped_tar));
  std::string chart_name;
  for (const File& f : files) {
    if (f.name != "Chart.yaml") continue;
    Metadata md;
    Status s = UnmarshalMetadata(f.data, &md);
    if (!s.ok()) return s.Wrap("cannot load Chart.yaml");
    chart_name = md.name;
  }
  if (chart_name.empty()) return Error(Code::kInvalidArgument, "chart name not specified");
  if (chart_name == "." || chart_name == "..") {
    return Error(Code::kInvalidArgument, "chart name " + GoQuote(chart_name) + " is not allowed");
  }
  if (chart_name.find('/') != std::string::npos) {
    return Error(Code::kInvalidArgument, "chart name " + GoQuote(chart_name) + " must not contain path separators");
  }
  std::string chart_dir = JoinPath(dir.empty() ? "." : dir, chart_name);
  for (const File& f : files) {
    HELM_RETURN_IF_ERROR(WriteFileAtomic(JoinPath(chart_dir, f.name), f.data, 0644));
  }
  return OkStatus();
}

}  // namespace helm::chart
