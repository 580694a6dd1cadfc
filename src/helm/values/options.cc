#include "helm/values/options.h"

#include <cstdio>

#include "helm/base/fs.h"
#include "helm/base/strings.h"
#include "helm/values/internal.h"
#include "helm/values/strvals.h"
#include "helm/yaml/yaml.h"

namespace helm::values {
namespace {

// k8s.io/apimachinery's YAMLReader: a document ends at a line that starts with "---" followed only by
// white space or a comment; anything else after "---" is an error. Empty documents are skipped.
Result<std::vector<std::string_view>> SplitYamlDocuments(std::string_view data) {
  std::vector<std::string_view> docs;
  size_t doc_start = 0, pos = 0;
  while (pos < data.size()) {
    size_t eol = data.find('\n', pos);
    size_t next = eol == std::string_view::npos ? data.size() : eol + 1;
    std::string_view line = data.substr(pos, next - pos);
    if (line.substr(0, 3) == "---") {
      std::string_view rest = TrimSpace(line.substr(3));
      if (!rest.empty() && rest[0] != '#') {
        return Error(Code::kParse,
                     "error reading yaml document: invalid Yaml document separator: " + std::string(rest));
      }
      if (pos > doc_start) docs.push_back(data.substr(doc_start, pos - doc_start));
      doc_start = next;
    }
    pos = next;
  }
  if (data.size() > doc_start) docs.push_back(data.substr(doc_start));
  return docs;
}

}  // namespace

Result<std::string> ReadLocalFile(const std::string& path) {
  if (TrimSpace(path) == "-") {
    std::string data;
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) data.append(buf, n);
    if (std::ferror(stdin)) return Error(Code::kIo, "read /dev/stdin: input/output error");
    return data;
  }
  return ReadFile(path);
}

Value MergeMaps(const Value& a, const Value& b) {
  ValueMap out = a.is_map() ? a.as_map() : ValueMap{};
  if (b.is_map()) {
    for (const auto& [k, v] : b.as_map()) {
      if (v.is_map()) {
        auto it = out.find(k);
        if (it != out.end() && it->second.is_map()) {
          it->second = MergeMaps(it->second, v);
          continue;
        }
      }
      out.insert_or_assign(k, v);
    }
  }
  return Value(std::move(out));
}

Result<Value> LoadValues(std::string_view data) {
  Value values = Value::EmptyMap();
  HELM_ASSIGN_OR_RETURN(std::vector<std::string_view> docs, SplitYamlDocuments(data));
  for (std::string_view doc : docs) {
    Result<Value> current = yaml::ParseYamlMap(doc);
    if (!current.ok()) return current.status().Wrap("cannot unmarshal yaml document");
    values = MergeMaps(values, *current);
  }
  return values;
}

Result<Value> MergeValues(const ValueOptions& opts, const ReadFileFn& read_file) {
  Value base = Value::EmptyMap();
  for (const std::string& path : opts.value_files) {
    HELM_ASSIGN_OR_RETURN(std::string raw, read_file(path));
    Result<Value> current = LoadValues(raw);
    if (!current.ok()) return current.status().Wrap("failed to parse " + path);
    base = MergeMaps(base, *current);
  }
  for (const std::string& value : opts.json_values) {
    std::string_view trimmed = TrimSpace(value);
    if (!trimmed.empty() && trimmed[0] == '{') {
      Result<Value> m = internal::UnmarshalJson(trimmed);
      if (!m.ok() || !(m->is_map() || m->is_null())) {
        return Error(Code::kInvalidArgument, "failed parsing --set-json data JSON: " + value);
      }
      base = MergeMaps(base, *m);
    } else if (!ParseSetJson(value, &base).ok()) {
      return Error(Code::kInvalidArgument, "failed parsing --set-json data " + value);
    }
  }
  for (const std::string& value : opts.values) {
    Status s = ParseSet(value, &base);
    if (!s.ok()) return s.Wrap("failed parsing --set data");
  }
  for (const std::string& value : opts.string_values) {
    Status s = ParseSetString(value, &base);
    if (!s.ok()) return s.Wrap("failed parsing --set-string data");
  }
  for (const std::string& value : opts.file_values) {
    RunesValueReader reader = [&read_file](const std::string& path) -> Result<Value> {
      HELM_ASSIGN_OR_RETURN(std::string data, read_file(path));
      return Value(std::move(data));
    };
    Status s = ParseSetFile(value, &base, reader);
    if (!s.ok()) return s.Wrap("failed parsing --set-file data");
  }
  for (const std::string& value : opts.literal_values) {
    Status s = ParseSetLiteral(value, &base);
    if (!s.ok()) return s.Wrap("failed parsing --set-literal data");
  }
  return base;
}

}  // namespace helm::values
