#include "helm/repo/repo.h"

#include <openssl/evp.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstring>

#include "helm/base/fs.h"
#include "helm/yaml/yaml.h"

namespace helm::repo {
namespace {

bool KeyEq(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(data.data(), data.size(), md, &n, EVP_sha256(), nullptr);
  static const char kHex[] = "0123456789abcdef";
  std::string s;
  for (unsigned i = 0; i < n; ++i) {
    s += kHex[md[i] >> 4];
    s += kHex[md[i] & 15];
  }
  return s;
}

// ---- binary cache encoding: varint lengths, raw bytes ----

constexpr std::string_view kMagic = "HELMIDX\x01";

class Writer {
 public:
  std::string out;
  void U(uint64_t v) {
    while (v >= 0x80) {
      out += static_cast<char>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    out += static_cast<char>(v);
  }
  void S(std::string_view s) {
    U(s.size());
    out.append(s);
  }
  void L(const std::vector<std::string>& l) {
    U(l.size());
    for (const auto& s : l) S(s);
  }
};

class Reader {
 public:
  explicit Reader(std::string_view d) : d_(d) {}
  bool ok() const { return ok_; }
  uint64_t U() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= d_.size()) return Bad();
      auto b = static_cast<unsigned char>(d_[pos_++]);
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    return Bad();
  }
  void S(std::string* s) {
    uint64_t n = U();
    if (!ok_ || n > d_.size() - pos_) {
      Bad();
      return;
    }
    s->assign(d_.substr(pos_, n));
    pos_ += n;
  }
  void L(std::vector<std::string>* l) {
    uint64_t n = U();
    if (!ok_ || n > d_.size() - pos_) {
      Bad();
      return;
    }
    l->resize(n);
    for (auto& s : *l) S(&s);
  }
  // A count of items each taking at least one byte (guards against absurd allocations).
  uint64_t Count() {
    uint64_t n = U();
    if (n > d_.size() - pos_) {
      Bad();
      return 0;
    }
    return n;
  }
  bool AtEnd() const { return pos_ == d_.size(); }

 private:
  uint64_t Bad() {
    ok_ = false;
    pos_ = d_.size();
    return 0;
  }
  std::string_view d_;
  size_t pos_ = 0;
  bool ok_ = true;
};

void WriteVersion(Writer& w, const ChartVersion& cv) {
  const chart::Metadata& m = cv.metadata;
  for (const std::string* s : {&m.api_version, &m.name, &m.home, &m.version, &m.description, &m.icon, &m.condition,
                               &m.tags, &m.app_version, &m.kube_version, &m.type, &cv.created, &cv.digest}) {
    w.S(*s);
  }
  w.U((m.deprecated ? 1 : 0) | (m.has_annotations ? 2 : 0) | (cv.removed ? 4 : 0));
  w.L(m.sources);
  w.L(m.keywords);
  w.L(cv.urls);
  w.U(m.maintainers.size());
  for (const auto& mt : m.maintainers) {
    w.U(mt.is_null ? 1 : 0);
    w.S(mt.name);
    w.S(mt.email);
    w.S(mt.url);
  }
  w.U(m.annotations.size());
  for (const auto& [k, v] : m.annotations) {
    w.S(k);
    w.S(v);
  }
  w.U(m.dependencies.size());
  for (const auto& d : m.dependencies) {
    w.U((d.is_null ? 1 : 0) | (d.enabled ? 2 : 0));
    for (const std::string* s : {&d.name, &d.version, &d.repository, &d.condition, &d.alias}) w.S(*s);
    w.L(d.tags);
    w.S(d.import_values.empty() ? std::string() : yaml::ToJson(Value(d.import_values)));
  }
}

bool ReadVersion(Reader& r, ChartVersion* cv) {
  chart::Metadata& m = cv->metadata;
  for (std::string* s : {&m.api_version, &m.name, &m.home, &m.version, &m.description, &m.icon, &m.condition,
                         &m.tags, &m.app_version, &m.kube_version, &m.type, &cv->created, &cv->digest}) {
    r.S(s);
  }
  uint64_t flags = r.U();
  m.deprecated = flags & 1;
  m.has_annotations = flags & 2;
  cv->removed = flags & 4;
  r.L(&m.sources);
  r.L(&m.keywords);
  r.L(&cv->urls);
  m.maintainers.resize(r.Count());
  for (auto& mt : m.maintainers) {
    mt.is_null = r.U() & 1;
    r.S(&mt.name);
    r.S(&mt.email);
    r.S(&mt.url);
  }
  uint64_t na = r.Count();
  for (uint64_t k = 0; k < na && r.ok(); ++k) {
    std::string key, v;
    r.S(&key);
    r.S(&v);
    m.annotations.emplace(std::move(key), std::move(v));
  }
  m.dependencies.resize(r.Count());
  for (auto& d : m.dependencies) {
    uint64_t f = r.U();
    d.is_null = f & 1;
    d.enabled = f & 2;
    for (std::string* s : {&d.name, &d.version, &d.repository, &d.condition, &d.alias}) r.S(s);
    r.L(&d.tags);
    std::string iv;
    r.S(&iv);
    if (!iv.empty()) {
      auto v = yaml::ParseJson(iv);
      if (!v.ok() || !v->is_list()) return false;
      d.import_values = v->as_list();
    }
  }
  return r.ok();
}

}  // namespace

