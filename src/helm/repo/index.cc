#include "helm/repo/index.h"

#include <openssl/evp.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <time.h>
#include <yaml.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <memory>
#include <numeric>
#include <optional>

#include "helm/base/fs.h"
#include "helm/base/semver.h"
#include "helm/base/strings.h"
#include "helm/chart/chartfile.h"
#include "helm/chart/loader.h"
#include "helm/yaml/yaml.h"

namespace helm::repo {
namespace {

// ---------------------------------------------------------------------------------------------------
// Event sources: the YAML (libyaml) and JSON (RapidJSON) parsers reduced to one pull interface, so a
// single typed decoder serves both.

struct Ev {
  enum Type { kMapStart, kMapEnd, kSeqStart, kSeqEnd, kScalar, kEnd } type = kEnd;
  std::string_view text;
  bool plain = false;  // untagged plain YAML scalar, or a JSON literal (number, true, false, null)
};

enum class SourceError { kNone, kSyntax, kAlias };

class Source {
 public:
  virtual ~Source() = default;
  virtual bool Next(Ev* ev) = 0;  // false: error(); the event is not valid
  SourceError error() const { return error_; }

 protected:
  SourceError error_ = SourceError::kNone;
};

class YamlSource : public Source {
 public:
  explicit YamlSource(std::string_view text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  ~YamlSource() override {
    if (has_event_) yaml_event_delete(&event_);
    yaml_parser_delete(&parser_);
  }

  bool Next(Ev* ev) override {
    for (;;) {
      if (has_event_) yaml_event_delete(&event_);
      has_event_ = false;
      if (done_) {
        ev->type = Ev::kEnd;
        return true;
      }
      if (!yaml_parser_parse(&parser_, &event_)) {
        error_ = SourceError::kSyntax;
        return false;
      }
      has_event_ = true;
      switch (event_.type) {
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_START_EVENT:
          continue;
        case YAML_DOCUMENT_END_EVENT:
        case YAML_STREAM_END_EVENT:
          done_ = true;  // only the first document counts, as in sigs.k8s.io/yaml
          ev->type = Ev::kEnd;
          return true;
        case YAML_ALIAS_EVENT:
          error_ = SourceError::kAlias;
          return false;
        case YAML_MAPPING_START_EVENT:
          if (event_.data.mapping_start.anchor != nullptr) return Anchor();
          ev->type = Ev::kMapStart;
          return true;
        case YAML_MAPPING_END_EVENT:
          ev->type = Ev::kMapEnd;
          return true;
        case YAML_SEQUENCE_START_EVENT:
          if (event_.data.sequence_start.anchor != nullptr) return Anchor();
          ev->type = Ev::kSeqStart;
          return true;
        case YAML_SEQUENCE_END_EVENT:
          ev->type = Ev::kSeqEnd;
          return true;
        case YAML_SCALAR_EVENT: {
          if (event_.data.scalar.anchor != nullptr) return Anchor();
          ev->type = Ev::kScalar;
          ev->text = std::string_view(reinterpret_cast<const char*>(event_.data.scalar.value),
                                      event_.data.scalar.length);
          const char* tag = reinterpret_cast<const char*>(event_.data.scalar.tag);
          ev->plain = event_.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
                      (tag == nullptr || std::strcmp(tag, "tag:yaml.org,2002:str") != 0);
          return true;
        }
        default:
          continue;
      }
    }
  }

 private:
  // Anchors (and aliases) are rare in indexes; the caller falls back to the generic YAML path.
  bool Anchor() {
    error_ = SourceError::kAlias;
    return false;
  }

  yaml_parser_t parser_;
  yaml_event_t event_;
  bool has_event_ = false;
  bool done_ = false;
};

// RapidJSON 1.1 has no pull API: the whole document is tokenized first (texts in one arena), which also
// tells whether the body is valid JSON at all (Helm's json.Valid decision) before decoding starts.
class JsonSource : public Source {
 public:
  explicit JsonSource(std::string_view text) {
    rapidjson::Reader reader;
    rapidjson::MemoryStream stream(text.data(), text.size());
    Handler h{this};
    if (!reader.Parse<kFlags>(stream, h)) {
      error_ = SourceError::kSyntax;
      toks_.clear();
    }
  }

  bool Next(Ev* ev) override {
    if (error_ != SourceError::kNone) return false;
    if (pos_ >= toks_.size()) {
      ev->type = Ev::kEnd;
      return true;
    }
    const Tok& t = toks_[pos_++];
    ev->type = t.type;
    ev->plain = t.plain;
    ev->text = std::string_view(arena_).substr(t.off, t.len);
    return true;
  }

 private:
  static constexpr unsigned kFlags = rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseValidateEncodingFlag;

  struct Tok {
    Ev::Type type;
    bool plain;
    size_t off, len;
  };

  struct Handler : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Handler> {
    JsonSource* s;
    explicit Handler(JsonSource* src) : s(src) {}
    bool Set(Ev::Type t) {
      s->toks_.push_back({t, false, 0, 0});
      return true;
    }
    bool Scalar(const char* p, size_t n, bool plain) {
      s->toks_.push_back({Ev::kScalar, plain, s->arena_.size(), n});
      s->arena_.append(p, n);
      return true;
    }
    bool Null() { return Scalar("null", 4, true); }
    bool Bool(bool b) { return b ? Scalar("true", 4, true) : Scalar("false", 5, true); }
    bool RawNumber(const char* p, rapidjson::SizeType n, bool) { return Scalar(p, n, true); }
    bool String(const char* p, rapidjson::SizeType n, bool) { return Scalar(p, n, false); }
    bool Key(const char* p, rapidjson::SizeType n, bool) { return Scalar(p, n, false); }
    bool StartObject() { return Set(Ev::kMapStart); }
    bool EndObject(rapidjson::SizeType) { return Set(Ev::kMapEnd); }
    bool StartArray() { return Set(Ev::kSeqStart); }
    bool EndArray(rapidjson::SizeType) { return Set(Ev::kSeqEnd); }
  };

