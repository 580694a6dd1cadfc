#include "helm/chart/chartfile.h"

#include <charconv>
#include <cmath>
#include <optional>

#include "helm/base/fs.h"
#include "helm/base/strings.h"
#include "helm/yaml/yaml.h"

namespace helm::chart {

namespace {

// Go's strconv.FormatFloat(f, 'g', -1, 32), which sigs.k8s.io/yaml uses for floats landing in strings.
std::string FormatFloat32(double d) {
  float f = static_cast<float>(d);
  if (std::isnan(f)) return "NaN";
  if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  // sci is "[-]d[.ddd]e[+-]xx": split into sign, digits and exponent.
  bool neg = !sci.empty() && sci[0] == '-';
  if (neg) sci.erase(0, 1);
  size_t e = sci.find('e');
  std::string mant = sci.substr(0, e);
  int exp = std::stoi(sci.substr(e + 1));
  std::string digits;
  for (char c : mant)
    if (c != '.') digits.push_back(c);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out = neg ? "-" : "";
  if (f == 0) return out + "0";
  if (exp < -4 || exp >= 6) {
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    out += exp < 0 ? "e-" : "e+";
    int a = exp < 0 ? -exp : exp;
    if (a < 10) out += "0";
    out += std::to_string(a);
    return out;
  }
  if (exp < 0) {
    out += "0." + std::string(static_cast<size_t>(-exp - 1), '0') + digits;
    return out;
  }
  size_t int_len = static_cast<size_t>(exp) + 1;
  if (digits.size() <= int_len) {
    out += digits + std::string(int_len - digits.size(), '0');
  } else {
    out += digits.substr(0, int_len) + "." + digits.substr(int_len);
  }
  return out;
}

// The string sigs.k8s.io/yaml substitutes for a scalar bound for a string field, or nullopt.
std::optional<std::string> ScalarAsString(const Value& v) {
  switch (v.kind()) {
    case Kind::kString:
      return v.as_string();
    case Kind::kBool:
      return std::string(v.as_bool() ? "true" : "false");
    case Kind::kInt:
      return std::to_string(v.as_int());
    case Kind::kFloat: {
      double d = v.as_float();
      if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e21) {
        char buf[32];
        auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed, 0);
        return std::string(buf, res.ptr);
      }
      return FormatFloat32(d);
    }
    default:
      return std::nullopt;
  }
}

const char* JsonKind(const Value& v) {
  switch (v.kind()) {
    case Kind::kNull: return "null";
    case Kind::kBool: return "bool";
    case Kind::kInt:
    case Kind::kFloat: return "number";
    case Kind::kString: return "string";
    case Kind::kList: return "array";
    default: return "object";
  }
}

bool FoldEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// Returns the index of the field `key` selects among `names` (exact match first, then case-insensitive),
// or -1.
template <size_t N>
int FieldIndex(const std::string_view (&names)[N], std::string_view key) {
  for (size_t i = 0; i < N; ++i)
    if (names[i] == key) return static_cast<int>(i);
  for (size_t i = 0; i < N; ++i)
    if (FoldEqual(names[i], key)) return static_cast<int>(i);
  return -1;
}

// encoding/json's decoder state: the first type error wins, decoding goes on.
class Decoder {
 public:
  void TypeError(const Value& v, std::string_view strct, std::string_view field, std::string_view type) {
    if (first_.has_value()) return;
    first_ = "json: cannot unmarshal " + std::string(JsonKind(v)) + " into Go struct field " +
             std::string(strct) + "." + std::string(field) + " of type " + std::string(type);
  }
  void RawError(std::string msg) {
    if (!first_.has_value()) first_ = std::move(msg);
  }
  Status status() const { return first_ ? Error(Code::kParse, *first_) : OkStatus(); }

  void String(const Value& v, std::string* out, std::string_view strct, std::string_view field) {
    if (v.is_null()) return;
    if (auto s = ScalarAsString(v)) {
      *out = std::move(*s);
      return;
    }
    TypeError(v, strct, field, "string");
  }

  void Bool(const Value& v, bool* out, std::string_view strct, std::string_view field) {
    if (v.is_null()) return;
    if (v.is_bool()) {
      *out = v.as_bool();
      return;
    }
    TypeError(v, strct, field, "bool");
  }

  void StringSlice(const Value& v, std::vector<std::string>* out, std::string_view strct,
                   std::string_view field) {
    if (v.is_null()) {
      out->clear();
      return;
    }
    if (!v.is_list()) {
      TypeError(v, strct, field, "[]string");
      return;
    }
    const ValueList& l = v.as_list();
    out->resize(l.size());
    for (size_t i = 0; i < l.size(); ++i) String(l[i], &(*out)[i], strct, field);
  }