getter::GetterOptions Entry::GetterOptions() const {
  getter::GetterOptions o;
  o.username = username;
  o.password = password;
  o.ca_file = ca_file;
  o.cert_file = cert_file;
  o.key_file = key_file;
  o.insecure_skip_tls_verify = insecure_skip_tls_verify;
  o.pass_credentials_all = pass_credentials_all;
  return o;
}

void RepoFile::Update(Entry e) {
  for (auto& r : repositories) {
    if (r.name == e.name) {
      r = std::move(e);
      return;
    }
  }
  Add(std::move(e));
}

const Entry* RepoFile::Get(std::string_view name) const {
  for (const auto& r : repositories) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

bool RepoFile::Remove(std::string_view name) {
  size_t before = repositories.size();
  std::erase_if(repositories, [&](const Entry& e) { return e.name == name; });
  return repositories.size() != before;
}

RepoFile NewRepoFile() {
  RepoFile f;
  f.api_version = kApiVersionV1;
  f.generated = NowRfc3339Nano();
  return f;
}

Result<RepoFile> LoadRepoFile(const std::string& path) {
  auto bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status().Wrap("couldn't load repositories file (" + path + ")");
  HELM_ASSIGN_OR_RETURN(Value doc, yaml::ParseYaml(*bytes));
  RepoFile f;
  if (!doc.is_map()) return f;
  auto str = [](const Value& v) { return v.is_string() ? v.as_string() : std::string(); };
  for (const auto& [k, v] : doc.as_map()) {
    if (KeyEq(k, "apiversion")) {
      f.api_version = str(v);
    } else if (KeyEq(k, "generated")) {
      if (v.is_string()) f.generated = v.as_string();
    } else if (KeyEq(k, "repositories") && v.is_list()) {
      for (const Value& item : v.as_list()) {
        if (!item.is_map()) continue;
        Entry e;
        for (const auto& [ek, ev] : item.as_map()) {
          if (KeyEq(ek, "name")) e.name = str(ev);
          else if (KeyEq(ek, "url")) e.url = str(ev);
          else if (KeyEq(ek, "username")) e.username = str(ev);
          else if (KeyEq(ek, "password")) e.password = str(ev);
          else if (KeyEq(ek, "certfile")) e.cert_file = str(ev);
          else if (KeyEq(ek, "keyfile")) e.key_file = str(ev);
          else if (KeyEq(ek, "cafile")) e.ca_file = str(ev);
          else if (KeyEq(ek, "insecure_skip_tls_verify")) e.insecure_skip_tls_verify = ev.is_bool() && ev.as_bool();
          else if (KeyEq(ek, "pass_credentials_all")) e.pass_credentials_all = ev.is_bool() && ev.as_bool();
        }
        f.repositories.push_back(std::move(e));
      }
    }
  }
  return f;
}

std::string MarshalRepoFile(const RepoFile& f) {
  ValueList repos;
  for (const auto& e : f.repositories) {
    ValueMap m;
    m["name"] = Value(e.name);
    m["url"] = Value(e.url);
    m["username"] = Value(e.username);
    m["password"] = Value(e.password);
    m["certFile"] = Value(e.cert_file);
    m["keyFile"] = Value(e.key_file);
    m["caFile"] = Value(e.ca_file);
    m["insecure_skip_tls_verify"] = Value(e.insecure_skip_tls_verify);
    m["pass_credentials_all"] = Value(e.pass_credentials_all);
    repos.emplace_back(std::move(m));
  }
  ValueMap top;
  top["apiVersion"] = Value(f.api_version);
  top["generated"] = Value(f.generated);
  top["repositories"] = Value(std::move(repos));
  return yaml::ToYaml(Value(std::move(top)));
}

Status WriteRepoFile(const RepoFile& f, const std::string& path, int mode) {
  return WriteFileAtomic(path, MarshalRepoFile(f), mode);
}

std::string ResolveReferenceUrl(std::string_view base, std::string_view ref) {
  if (ref.find("://") != std::string_view::npos) return std::string(ref);
  std::string_view query;
  if (size_t q = base.find('?'); q != std::string_view::npos) {
    query = base.substr(q);
    base = base.substr(0, q);
  }
  if (size_t h = base.find('#'); h != std::string_view::npos) base = base.substr(0, h);
  std::string out(base);
  while (!out.empty() && out.back() == '/') out.pop_back();
  if (!ref.empty() && ref[0] == '/') {
    // An absolute path replaces the base's path.
    size_t scheme = out.find("://");
    size_t slash = scheme == std::string::npos ? std::string::npos : out.find('/', scheme + 3);
    if (slash != std::string::npos) out.resize(slash);
    out += ref;
  } else {
    out += '/';
    out += ref;
  }
  return out + std::string(query);
}

std::string CacheIndexFile(std::string_view name) { return std::string(name) + "-index.yaml"; }
std::string CacheChartsFile(std::string_view name) { return std::string(name) + "-charts.txt"; }

namespace {

// "size:mtime_ns:sha256" of a file's current content, or "" when it cannot be read.
std::string CacheKey(const std::string& path, std::string_view content) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return "";
  int64_t mtime = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return std::to_string(content.size()) + ":" + std::to_string(mtime) + ":" + Sha256Hex(content);
}

}  // namespace