  std::vector<Tok> toks_;
  std::string arena_;
  size_t pos_ = 0;
};

// ---------------------------------------------------------------------------------------------------
// Scalar resolution (go-yaml v2's resolver, reduced to what a string/bool field needs to know).

enum class Kind { kNull, kBool, kNumber, kString };

bool IsNullWord(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

std::optional<bool> BoolWord(std::string_view s, bool yaml11) {
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (!yaml11) return std::nullopt;
  static constexpr std::string_view kTrue[] = {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON"};
  static constexpr std::string_view kFalse[] = {"n", "N", "no", "No", "NO", "off", "Off", "OFF"};
  for (auto w : kTrue) if (s == w) return true;
  for (auto w : kFalse) if (s == w) return false;
  return std::nullopt;
}

bool IsYamlNumber(std::string_view s) {
  if (s.empty()) return false;
  char c = s[0];
  if (!(c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'))) return false;
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "-.inf" || s == "-.Inf" || s == "-.INF" || s == "+.inf" ||
      s == "+.Inf" || s == "+.INF" || s == ".nan" || s == ".NaN" || s == ".NAN") {
    return true;
  }
  std::string t;
  t.reserve(s.size());
  for (char ch : s) if (ch != '_') t.push_back(ch);
  std::string_view u = t;
  size_t i = 0;
  if (i < u.size() && (u[i] == '-' || u[i] == '+')) ++i;
  std::string_view body = u.substr(i);
  if (body.empty()) return false;
  // Integers: decimal, 0x hex, 0b binary, leading-0 octal.
  auto all = [](std::string_view d, auto pred) { return !d.empty() && std::all_of(d.begin(), d.end(), pred); };
  if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X')) {
    return all(body.substr(2), [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)) != 0; });
  }
  if (body.size() > 2 && body[0] == '0' && body[1] == 'b') {
    return all(body.substr(2), [](char ch) { return ch == '0' || ch == '1'; });
  }
  if (all(body, [](char ch) { return ch >= '0' && ch <= '9'; })) return true;
  // Floats: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
  size_t j = 0;
  auto digits = [&]() {
    size_t st = j;
    while (j < body.size() && body[j] >= '0' && body[j] <= '9') ++j;
    return j - st;
  };
  if (body[0] == '.') {
    ++j;
    if (digits() == 0) return false;
  } else {
    if (digits() == 0) return false;
    if (j < body.size() && body[j] == '.') {
      ++j;
      digits();
    }
  }
  if (j < body.size() && (body[j] == 'e' || body[j] == 'E')) {
    ++j;
    if (j < body.size() && (body[j] == '-' || body[j] == '+')) ++j;
    if (digits() == 0) return false;
  }
  return j == body.size();
}

bool KeyIs(std::string_view key, std::string_view lower) {
  if (key.size() != lower.size()) return false;
  for (size_t i = 0; i < key.size(); ++i) {
    char c = key[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------
// The typed decoder.

class Decoder {
 public:
  Decoder(Source* src, bool json) : src_(src), json_(json) {}

  Status status() const { return status_; }
  bool syntax_error() const { return src_->error() != SourceError::kNone; }

  bool DecodeIndex(IndexFile* idx) {
    if (!Next()) return false;
    if (ev_.type == Ev::kEnd) return true;
    if (ev_.type == Ev::kScalar && ev_.plain && IsNullWord(ev_.text)) return true;
    if (ev_.type != Ev::kMapStart) return TypeError(KindOfCurrent(), "", "repo.IndexFile");
    for (;;) {
      if (!Next()) return false;
      if (ev_.type == Ev::kMapEnd) return true;
      std::string key(ev_.text);
      bool ok;
      if (KeyIs(key, "apiversion")) ok = Str(&idx->api_version, "IndexFile.apiVersion");
      else if (KeyIs(key, "generated")) ok = Time(&idx->generated, "IndexFile.generated");
      else if (KeyIs(key, "entries")) ok = Entries(idx);
      else if (KeyIs(key, "publickeys")) ok = StrList(&idx->public_keys, "IndexFile.publicKeys");
      else if (KeyIs(key, "annotations")) ok = StrMap(&idx->annotations, "IndexFile.annotations");
      else if (KeyIs(key, "serverinfo")) ok = Skip();  // only for chartmuseum validation; discarded by Helm too
      else ok = Unknown(key);
      if (!ok) return false;
    }
  }

  // Versions of each chart, in file order, with null items recorded as nullopt for the warnings.
  std::vector<std::pair<std::string, std::vector<std::optional<ChartVersion>>>> raw;

 private:
  bool Next() {
    if (!src_->Next(&ev_)) {
      status_ = Error(Code::kParse, "syntax");
      return false;
    }
    return true;
  }

  Kind KindOfCurrent() const {
    if (ev_.type == Ev::kMapStart) return Kind::kString;  // reported as object below
    if (ev_.type != Ev::kScalar || !ev_.plain) return Kind::kString;
    if (IsNullWord(ev_.text)) return Kind::kNull;
    if (BoolWord(ev_.text, !json_)) return Kind::kBool;
    if (json_ || IsYamlNumber(ev_.text)) return Kind::kNumber;
    return Kind::kString;
  }

  bool Fail(std::string msg) {
    status_ = Error(Code::kParse, json_ ? msg : "error unmarshaling JSON: while decoding JSON: " + msg);
    return false;
  }

  // encoding/json's UnmarshalTypeError text for the current event.
  bool TypeError(Kind kind, std::string_view field, std::string_view go_type) {
    std::string what;
    if (ev_.type == Ev::kMapStart) what = "object";
    else if (ev_.type == Ev::kSeqStart) what = "array";
    else if (kind == Kind::kBool) what = "bool";
    else if (kind == Kind::kNumber) what = "number";
    else what = "string";
    if (field.empty()) return Fail("json: cannot unmarshal " + what + " into Go value of type " + std::string(go_type));
    return Fail("json: cannot unmarshal " + what + " into Go struct field " + std::string(field) + " of type " +
                std::string(go_type));
  }

  bool Unknown(const std::string& key) {
    if (json_) return Skip();  // json.Unmarshal ignores unknown fields; only the YAML path is strict
    return Fail("json: unknown field " + GoQuote(key));
  }

  // Consumes the current node's remainder (the current event has been read as the node's start).
  bool SkipCurrent() {
    if (ev_.type == Ev::kScalar) return true;
    int depth = 1;
    while (depth > 0) {
      if (!Next()) return false;
      if (ev_.type == Ev::kMapStart || ev_.type == Ev::kSeqStart) ++depth;
      else if (ev_.type == Ev::kMapEnd || ev_.type == Ev::kSeqEnd) --depth;
      else if (ev_.type == Ev::kEnd) return Fail("unexpected end of document");
    }
    return true;
  }
  bool Skip() { return Next() && SkipCurrent(); }

  bool IsNull() const { return ev_.type == Ev::kScalar && ev_.plain && IsNullWord(ev_.text); }

  bool StrCurrent(std::string* out, std::string_view field) {
    if (ev_.type != Ev::kScalar) return TypeError(Kind::kString, field, "string");
    if (ev_.plain) {
      Kind k = KindOfCurrent();
      if (k == Kind::kNull) return true;  // null leaves a Go string untouched
      if (k != Kind::kString) return TypeError(k, field, "string");
    }
    out->assign(ev_.text);
    return true;
  }
  bool Str(std::string* out, std::string_view field) { return Next() && StrCurrent(out, field); }

  bool Time(std::string* out, std::string_view field) {
    std::string s;
    if (!Next()) return false;
    if (IsNull()) return true;
    if (!StrCurrent(&s, field)) return false;
    Status st = chart::CheckRfc3339(s);
    if (!st.ok()) return Fail(st.message());
    *out = NormalizeTime(s);
    return true;
  }

  bool Bool(bool* out, std::string_view field) {
    if (!Next()) return false;
    if (ev_.type != Ev::kScalar) return TypeError(Kind::kString, field, "bool");
    Kind k = KindOfCurrent();
    if (k == Kind::kNull) return true;
    if (k != Kind::kBool) return TypeError(k, field, "bool");
    *out = *BoolWord(ev_.text, !json_);
    return true;
  }

  bool StrList(std::vector<std::string>* out, std::string_view field) {
    if (!Next()) return false;
    out->clear();
    if (IsNull()) return true;
    if (ev_.type != Ev::kSeqStart) return TypeError(KindOfCurrent(), field, "[]string");
    for (;;) {
      if (!Next()) return false;
      if (ev_.type == Ev::kSeqEnd) return true;
      std::string s;
      if (!StrCurrent(&s, field)) return false;
      out->push_back(std::move(s));
    }
  }

  bool StrMap(std::map<std::string, std::string>* out, std::string_view field, bool* present = nullptr) {
    if (!Next()) return false;
    if (IsNull()) return true;
    if (ev_.type != Ev::kMapStart) return TypeError(KindOfCurrent(), field, "map[string]string");
    if (present != nullptr) *present = true;
    for (;;) {
      if (!Next()) return false;
      if (ev_.type == Ev::kMapEnd) return true;
      std::string key(ev_.text);
      std::string v;
      if (!Str(&v, field)) return false;
      (*out)[std::move(key)] = std::move(v);
    }
  }

  // Any YAML/JSON node as sigs.k8s.io/yaml yields it (numbers float64).
  bool AnyCurrent(Value* out) {
    switch (ev_.type) {
      case Ev::kScalar: {
        if (!ev_.plain) {
          *out = Value(ev_.text);
          return true;
        }
        auto v = json_ ? yaml::ParseJson(ev_.text) : yaml::ParseYaml(ev_.text);
        if (!v.ok()) return Fail(v.status().message());
        *out = std::move(*v);
        return true;
      }
      case Ev::kMapStart: {
        ValueMap m;
        for (;;) {
          if (!Next()) return false;
          if (ev_.type == Ev::kMapEnd) break;
          std::string key(ev_.text);
          Value v;
          if (!Next() || !AnyCurrent(&v)) return false;
          m[std::move(key)] = std::move(v);
        }
        *out = Value(std::move(m));
        return true;
      }
      case Ev::kSeqStart: {
        ValueList l;
        for (;;) {
          if (!Next()) return false;
          if (ev_.type == Ev::kSeqEnd) break;
          Value v;
          if (!AnyCurrent(&v)) return false;
          l.push_back(std::move(v));
        }
        *out = Value(std::move(l));
        return true;
      }
      default:
        return Fail("unexpected event");
    }
  }

  bool Maintainers(std::vector<chart::Maintainer>* out) {
    const char* f = "ChartVersion.entries.Metadata.maintainers";
    if (!Next()) return false;
    out->clear();
    if (IsNull()) return true;
    if (ev_.type != Ev::kSeqStart) return TypeError(KindOfCurrent(), f, "[]*chart.Maintainer");
    for (;;) {
      if (!Next()) return false;
      if (ev_.type == Ev::kSeqEnd) return true;
      chart::Maintainer m;
      if (IsNull()) {
        m.is_null = true;
      } else {
        if (ev_.type != Ev::kMapStart) return TypeError(KindOfCurrent(), f, "chart.Maintainer");
        for (;;) {
          if (!Next()) return false;
          if (ev_.type == Ev::kMapEnd) break;
          std::string key(ev_.text);
          bool ok;
          if (KeyIs(key, "name")) ok = Str(&m.name, "ChartVersion.entries.Metadata.maintainers.name");
          else if (KeyIs(key, "email")) ok = Str(&m.email, "ChartVersion.entries.Metadata.maintainers.email");
          else if (KeyIs(key, "url")) ok = Str(&m.url, "ChartVersion.entries.Metadata.maintainers.url");
          else ok = Unknown(key);
          if (!ok) return false;
        }
      }
      out->push_back(std::move(m));
    }
  }

  bool Dependencies(std::vector<chart::Dependency>* out) {
    const char* f = "ChartVersion.entries.Metadata.dependencies";
    if (!Next()) return false;
    out->clear();
    if (IsNull()) return true;
    if (ev_.type != Ev::kSeqStart) return TypeError(KindOfCurrent(), f, "[]*chart.Dependency");
    for (;;) {
      if (!Next()) return false;
      if (ev_.type == Ev::kSeqEnd) return true;
      chart::Dependency d;
      if (IsNull()) {
        d.is_null = true;
      } else {
        if (ev_.type != Ev::kMapStart) return TypeError(KindOfCurrent(), f, "chart.Dependency");
        for (;;) {
          if (!Next()) return false;
          if (ev_.type == Ev::kMapEnd) break;
          std::string key(ev_.text);
          bool ok;
          if (KeyIs(key, "name")) ok = Str(&d.name, "ChartVersion.entries.Metadata.dependencies.name");
          else if (KeyIs(key, "version")) ok = Str(&d.version, "ChartVersion.entries.Metadata.dependencies.version");
          else if (KeyIs(key, "repository")) ok = Str(&d.repository, "ChartVersion.entries.Metadata.dependencies.repository");
          else if (KeyIs(key, "condition")) ok = Str(&d.condition, "ChartVersion.entries.Metadata.dependencies.condition");
          else if (KeyIs(key, "tags")) ok = StrList(&d.tags, "ChartVersion.entries.Metadata.dependencies.tags");
          else if (KeyIs(key, "enabled")) ok = Bool(&d.enabled, "ChartVersion.entries.Metadata.dependencies.enabled");
          else if (KeyIs(key, "alias")) ok = Str(&d.alias, "ChartVersion.entries.Metadata.dependencies.alias");
          else if (KeyIs(key, "import-values")) {
            Value v;
            ok = Next() && AnyCurrent(&v);
            if (ok && v.is_list()) d.import_values = v.as_list();
            else if (ok && !v.is_null()) return Fail("json: cannot unmarshal " + std::string(v.is_map() ? "object" : "string") +
                                                   " into Go struct field ChartVersion.entries.Metadata.dependencies.import-values of type []interface {}");
          } else ok = Unknown(key);
          if (!ok) return false;
        }
      }
      out->push_back(std::move(d));
    }
  }

  bool Version(ChartVersion* cv) {
    chart::Metadata& md = cv->metadata;
    for (;;) {
      if (!Next()) return false;
      if (ev_.type == Ev::kMapEnd) return true;
      std::string_view key = ev_.text;
      std::string keep;
      bool ok = true;
      // Most frequent keys first.
      if (KeyIs(key, "name")) ok = Str(&md.name, "ChartVersion.entries.Metadata.name");
      else if (KeyIs(key, "version")) ok = Str(&md.version, "ChartVersion.entries.Metadata.version");
      else if (KeyIs(key, "urls")) ok = StrList(&cv->urls, "ChartVersion.entries.urls");
      else if (KeyIs(key, "created")) ok = Time(&cv->created, "ChartVersion.entries.created");
      else if (KeyIs(key, "digest")) ok = Str(&cv->digest, "ChartVersion.entries.digest");
      else if (KeyIs(key, "description")) ok = Str(&md.description, "ChartVersion.entries.Metadata.description");
      else if (KeyIs(key, "apiversion")) ok = Str(&md.api_version, "ChartVersion.entries.Metadata.apiVersion");
      else if (KeyIs(key, "appversion")) ok = Str(&md.app_version, "ChartVersion.entries.Metadata.appVersion");
      else if (KeyIs(key, "home")) ok = Str(&md.home, "ChartVersion.entries.Metadata.home");
      else if (KeyIs(key, "icon")) ok = Str(&md.icon, "ChartVersion.entries.Metadata.icon");
      else if (KeyIs(key, "sources")) ok = StrList(&md.sources, "ChartVersion.entries.Metadata.sources");
      else if (KeyIs(key, "keywords")) ok = StrList(&md.keywords, "ChartVersion.entries.Metadata.keywords");
      else if (KeyIs(key, "maintainers")) ok = Maintainers(&md.maintainers);
      else if (KeyIs(key, "annotations")) ok = StrMap(&md.annotations, "ChartVersion.entries.Metadata.annotations", &md.has_annotations);
      else if (KeyIs(key, "dependencies")) ok = Dependencies(&md.dependencies);
      else if (KeyIs(key, "type")) ok = Str(&md.type, "ChartVersion.entries.Metadata.type");
      else if (KeyIs(key, "kubeversion")) ok = Str(&md.kube_version, "ChartVersion.entries.Metadata.kubeVersion");
      else if (KeyIs(key, "condition")) ok = Str(&md.condition, "ChartVersion.entries.Metadata.condition");
      else if (KeyIs(key, "tags")) ok = Str(&md.tags, "ChartVersion.entries.Metadata.tags");
      else if (KeyIs(key, "deprecated")) ok = Bool(&md.deprecated, "ChartVersion.entries.Metadata.deprecated");
      else if (KeyIs(key, "removed")) ok = Bool(&cv->removed, "ChartVersion.entries.removed");
      else if (KeyIs(key, "checksum") || KeyIs(key, "engine") || KeyIs(key, "tillerversion") || KeyIs(key, "url")) {
        // Deprecated fields Helm still accepts (and ignores).
        ok = Str(&keep, "ChartVersion.entries.deprecated");
      } else ok = Unknown(std::string(key));
      if (!ok) return false;
    }
  }

  bool Entries(IndexFile* idx) {
    if (!Next()) return false;
    if (IsNull()) return true;
    if (ev_.type != Ev::kMapStart) return TypeError(KindOfCurrent(), "IndexFile.entries", "map[string]repo.ChartVersions");
    for (;;) {
      if (!Next()) return false;
      if (ev_.type == Ev::kMapEnd) return true;
      raw.emplace_back(std::string(ev_.text), std::vector<std::optional<ChartVersion>>());
      auto& list = raw.back().second;
      if (!Next()) return false;
      if (IsNull()) continue;
      if (ev_.type != Ev::kSeqStart) return TypeError(KindOfCurrent(), "IndexFile.entries", "repo.ChartVersions");
      for (;;) {
        if (!Next()) return false;
        if (ev_.type == Ev::kSeqEnd) break;
        if (IsNull()) {
          list.emplace_back(std::nullopt);
          continue;
        }
        if (ev_.type != Ev::kMapStart) return TypeError(KindOfCurrent(), "IndexFile.entries", "repo.ChartVersion");
        list.emplace_back(ChartVersion());
        if (!Version(&*list.back())) return false;
      }
    }
  }

  static std::string NormalizeTime(std::string_view s);

  Source* src_;
  bool json_;
  Ev ev_;
  Status status_;
  friend std::string NormalizeTimeText(std::string_view s);
};

// Go marshals a parsed time with RFC3339Nano: fraction without trailing zeros, "Z" for a zero offset.
std::string Decoder::NormalizeTime(std::string_view s) {
  std::string out;
  size_t i = 19;  // "2006-01-02T15:04:05"
  out.assign(s.substr(0, i));
  out[10] = 'T';
  if (i < s.size() && s[i] == '.') {
    size_t j = i + 1;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    std::string_view frac = s.substr(i + 1, j - i - 1);
    if (frac.size() > 9) frac = frac.substr(0, 9);
    while (!frac.empty() && frac.back() == '0') frac.remove_suffix(1);
    if (!frac.empty()) {
      out += '.';
      out += frac;
    }
    i = j;
  }
  std::string_view zone = s.substr(i);
  if (zone == "Z" || zone == "z" || zone == "+00:00" || zone == "-00:00") out += 'Z';
  else out += zone;
  return out;
}

std::string LogLine(std::string_view msg) { return "level=WARN msg=" + GoQuote(msg); }

// Validation, warnings, SortEntries: the part of loadIndex after decoding.
Result<IndexFile> Finish(IndexFile idx, Decoder& dec, const LoadIndexOptions& opts) {
  for (auto& [name, list] : dec.raw) {
    std::vector<bool> keep(list.size(), true);
    // Helm walks each list from the end, so its warnings come out in that order.
    for (size_t k = list.size(); k-- > 0;) {
      if (!list[k]) {
        if (opts.log) {
          opts.log(LogLine("skipping loading invalid entry for chart " + GoQuote(name) + " from " + opts.source +
                           ": empty entry"));
        }
        keep[k] = false;
        continue;
      }
      chart::Metadata& md = list[k]->metadata;
      if (md.api_version.empty()) md.api_version = chart::kApiVersionV1;
      Status st = chart::ValidateMetadata(&md);
      if (!st.ok() && !st.message().starts_with("validation: more than one dependency with name or alias")) {
        if (opts.log) {
          opts.log(LogLine("skipping loading invalid entry for chart " + GoQuote(name) + " " + GoQuote(md.version) +
                           " from " + opts.source + ": " + st.message()));
        }
        keep[k] = false;
      }
    }
    auto& dest = idx.entries[name];  // a repeated key replaces the earlier list, like Go's map decoding
    dest.clear();
    dest.reserve(list.size());
    for (size_t k = 0; k < list.size(); ++k) {
      if (keep[k]) dest.push_back(std::move(*list[k]));
    }
  }
  dec.raw.clear();
  idx.SortEntries();
  if (idx.api_version.empty()) return Error(Code::kInvalidArgument, "no API version specified");
  return idx;
}

Result<IndexFile> DecodeWith(Source* src, bool json, const LoadIndexOptions& opts) {
  IndexFile idx;
  Decoder dec(src, json);
  if (!dec.DecodeIndex(&idx)) {
    if (dec.syntax_error()) return Error(Code::kParse, src->error() == SourceError::kAlias ? "alias" : "syntax");
    return dec.status();
  }
  return Finish(std::move(idx), dec, opts);
}

bool LooksLikeJson(std::string_view b) {
  for (char c : b) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    return c == '{' || c == '[' || c == '"' || c == 'n';
  }
  return false;
}


// Go's path.Join: empty elements ignored; "" when all are empty.
std::string JoinUrlPath(const std::vector<std::string_view>& elems) {
  std::string joined;
  for (auto e : elems) {
    if (e.empty()) continue;
    if (!joined.empty()) joined += '/';
    joined += e;
  }
  return joined.empty() ? "" : CleanPath(joined);
}

// Helm's urlutil.URLJoin: the base URL's path joined with `elems`.
std::string UrlJoin(std::string_view base, std::vector<std::string_view> elems) {
  std::string_view prefix, path = base, suffix;
  size_t scheme = base.find("://");
  if (scheme != std::string_view::npos) {
    size_t slash = base.find_first_of("/?#", scheme + 3);
    prefix = base.substr(0, slash == std::string_view::npos ? base.size() : slash);
    path = slash == std::string_view::npos ? std::string_view() : base.substr(slash);
  }
  size_t q = path.find_first_of("?#");
  if (q != std::string_view::npos) {
    suffix = path.substr(q);
    path = path.substr(0, q);
  }
  elems.insert(elems.begin(), path);
  std::string p = JoinUrlPath(elems);
  if (!prefix.empty() && !p.empty() && p[0] != '/') p = "/" + p;
  return std::string(prefix) + p + std::string(suffix);
}

// ---------------------------------------------------------------------------------------------------
// Writing.

Value MetadataValue(const chart::Metadata& md) {
  ValueMap m;
  auto str = [&](const char* k, const std::string& v) {
    if (!v.empty()) m[k] = Value(v);
  };
  auto list = [&](const char* k, const std::vector<std::string>& v) {
    if (v.empty()) return;
    ValueList l;
    for (const auto& s : v) l.emplace_back(s);
    m[k] = Value(std::move(l));
  };
  str("name", md.name);
  str("home", md.home);
  list("sources", md.sources);
  str("version", md.version);
  str("description", md.description);
  list("keywords", md.keywords);
  if (!md.maintainers.empty()) {
    ValueList l;
    for (const auto& mt : md.maintainers) {
      if (mt.is_null) {
        l.emplace_back();
        continue;
      }
      ValueMap e;
      if (!mt.name.empty()) e["name"] = Value(mt.name);
      if (!mt.email.empty()) e["email"] = Value(mt.email);
      if (!mt.url.empty()) e["url"] = Value(mt.url);
      l.emplace_back(std::move(e));
    }
    m["maintainers"] = Value(std::move(l));
  }
  str("icon", md.icon);
  str("apiVersion", md.api_version);
  str("condition", md.condition);
  str("tags", md.tags);
  str("appVersion", md.app_version);
  if (md.deprecated) m["deprecated"] = Value(true);
  if (!md.annotations.empty()) {
    ValueMap a;
    for (const auto& [k, v] : md.annotations) a[k] = Value(v);
    m["annotations"] = Value(std::move(a));
  }
  str("kubeVersion", md.kube_version);
  if (!md.dependencies.empty()) {
    ValueList l;
    for (const auto& d : md.dependencies) {
      if (d.is_null) {
        l.emplace_back();
        continue;
      }
      ValueMap e;
      e["name"] = Value(d.name);
      if (!d.version.empty()) e["version"] = Value(d.version);
      e["repository"] = Value(d.repository);
      if (!d.condition.empty()) e["condition"] = Value(d.condition);
      if (!d.tags.empty()) {
        ValueList t;
        for (const auto& s : d.tags) t.emplace_back(s);
        e["tags"] = Value(std::move(t));
      }
      if (d.enabled) e["enabled"] = Value(true);
      if (!d.import_values.empty()) e["import-values"] = Value(d.import_values);
      if (!d.alias.empty()) e["alias"] = Value(d.alias);
      l.emplace_back(std::move(e));
    }
    m["dependencies"] = Value(std::move(l));
  }
  str("type", md.type);
  return Value(std::move(m));
}

Value ChartVersionValue(const ChartVersion& cv) {
  Value v = MetadataValue(cv.metadata);
  ValueMap& m = v.mutable_map();
  if (cv.urls.empty()) {
    m["urls"] = Value();
  } else {
    ValueList l;
    for (const auto& u : cv.urls) l.emplace_back(u);
    m["urls"] = Value(std::move(l));
  }
  m["created"] = Value(cv.created);
  if (cv.removed) m["removed"] = Value(true);
  if (!cv.digest.empty()) m["digest"] = Value(cv.digest);
  return v;
}

// JSON in Go struct field order, indented as json.MarshalIndent(v, "", "  ").
class JsonWriter {
 public:
  std::string out;

  void Str(std::string_view s) { out += yaml::ToJson(Value(s)); }
  void Newline() {
    out += '\n';
    out.append(2 * depth_, ' ');
  }
  void Open(char c) {
    out += c;
    ++depth_;
    first_ = true;
  }
  void Close(char c) {
    --depth_;
    if (!first_) Newline();
    out += c;
    first_ = false;
  }
  void Key(std::string_view k) {
    Item();
    Str(k);
    out += ": ";
  }
  void Item() {
    if (!first_) out += ',';
    Newline();
    first_ = false;
  }
  void StrList(const std::vector<std::string>& l) {
    if (l.empty()) {
      out += "[]";
      return;
    }
    Open('[');
    for (const auto& s : l) {
      Item();
      Str(s);
    }
    Close(']');
  }
  // A Value from import-values: Go marshals it compactly inside the indented output, then re-indents; we
  // emit the compact form and indent it the same way.
  void Raw(const Value& v) { Indent(yaml::ToJson(v)); }

 private:
  void Indent(std::string_view compact) {
    // Re-indents Go's compact JSON (strings are skipped over intact).
    bool in_str = false;
    for (size_t i = 0; i < compact.size(); ++i) {
      char c = compact[i];
      if (in_str) {
        out += c;
        if (c == '\\') out += compact[++i];
        else if (c == '"') in_str = false;
        continue;
      }
      switch (c) {
        case '"':
          in_str = true;
          out += c;
          break;
        case '{':
        case '[':
          if (i + 1 < compact.size() && (compact[i + 1] == '}' || compact[i + 1] == ']')) {
            out += c;
            out += compact[++i];
          } else {
            out += c;
            ++depth_;
            Newline();
          }
          break;
        case '}':
        case ']':
          --depth_;
          Newline();
          out += c;
          break;
        case ',':
          out += c;
          Newline();
          break;
        case ':':
          out += ": ";
          break;
        default:
          out += c;
      }
    }
  }

  int depth_ = 0;
  bool first_ = true;
};

void WriteMetadataJson(JsonWriter& w, const chart::Metadata& md) {
  auto str = [&](const char* k, const std::string& v) {
    if (v.empty()) return;
    w.Key(k);
    w.Str(v);
  };
  auto list = [&](const char* k, const std::vector<std::string>& v) {
    if (v.empty()) return;
    w.Key(k);
    w.StrList(v);
  };
  str("name", md.name);
  str("home", md.home);
  list("sources", md.sources);
  str("version", md.version);
  str("description", md.description);
  list("keywords", md.keywords);
  if (!md.maintainers.empty()) {
    w.Key("maintainers");
    w.Open('[');
    for (const auto& m : md.maintainers) {
      w.Item();
      if (m.is_null) {
        w.out += "null";
        continue;
      }
      if (m.name.empty() && m.email.empty() && m.url.empty()) {
        w.out += "{}";
        continue;
      }
      w.Open('{');
      str("name", m.name);
      str("email", m.email);
      str("url", m.url);
      w.Close('}');
    }
    w.Close(']');
  }
  str("icon", md.icon);
  str("apiVersion", md.api_version);
  str("condition", md.condition);
  str("tags", md.tags);
  str("appVersion", md.app_version);
  if (md.deprecated) {
    w.Key("deprecated");
    w.out += "true";
  }
  if (!md.annotations.empty()) {
    w.Key("annotations");
    w.Open('{');
    for (const auto& [k, v] : md.annotations) {
      w.Key(k);
      w.Str(v);
    }
    w.Close('}');
  }
  str("kubeVersion", md.kube_version);
  if (!md.dependencies.empty()) {
    w.Key("dependencies");
    w.Open('[');
    for (const auto& d : md.dependencies) {
      w.Item();
      if (d.is_null) {
        w.out += "null";
        continue;
      }
      w.Open('{');
      w.Key("name");
      w.Str(d.name);
      str("version", d.version);
      w.Key("repository");
      w.Str(d.repository);
      str("condition", d.condition);
      list("tags", d.tags);
      if (d.enabled) {
        w.Key("enabled");
        w.out += "true";
      }
      if (!d.import_values.empty()) {
        w.Key("import-values");
        w.Raw(Value(d.import_values));
      }
      str("alias", d.alias);
      w.Close('}');
    }
    w.Close(']');
  }
  str("type", md.type);
}

std::string LowerHex(const unsigned char* p, size_t n) {
  static const char kHex[] = "0123456789abcdef";
  std::string s(2 * n, '0');
  for (size_t i = 0; i < n; ++i) {
    s[2 * i] = kHex[p[i] >> 4];
    s[2 * i + 1] = kHex[p[i] & 15];
  }
  return s;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------

Result<IndexFile> LoadIndex(std::string_view bytes, const LoadIndexOptions& opts) {
  if (bytes.empty()) return Error(Code::kInvalidArgument, "empty index.yaml file");
  if (LooksLikeJson(bytes)) {
    JsonSource js(bytes);
    auto r = DecodeWith(&js, /*json=*/true, opts);
    if (r.ok() || js.error() == SourceError::kNone) return r;
    // Not valid JSON: Helm then reads it as YAML.
  }
  YamlSource ys(bytes);
  auto r = DecodeWith(&ys, /*json=*/false, opts);
  if (r.ok()) return r;
  if (ys.error() == SourceError::kNone) {
    // sigs.k8s.io/yaml parses the whole document before decoding, so a syntax error anywhere wins over a
    // type error found first by the streaming decoder.
    if (r.code() == Code::kParse) {
      auto tree = yaml::ParseYaml(bytes);
      if (!tree.ok()) return tree.status();
    }
    return r;
  }
  // Syntax errors get sigs.k8s.io/yaml's exact wording from the generic parser; documents with anchors and
  // aliases (which the event decoder does not resolve) go through the generic tree and back as JSON.
  auto tree = yaml::ParseYaml(bytes);
  if (!tree.ok()) return tree.status();
  auto json = yaml::MarshalJson(*tree);
  if (!json.ok()) return Error(Code::kParse, json.status().message());
  JsonSource js(*json);
  // The YAML path is strict; decoding the JSON form keeps that (unknown fields are reported).
  IndexFile idx;
  Decoder dec(&js, /*json=*/false);
  if (!dec.DecodeIndex(&idx)) return dec.status();
  return Finish(std::move(idx), dec, opts);
}

Result<IndexFile> LoadIndexFile(const std::string& path, const LoadIndexOptions& opts) {
  HELM_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path));
  LoadIndexOptions o = opts;
  if (o.source.empty()) o.source = path;
  auto r = LoadIndex(bytes, o);
  if (!r.ok()) return r.status().Wrap("error loading " + path);
  return r;
}

Result<const ChartVersion*> IndexFile::Get(std::string_view name, std::string_view version) const {
  auto it = entries.find(name);
  if (it == entries.end()) return Error(Code::kNotFound, "no chart name found");
  const auto& vs = it->second;
  if (vs.empty()) return Error(Code::kNotFound, "no chart version found");
  auto constraint = SemConstraints::Parse(version.empty() ? std::string_view("*") : version);
  if (!constraint.ok()) return constraint.status();
  if (!version.empty()) {
    for (const auto& v : vs) {
      if (v.version() == version) return &v;
    }
  }
  for (const auto& v : vs) {
    auto sv = ParseSemVersion(v.version());
    if (!sv.ok()) continue;
    if (constraint->Check(*sv)) return &v;
  }
  return Error(Code::kNotFound, "no chart version found for " + std::string(name) + "-" + std::string(version));
}

void IndexFile::SortEntries() {
  for (auto& [name, versions] : entries) {
    if (versions.size() < 2) continue;
    std::vector<std::optional<SemVersion>> parsed;
    parsed.reserve(versions.size());
    for (const auto& v : versions) {
      auto sv = ParseSemVersion(v.version());
      parsed.push_back(sv.ok() ? std::optional<SemVersion>(std::move(*sv)) : std::nullopt);
    }
    std::vector<size_t> order(versions.size());
    std::iota(order.begin(), order.end(), 0);
    // Newest first; unparsable versions last.
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      if (!parsed[a] || !parsed[b]) return parsed[a].has_value() && !parsed[b].has_value();
      return parsed[b]->Compare(*parsed[a]) < 0;
    });
    bool sorted = true;
    for (size_t k = 0; k < order.size(); ++k) sorted = sorted && order[k] == k;
    if (sorted) continue;
    std::vector<ChartVersion> out;
    out.reserve(versions.size());
    for (size_t k : order) out.push_back(std::move(versions[k]));
    versions = std::move(out);
  }
}

void IndexFile::Merge(const IndexFile& other) {
  for (const auto& [name, cvs] : other.entries) {
    for (const auto& cv : cvs) {
      if (!Has(cv.name(), cv.version())) entries[cv.name()].push_back(cv);
    }
  }
}

std::string NowRfc3339Nano() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  tm t{};
  gmtime_r(&ts.tv_sec, &t);
  char buf[64];
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &t);
  std::string s = buf;
  if (ts.tv_nsec != 0) {
    char frac[16];
    snprintf(frac, sizeof frac, ".%09ld", ts.tv_nsec);
    std::string f = frac;
    while (f.back() == '0') f.pop_back();
    s += f;
  }
  return s + "Z";
}