  void Annotations(const Value& v, Metadata* md) {
    if (v.is_null()) {
      md->annotations.clear();
      md->has_annotations = false;
      return;
    }
    if (!v.is_map()) {
      TypeError(v, "Metadata", "annotations", "map[string]string");
      return;
    }
    md->has_annotations = true;
    for (const auto& [k, e] : v.as_map()) {
      if (e.is_null()) {
        md->annotations[k] = "";
      } else if (auto conv = ScalarAsString(e)) {
        md->annotations[k] = std::move(*conv);
      } else {
        TypeError(e, "Metadata", "annotations", "string");
      }
    }
  }

  void Maintainer(const Value& v, struct Maintainer* m) {
    static constexpr std::string_view kNames[] = {"name", "email", "url"};
    if (v.is_null()) {
      *m = {};
      m->is_null = true;
      return;
    }
    if (!v.is_map()) {
      TypeError(v, "Metadata", "maintainers", "v2.Maintainer");
      return;
    }
    m->is_null = false;
    for (const auto& [k, e] : v.as_map()) {
      switch (FieldIndex(kNames, k)) {
        case 0: String(e, &m->name, "Maintainer", "maintainers.name"); break;
        case 1: String(e, &m->email, "Maintainer", "maintainers.email"); break;
        case 2: String(e, &m->url, "Maintainer", "maintainers.url"); break;
        default: break;
      }
    }
  }

  void Dependency(const Value& v, struct Dependency* d, std::string_view outer, std::string_view prefix) {
    static constexpr std::string_view kNames[] = {"name", "version", "repository", "condition",
                                                  "tags", "enabled", "import-values", "alias"};
    if (v.is_null()) {
      *d = {};
      d->is_null = true;
      return;
    }
    if (!v.is_map()) {
      TypeError(v, outer, prefix, "v2.Dependency");
      return;
    }
    d->is_null = false;
    std::string p(prefix);
    for (const auto& [k, e] : v.as_map()) {
      int idx = FieldIndex(kNames, k);
      if (idx < 0) continue;
      std::string field = p + "." + std::string(kNames[idx]);
      switch (idx) {
        case 0: String(e, &d->name, "Dependency", field); break;
        case 1: String(e, &d->version, "Dependency", field); break;
        case 2: String(e, &d->repository, "Dependency", field); break;
        case 3: String(e, &d->condition, "Dependency", field); break;
        case 4: StringSlice(e, &d->tags, "Dependency", field); break;
        case 5: Bool(e, &d->enabled, "Dependency", field); break;
        case 6:
          if (e.is_null()) {
            d->import_values.clear();
          } else if (e.is_list()) {
            d->import_values = e.as_list();
          } else {
            TypeError(e, "Dependency", field, "[]interface {}");
          }
          break;
        case 7: String(e, &d->alias, "Dependency", field); break;
      }
    }
  }

  void Dependencies(const Value& v, std::vector<struct Dependency>* out, std::string_view outer) {
    if (v.is_null()) {
      out->clear();
      return;
    }
    if (!v.is_list()) {
      TypeError(v, outer, "dependencies", "[]*v2.Dependency");
      return;
    }
    const ValueList& l = v.as_list();
    out->resize(l.size());
    for (size_t i = 0; i < l.size(); ++i) Dependency(l[i], &(*out)[i], outer, "dependencies");
  }

 private:
  std::optional<std::string> first_;
};

Status WrapJson(const Status& s) {
  if (s.ok()) return s;
  return Error(Code::kParse, "error unmarshaling JSON: while decoding JSON: " + s.message());
}

Result<Value> ParseDoc(std::string_view data) {
  // ParseYaml's errors already read "error converting YAML to JSON: yaml: ...".
  return yaml::ParseYaml(data);
}