Result<std::string> DownloadIndexFile(const Entry& entry, const std::string& cache_dir) {
  std::string url = ResolveReferenceUrl(entry.url, "index.yaml");
  HELM_ASSIGN_OR_RETURN(std::string body, getter::HttpGet(url, entry.GetterOptions()));
  LoadIndexOptions lo;
  lo.source = entry.url;
  HELM_ASSIGN_OR_RETURN(IndexFile index, LoadIndex(body, lo));
  std::string charts;
  for (const auto& [name, v] : index.entries) charts += name + "\n";
  HELM_RETURN_IF_ERROR(WriteFileAtomic(JoinPath(cache_dir, CacheChartsFile(entry.name)), charts));
  std::string path = JoinPath(cache_dir, CacheIndexFile(entry.name));
  HELM_RETURN_IF_ERROR(WriteFileAtomic(path, body));
  std::string key = CacheKey(path, body);
  if (!key.empty()) (void)WriteFileAtomic(path + ".hcache", SerializeIndex(index, key));
  return path;
}

std::string SerializeIndex(const IndexFile& index, std::string_view key) {
  Writer w;
  w.out.append(kMagic);
  w.S(key);
  w.S(index.api_version);
  w.S(index.generated);
  w.L(index.public_keys);
  w.U(index.annotations.size());
  for (const auto& [k, v] : index.annotations) {
    w.S(k);
    w.S(v);
  }
  w.U(index.entries.size());
  for (const auto& [name, versions] : index.entries) {
    w.S(name);
    w.U(versions.size());
    for (const auto& cv : versions) WriteVersion(w, cv);
  }
  return std::move(w.out);
}

Result<IndexFile> DeserializeIndex(std::string_view data, std::string_view key) {
  if (!data.starts_with(kMagic)) return Error(Code::kParse, "not an index cache");
  Reader r(data.substr(kMagic.size()));
  std::string stored;
  r.S(&stored);
  if (!r.ok()) return Error(Code::kParse, "corrupt index cache");
  if (stored != key) return Error(Code::kNotFound, "stale index cache");
  IndexFile idx;
  r.S(&idx.api_version);
  r.S(&idx.generated);
  r.L(&idx.public_keys);
  uint64_t na = r.Count();
  for (uint64_t k = 0; k < na && r.ok(); ++k) {
    std::string a, b;
    r.S(&a);
    r.S(&b);
    idx.annotations.emplace(std::move(a), std::move(b));
  }
  uint64_t ne = r.Count();
  for (uint64_t k = 0; k < ne && r.ok(); ++k) {
    std::string name;
    r.S(&name);
    auto& versions = idx.entries[name];
    versions.resize(r.Count());
    for (auto& cv : versions) {
      if (!ReadVersion(r, &cv)) return Error(Code::kParse, "corrupt index cache");
    }
  }
  if (!r.ok() || !r.AtEnd()) return Error(Code::kParse, "corrupt index cache");
  return idx;
}

Result<IndexFile> LoadIndexCached(const std::string& index_path, const LoadIndexOptions& opts) {
  HELM_ASSIGN_OR_RETURN(std::string bytes, ReadFile(index_path));
  std::string key = CacheKey(index_path, bytes);
  std::string cache_path = index_path + ".hcache";
  if (!key.empty()) {
    if (auto cached = ReadFile(cache_path); cached.ok()) {
      auto idx = DeserializeIndex(*cached, key);
      if (idx.ok()) return idx;
    }
  }
  LoadIndexOptions o = opts;
  if (o.source.empty()) o.source = index_path;
  auto idx = LoadIndex(bytes, o);
  if (!idx.ok()) return idx.status().Wrap("error loading " + index_path);
  if (!key.empty()) (void)WriteFileAtomic(cache_path, SerializeIndex(*idx, key));
  return idx;
}

}  // namespace helm::repo