IndexFile NewIndexFile(std::string generated) {
  IndexFile idx;
  idx.api_version = kApiVersionV1;
  idx.generated = generated.empty() ? NowRfc3339Nano() : std::move(generated);
  return idx;
}

Status AddChartVersion(IndexFile* index, chart::Metadata md, const std::string& filename, const std::string& base_url,
                       const std::string& digest, const std::string& created) {
  if (md.api_version.empty()) md.api_version = chart::kApiVersionV1;
  Status st = chart::ValidateMetadata(&md);
  if (!st.ok()) return st.Wrap("validate failed for " + filename);
  std::string u = filename;
  if (!base_url.empty()) {
    std::string_view file = filename;
    if (size_t s = file.rfind('/'); s != std::string_view::npos) file = file.substr(s + 1);
    u = UrlJoin(base_url, {file});
  }
  ChartVersion cv;
  cv.urls.push_back(std::move(u));
  cv.digest = digest;
  cv.created = created.empty() ? NowRfc3339Nano() : created;
  std::string name = md.name;
  cv.metadata = std::move(md);
  index->entries[name].push_back(std::move(cv));
  return OkStatus();
}

Result<std::string> DigestFile(const std::string& path) {
  HELM_ASSIGN_OR_RETURN(std::string data, ReadFile(path));
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (EVP_Digest(data.data(), data.size(), md, &n, EVP_sha256(), nullptr) != 1) {
    return Error(Code::kInternal, "sha256 failed");
  }
  return LowerHex(md, n);
}