bool Digits(std::string_view s, size_t n) {
  if (s.size() < n) return false;
  for (size_t i = 0; i < n; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

int Num(std::string_view s, size_t n) {
  int v = 0;
  for (size_t i = 0; i < n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

}  // namespace

Status DecodeMetadataValue(const Value& doc, Metadata* md) {
  static constexpr std::string_view kNames[] = {
      "name",       "home",      "sources",    "version",    "description", "keywords",
      "maintainers", "icon",     "apiVersion", "condition",  "tags",        "appVersion",
      "deprecated", "annotations", "kubeVersion", "dependencies", "type"};
  if (doc.is_null()) return OkStatus();
  if (!doc.is_map()) {
    return Error(Code::kParse, "json: cannot unmarshal " + std::string(JsonKind(doc)) +
                                   " into Go value of type v2.Metadata");
  }
  Decoder d;
  for (const auto& [k, v] : doc.as_map()) {
    switch (FieldIndex(kNames, k)) {
      case 0: d.String(v, &md->name, "Metadata", "name"); break;
      case 1: d.String(v, &md->home, "Metadata", "home"); break;
      case 2: d.StringSlice(v, &md->sources, "Metadata", "sources"); break;
      case 3: d.String(v, &md->version, "Metadata", "version"); break;
      case 4: d.String(v, &md->description, "Metadata", "description"); break;
      case 5: d.StringSlice(v, &md->keywords, "Metadata", "keywords"); break;
      case 6:
        if (v.is_null()) {
          md->maintainers.clear();
        } else if (!v.is_list()) {
          d.TypeError(v, "Metadata", "maintainers", "[]*v2.Maintainer");
        } else {
          const ValueList& l = v.as_list();
          md->maintainers.resize(l.size());
          for (size_t i = 0; i < l.size(); ++i) d.Maintainer(l[i], &md->maintainers[i]);
        }
        break;
      case 7: d.String(v, &md->icon, "Metadata", "icon"); break;
      case 8: d.String(v, &md->api_version, "Metadata", "apiVersion"); break;
      case 9: d.String(v, &md->condition, "Metadata", "condition"); break;
      case 10: d.String(v, &md->tags, "Metadata", "tags"); break;
      case 11: d.String(v, &md->app_version, "Metadata", "appVersion"); break;
      case 12: d.Bool(v, &md->deprecated, "Metadata", "deprecated"); break;
      case 13: d.Annotations(v, md); break;
      case 14: d.String(v, &md->kube_version, "Metadata", "kubeVersion"); break;
      case 15: d.Dependencies(v, &md->dependencies, "Metadata"); break;
      case 16: d.String(v, &md->type, "Metadata", "type"); break;
      default: break;
    }
  }
  return d.status();
}

Status UnmarshalMetadata(std::string_view data, Metadata* md) {
  HELM_ASSIGN_OR_RETURN(Value doc, ParseDoc(data));
  return WrapJson(DecodeMetadataValue(doc, md));
}

Status UnmarshalLock(std::string_view data, Lock* lock) {
  static constexpr std::string_view kNames[] = {"generated", "digest", "dependencies"};
  HELM_ASSIGN_OR_RETURN(Value doc, ParseDoc(data));
  if (doc.is_null()) return OkStatus();
  if (!doc.is_map()) {
    return WrapJson(Error(Code::kParse, "json: cannot unmarshal " + std::string(JsonKind(doc)) +
                                            " into Go value of type v2.Lock"));
  }
  Decoder d;
  for (const auto& [k, v] : doc.as_map()) {
    switch (FieldIndex(kNames, k)) {
      case 0:
        if (v.is_null()) break;
        if (!v.is_string()) {
          d.RawError("Time.UnmarshalJSON: input is not a JSON string");
        } else {
          Status st = CheckRfc3339(v.as_string());
          if (!st.ok()) {
            d.RawError(st.message());
          } else {
            lock->generated = v.as_string();
          }
        }
        break;
      case 1: d.String(v, &lock->digest, "Lock", "digest"); break;
      case 2: d.Dependencies(v, &lock->dependencies, "Lock"); break;
      default: break;
    }
  }
  return WrapJson(d.status());
}

Result<std::string> DetectApiVersion(std::string_view chart_yaml) {
  HELM_ASSIGN_OR_RETURN(Value doc, ParseDoc(chart_yaml));
  std::string api;
  if (doc.is_null()) return api;
  if (!doc.is_map()) {
    return WrapJson(Error(Code::kParse, "json: cannot unmarshal " + std::string(JsonKind(doc)) +
                                            " into Go value of type loader.chartBase"));
  }
  static constexpr std::string_view kNames[] = {"apiVersion"};
  Decoder d;
  for (const auto& [k, v] : doc.as_map()) {
    if (FieldIndex(kNames, k) == 0) d.String(v, &api, "chartBase", "apiVersion");
  }
  HELM_RETURN_IF_ERROR(WrapJson(d.status()));
  return api;
}

Result<Metadata> LoadChartfile(const std::string& filename) {
  HELM_ASSIGN_OR_RETURN(std::string data, ReadFile(filename));
  Metadata md;
  HELM_RETURN_IF_ERROR(UnmarshalMetadata(data, &md));
  return md;
}

Status IsChartDir(const std::string& dir) {
  if (!PathExists(dir)) return Error(Code::kNotFound, "stat " + dir + ": no such file or directory");
  if (!IsDirectory(dir)) return Error(Code::kInvalidArgument, GoQuote(dir) + " is not a directory");
  std::string chart_yaml = JoinPath(dir, "Chart.yaml");
  if (!PathExists(chart_yaml)) {
    return Error(Code::kNotFound, "no Chart.yaml exists in directory " + GoQuote(dir));
  }
  Result<std::string> data = ReadFile(chart_yaml);
  if (!data.ok()) return Error(Code::kIo, "cannot read Chart.yaml in directory " + GoQuote(dir));
  Metadata md;
  HELM_RETURN_IF_ERROR(UnmarshalMetadata(*data, &md));
  if (md.name.empty()) return Error(Code::kInvalidArgument, "invalid chart (Chart.yaml): name must not be empty");
  return OkStatus();
}

Status CheckRfc3339(std::string_view value) {
  static constexpr std::string_view kLayout = "2006-01-02T15:04:05Z07:00";
  const std::string prefix = "parsing time " + GoQuote(value);
  auto cannot = [&](std::string_view rest, std::string_view elem) {
    return Error(Code::kParse, prefix + " as " + GoQuote(kLayout) + ": cannot parse " + GoQuote(rest) +
                                   " as " + GoQuote(elem));
  };
  auto range = [&](std::string_view what) {
    return Error(Code::kParse, prefix + ": " + std::string(what) + " out of range");
  };
  std::string_view v = value;
  auto literal = [&](char c) { return !v.empty() && v.front() == c; };
  if (!Digits(v, 4)) return cannot(v, "2006");
  int year = Num(v, 4);
  v.remove_prefix(4);
  if (!literal('-')) return cannot(v, "-");
  v.remove_prefix(1);
  if (!Digits(v, 2)) return cannot(v, "01");
  int month = Num(v, 2);
  if (month < 1 || month > 12) return range("month");
  v.remove_prefix(2);
  if (!literal('-')) return cannot(v, "-");
  v.remove_prefix(1);
  if (!Digits(v, 2)) return cannot(v, "02");
  int day = Num(v, 2);
  v.remove_prefix(2);
  if (!literal('T')) return cannot(v, "T");
  v.remove_prefix(1);
  // Hour: one or two digits for Go's layout parser; strict RFC 3339 then demands two.
  if (!Digits(v, 1)) return cannot(v, "15");
  size_t hl = Digits(v, 2) ? 2 : 1;
  int hour = Num(v, hl);
  if (hour >= 24) return range("hour");
  std::string_view hour_text = v;
  v.remove_prefix(hl);
  if (!literal(':')) return cannot(v, ":");
  v.remove_prefix(1);
  if (!Digits(v, 2)) return cannot(v, "04");
  if (Num(v, 2) >= 60) return range("minute");
  v.remove_prefix(2);
  if (!literal(':')) return cannot(v, ":");
  v.remove_prefix(1);
  if (!Digits(v, 2)) return cannot(v, "05");
  if (Num(v, 2) >= 60) return range("second");
  v.remove_prefix(2);
  if (v.size() >= 2 && (v[0] == '.' || v[0] == ',') && v[1] >= '0' && v[1] <= '9') {
    size_t i = 1;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
    if (v[0] == ',') {
      return Error(Code::kParse, prefix + " as " + GoQuote(kLayout) + ": cannot parse \",\" as \".\"");
    }
    v.remove_prefix(i);
  }
  if (literal('Z')) {
    v.remove_prefix(1);
  } else {
    if (v.size() < 6 || (v[0] != '+' && v[0] != '-') || !Digits(v.substr(1), 2) || v[3] != ':' ||
        !Digits(v.substr(4), 2)) {
      return cannot(v, "Z07:00");
    }
    if (Num(v.substr(1), 2) >= 24) {
      return Error(Code::kParse, prefix + " as " + GoQuote(kLayout) + ": cannot parse " +
                                     GoQuote(v.substr(0, 6)) + " as \"Z07:00\": timezone hour out of range");
    }
    if (Num(v.substr(4), 2) >= 60) {
      return Error(Code::kParse, prefix + " as " + GoQuote(kLayout) + ": cannot parse " +
                                     GoQuote(v.substr(0, 6)) + " as \"Z07:00\": timezone minute out of range");
    }
    v.remove_prefix(6);
  }
  if (!v.empty()) return Error(Code::kParse, prefix + ": extra text: " + GoQuote(v));
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day < 1 || day > kDays[month - 1] || (month == 2 && day == 29 && !leap)) return range("day");
  if (hl == 1) {
    return Error(Code::kParse, prefix + " as " + GoQuote(kLayout) + ": cannot parse " +
                                   GoQuote(hour_text.substr(0, 1)) + " as \"15\"");
  }
  return OkStatus();
}

}  // namespace helm::chart
