#include "helm/values/options.h"

#include <gtest/gtest.h>

#include <map>

#include "helm/values/internal.h"

namespace helm::values {
namespace {

// In-memory files for -f and --set-file.
ReadFileFn Files(std::map<std::string, std::string> files) {
  return [files = std::move(files)](const std::string& path) -> Result<std::string> {
    auto it = files.find(path);
    if (it == files.end()) return Error(Code::kNotFound, "open " + path + ": no such file or directory");
    return it->second;
  };
}

const std::map<std::string, std::string> kFiles = {
    {"o1.yaml", "a: 1\nb: {c: 1, d: [1]}\n"},
    {"o2.yaml", "b: {d: 2, e: 3}\nf: null\n"},
    {"o3.yaml", "a: 1\n---\n"},
    {"o4.yaml", "---\n---\n"},
    {"o5.yaml", "a: 1\n---\nb: [\n"},
    {"o6.yaml", "a: 1\n--- # x\nb: 2\n"},
    {"o7.yaml", "a: 1\n--- foo\nb: 2\n"},
    {"o8.yaml", "a: 1\n---\t \nb: 2\n----\nc: 3\n"},
    {"list.yaml", "- 1\n"},
    {"f1.txt", "file-content\n"},
};

struct MergeCase {
  ValueOptions opts;
  const char* want;  // FormatGo of the result, or the error
  bool error = false;
};

// Recorded with `helm template` printing {{ .Values }} of an empty chart.
TEST(OptionsTest, MergeValuesMatchesHelm) {
  const MergeCase cases[] = {
      {{.value_files = {"o1.yaml", "o2.yaml"}, .json_values = {R"({"b": {"g": 1}})", "h=[1]"}},
       "map[a:1 b:map[c:1 d:2 e:3 g:1] f:<nil> h:[1]]"},
      {{.json_values = {R"({"b": 1)"}}, "failed parsing --set-json data JSON: {\"b\": 1", true},
      {{.json_values = {R"( {"a":1} )"}}, "map[a:1]"},
      {{.json_values = {"a=[1,"}}, "failed parsing --set-json data a=[1,", true},
      {{.value_files = {"o3.yaml"}}, "map[a:1]"},
      {{.value_files = {"o4.yaml"}}, "map[]"},
      {{.value_files = {"o5.yaml"}},
       "failed to parse o5.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 1: did "
       "not find expected node content",
       true},
      {{.value_files = {"o6.yaml"}}, "map[a:1 b:2]"},
      {{.value_files = {"o7.yaml"}},
       "failed to parse o7.yaml: error reading yaml document: invalid Yaml document separator: foo", true},
      {{.value_files = {"o8.yaml"}},
       "failed to parse o8.yaml: error reading yaml document: invalid Yaml document separator: -", true},
      {{.value_files = {"nope.yaml"}}, "open nope.yaml: no such file or directory", true},
      {{.value_files = {"list.yaml"}},
       "failed to parse list.yaml: cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: "
       "json: cannot unmarshal array into Go value of type map[string]interface {}",
       true},
      {{.string_values = {"b=s"}, .values = {"b=2", "c=4"}, .file_values = {"a=f1.txt"}, .json_values = {"c=3"},
        .literal_values = {"a=lit"}},
       "map[a:lit b:s c:4]"},
      {{.values = {"a"}}, "failed parsing --set data: key \"a\" has no value", true},
      {{.literal_values = {"a"}}, "failed parsing --set-literal data: key \"a\" has no value", true},
      {{.file_values = {"a=f1.txt,b=nope.txt"}},
       "failed parsing --set-file data: open nope.txt: no such file or directory", true},
  };
  for (const MergeCase& c : cases) {
    Result<Value> v = MergeValues(c.opts, Files(kFiles));
    if (c.error) {
      EXPECT_FALSE(v.ok()) << c.want;
      EXPECT_EQ(v.status().message(), c.want);
    } else {
      ASSERT_TRUE(v.ok()) << v.status().message();
      EXPECT_EQ(internal::FormatGo(*v), c.want);
    }
  }
}

TEST(OptionsTest, MergeMapsSharesNothingWithInputsItMerges) {
  Value a = internal::UnmarshalJson(R"({"x": {"y": 1}, "k": 1})").value();
  Value b = internal::UnmarshalJson(R"({"x": {"z": 2}})").value();
  Value m = MergeMaps(a, b);
  EXPECT_EQ(internal::FormatGo(m), "map[k:1 x:map[y:1 z:2]]");
  EXPECT_EQ(internal::FormatGo(a), "map[k:1 x:map[y:1]]");
}

}  // namespace
}  // namespace helm::values