Result<IndexFile> IndexDirectory(const std::string& dir, const IndexDirectoryOptions& opts) {
  namespace fs = std::filesystem;
  // filepath.Glob(dir/*.tgz) then filepath.Glob(dir/**/*.tgz) (Go's ** is a plain *), each sorted.
  std::vector<std::string> top, nested;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.size() > 4 && name.ends_with(".tgz")) top.push_back(name);
    if (e.is_directory(ec)) {
      std::error_code ec2;
      for (const auto& f : fs::directory_iterator(e.path(), ec2)) {
        std::string fname = f.path().filename().string();
        if (fname.size() > 4 && fname.ends_with(".tgz")) nested.push_back(name + "/" + fname);
      }
    }
  }
  if (ec) return Error(Code::kIo, "open " + dir + ": " + ec.message());
  std::sort(top.begin(), top.end());
  std::sort(nested.begin(), nested.end());
  top.insert(top.end(), nested.begin(), nested.end());

  IndexFile index = NewIndexFile(opts.created);
  chart::LoadOptions lopts;
  lopts.log = [](std::string_view) {};
  for (const std::string& rel : top) {
    std::string parent, fname = rel;
    if (size_t s = rel.rfind('/'); s != std::string::npos) {
      parent = rel.substr(0, s);
      fname = rel.substr(s + 1);
    }
    std::string parent_url = UrlJoin(opts.base_url, {parent});
    std::string arch = JoinPath(dir, rel);
    auto c = chart::Load(arch, lopts);
    if (!c.ok()) continue;  // not a chart
    HELM_ASSIGN_OR_RETURN(std::string digest, DigestFile(arch));
    Status st = AddChartVersion(&index, c->metadata, fname, parent_url, digest, opts.created);
    if (!st.ok()) return st.Wrap("failed adding to " + fname + " to index");
  }
  return index;
}

std::string MarshalIndexYaml(const IndexFile& index) {
  ValueMap top;
  top["apiVersion"] = Value(index.api_version);
  top["generated"] = Value(index.generated);
  ValueMap entries;
  for (const auto& [name, versions] : index.entries) {
    if (versions.empty()) {
      entries[name] = Value();
      continue;
    }
    ValueList l;
    l.reserve(versions.size());
    for (const auto& cv : versions) l.push_back(ChartVersionValue(cv));
    entries[name] = Value(std::move(l));
  }
  top["entries"] = Value(std::move(entries));
  if (!index.public_keys.empty()) {
    ValueList l;
    for (const auto& k : index.public_keys) l.emplace_back(k);
    top["publicKeys"] = Value(std::move(l));
  }
  if (!index.annotations.empty()) {
    ValueMap a;
    for (const auto& [k, v] : index.annotations) a[k] = Value(v);
    top["annotations"] = Value(std::move(a));
  }
  return yaml::ToYaml(Value(std::move(top)));
}

std::string MarshalIndexJson(const IndexFile& index) {
  JsonWriter w;
  w.Open('{');
  w.Key("apiVersion");
  w.Str(index.api_version);
  w.Key("generated");
  w.Str(index.generated);
  w.Key("entries");
  if (index.entries.empty()) {
    w.out += "{}";
  } else {
    w.Open('{');
    for (const auto& [name, versions] : index.entries) {
      w.Key(name);
      if (versions.empty()) {
        w.out += "null";
        continue;
      }
      w.Open('[');
      for (const auto& cv : versions) {
        w.Item();
        w.Open('{');
        WriteMetadataJson(w, cv.metadata);
        w.Key("urls");
        if (cv.urls.empty()) w.out += "null";
        else w.StrList(cv.urls);
        w.Key("created");
        w.Str(cv.created);
        if (cv.removed) {
          w.Key("removed");
          w.out += "true";
        }
        if (!cv.digest.empty()) {
          w.Key("digest");
          w.Str(cv.digest);
        }
        w.Close('}');
      }
      w.Close(']');
    }
    w.Close('}');
  }
  if (!index.public_keys.empty()) {
    w.Key("publicKeys");
    w.StrList(index.public_keys);
  }
  if (!index.annotations.empty()) {
    w.Key("annotations");
    w.Open('{');
    for (const auto& [k, v] : index.annotations) {
      w.Key(k);
      w.Str(v);
    }
    w.Close('}');
  }
  w.Close('}');
  return std::move(w.out);
}

Status RepoIndex(const std::string& dir, const RepoIndexOptions& opts) {
  IndexDirectoryOptions io;
  io.base_url = opts.base_url;
  io.created = opts.created;
  HELM_ASSIGN_OR_RETURN(IndexFile index, IndexDirectory(dir, io));
  if (!opts.merge_from.empty()) {
    IndexFile other;
    if (!PathExists(opts.merge_from)) {
      other = NewIndexFile(opts.created);
      std::string body = opts.json ? MarshalIndexJson(other) : MarshalIndexYaml(other);
      (void)WriteFileAtomic(opts.merge_from, body);  // Helm ignores this write's error too
    } else {
      LoadIndexOptions lo;
      lo.log = opts.log;
      auto r = LoadIndexFile(opts.merge_from, lo);
      if (!r.ok()) return r.status().Wrap("merge failed");
      other = std::move(*r);
    }
    index.Merge(other);
  }
  index.SortEntries();
  std::string body = opts.json ? MarshalIndexJson(index) : MarshalIndexYaml(index);
  return WriteFileAtomic(JoinPath(dir, "index.yaml"), body);
}

}  // namespace helm::repo
