#include "helm/values/schema.h"

#include <gtest/gtest.h>

#include "helm/base/fs.h"
#include "helm/values/options.h"
#include "helm/values/strvals.h"
#include "helm/values/test_util.h"

namespace helm::values {
namespace {

using testing::J;

std::string Schema(const std::string& name) {
  Result<std::string> s = ReadFile("testdata/schema/" + name);
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? *s : "";
}

Value SetValues(std::string_view base_json, std::string_view set) {
  Value v = J(base_json);
  EXPECT_TRUE(ParseSet(set, &v).ok());
  return v;
}

// Expected texts are the reference helm's lines (`helm template` on testdata/schema charts); Helm lists
// sibling properties in Go's random map order, we list them by key.
struct SchemaCase {
  const char* schema;
  Value values;
  const char* want;  // "" when valid
};

TEST(SchemaTest, ViolationsMatchHelm) {
  const SchemaCase cases[] = {
      {"s1.schema.json", J(R"({"port": 80, "name": "x"})"),
       "- at '/name': value must be one of 'abc', 'defg', 1, 2.5, <nil>, true\n"
       "- at '/port': minimum: got 80, want 1,000\n"},
      {"s1.schema.json", SetValues(R"({"port": 80, "name": "x"})", "port=2500000,name=Ab1"),
       "- at '/name': value must be one of 'abc', 'defg', 1, 2.5, <nil>, true\n"
       "- at '/port': maximum: got 2.5×10⁰⁶, want 2×10⁰⁶\n"},
      {"s1.schema.json",
       SetValues(R"({"port": 80, "name": "x"})",
                 "port=1500,name=abc,ratio=10.3,list={a},obj.c=1,obj.a=B,any=true,one=ab,ref=-5,multi=true"),
       "- at '/any': 'anyOf' failed\n"
       "  - at '/any': got boolean, want string\n"
       "  - at '/any': got boolean, want integer\n"
       "- at '/list': minItems: got 1, want 2\n"
       "- at '/multi': got boolean, want null or integer or string\n"
       "- at '/obj': validation failed\n"
       "  - at '/obj': missing property 'b'\n"
       "  - at '/obj/a': value must be 'A'\n"
       "  - at '/obj': additional properties 'c' not allowed\n"
       "- at '/one': 'oneOf' failed, subschemas 0, 1 matched\n"
       "- at '/ratio': got string, want number\n"
       "- at '/ref': minimum: got -5, want 0\n"},
      {"s1.schema.json", SetValues(R"({"port": 80, "name": "x"})", "port=1500,name=abc,list={a,a},one=abcd"),
       "- at '/list': items at 0 and 1 are equal\n"},
      {"s1.schema.json", SetValues(R"({"port": 80, "name": "x"})", "port=1500,name=abc"), ""},
  };
  for (const SchemaCase& c : cases) {
    Status s = ValidateAgainstSingleSchema(c.values, Schema(c.schema));
    if (*c.want == '\0') {
      EXPECT_TRUE(s.ok()) << s.message();
    } else {
      EXPECT_EQ(s.message(), c.want);
      EXPECT_EQ(s.code(), Code::kInvalidArgument);
    }
  }
}

TEST(SchemaTest, NumbersKeywordsAndNesting) {
  Result<std::string> raw = ReadFile("testdata/schema/s2-values.yaml");
  ASSERT_TRUE(raw.ok());
  Result<Value> values = LoadValues(*raw);
  ASSERT_TRUE(values.ok()) << values.status().message();
  Status s = ValidateAgainstSingleSchema(*values, Schema("s2.schema.json"));
  EXPECT_EQ(s.message(),
            "- at '/a': minimum: got 1.234567895×10⁰⁸, want 1×10⁰⁹\n"
            "- at '/b': maximum: got 1×10⁻⁰⁵, want -1×10⁰⁶\n"
            "- at '/c': minimum: got -1.2345×10⁻⁰⁵, want 1\n"
            "- at '/d': maximum: got 100,000.25, want 100,000\n"
            "- at '/e': validation failed\n"
            "  - at '/e': exclusiveMinimum: got 0.35, want 5\n"
            "  - at '/e': multipleOf: got 0.35, want 0.1\n"
            "- at '/f': maxLength: got 4, want 2\n"
            "- at '/g': minProperties: got 0, want 1,001\n"
            "- at '/h': 'const' failed\n"
            "- at '/i': 'not' failed\n"
            "- at '/j': 'allOf' failed\n"
            "  - at '/j': got number, want string\n"
            "- at '': invalid propertyName 'AB'\n"
            "  - at '': 'AB' does not match pattern '^[a-z]+$'\n"
            "- at '/l': no items match contains schema\n"
            "  - at '/l/0': got number, want string\n"
            "  - at '/l/1': got number, want string\n"
            "- at '/m': 'enum' failed\n"
            "- at '/o': properties 'y', 'z' required, if 'x' exists\n"
            "- at '/p': minLength: got 3, want 5\n"
            "- at '/q': validation failed\n"
            "  - at '/q/0': false schema\n"
            "  - at '/q/1': false schema\n");
}

TEST(SchemaTest, MultipleOfIsExact) {
  const char* schema = R"({"properties": {"x": {"multipleOf": 0.1}}})";
  EXPECT_TRUE(ValidateAgainstSingleSchema(J(R"({"x": 0.3})"), schema).ok());
  EXPECT_TRUE(ValidateAgainstSingleSchema(J(R"({"x": 1e6})"), schema).ok());
  EXPECT_FALSE(ValidateAgainstSingleSchema(J(R"({"x": 0.35})"), schema).ok());
}

TEST(SchemaTest, IntegerAcceptsIntegralFloats) {
  const char* schema = R"({"properties": {"x": {"type": "integer"}}})";
  EXPECT_TRUE(ValidateAgainstSingleSchema(J(R"({"x": 3.0})"), schema).ok());
  EXPECT_EQ(ValidateAgainstSingleSchema(J(R"({"x": 3.5})"), schema).message(),
            "- at '/x': got number, want integer\n");
}

TEST(SchemaTest, Draft7RefIgnoresSiblingsAndDefinitions) {
  const char* schema = R"({"$schema": "http://json-schema.org/draft-07/schema#",
      "definitions": {"s": {"type": "string"}},
      "properties": {"x": {"$ref": "#/definitions/s", "minLength": 10},
                     "t": {"items": [{"type": "string"}], "additionalItems": false}}})";
  EXPECT_TRUE(ValidateAgainstSingleSchema(J(R"({"x": "ab"})"), schema).ok());
  EXPECT_EQ(ValidateAgainstSingleSchema(J(R"({"x": 1})"), schema).message(), "- at '/x': got number, want string\n");
  EXPECT_EQ(ValidateAgainstSingleSchema(J(R"({"t": ["a", 1, 2]})"), schema).message(),
            "- at '/t': last 2 additionalItem(s) not allowed\n");
}

TEST(SchemaTest, ParseErrors) {
  EXPECT_EQ(ValidateAgainstSingleSchema(Value::EmptyMap(), "").message(), "EOF");
  EXPECT_EQ(ValidateAgainstSingleSchema(Value::EmptyMap(), "{").message(), "unexpected EOF");
  EXPECT_EQ(ValidateAgainstSingleSchema(Value::EmptyMap(), "{} x").message(),
            "invalid character after top-level value");
}

TEST(SchemaTest, PrinterNumbers) {
  EXPECT_EQ(PrinterFloat(80), "80");
  EXPECT_EQ(PrinterFloat(1000), "1,000");
  EXPECT_EQ(PrinterFloat(100000.25), "100,000.25");
  EXPECT_EQ(PrinterFloat(2.5e6), "2.5×10⁰⁶");
  EXPECT_EQ(PrinterFloat(1e-5), "1×10⁻⁰⁵");
  EXPECT_EQ(PrinterFloat(0.35), "0.35");
  EXPECT_EQ(PrinterFloat(-5), "-5");
  EXPECT_EQ(PrinterInt(1001), "1,001");
  EXPECT_EQ(PrinterInt(-1234567), "-1,234,567");
}

}  // namespace
}  // namespace helm::values

namespace helm::values {
namespace {

// Recorded with a draft-07 schema (formats are asserted only for drafts <= 7).
TEST(SchemaTest, Draft7Formats) {
  std::string schema = Schema("formats.schema.json");
  Value v = Value::EmptyMap();
  ASSERT_TRUE(ParseSet("a=1.2.3,b=-x.com,c=a..b@x.com,d=123,e=1.2.3.x,f=ab@-x,g=a_b,"
                       "h=12345678-1234-1234-1234-12345678901z",
                       &v)
                  .ok());
  EXPECT_EQ(ValidateAgainstSingleSchema(v, schema).message(),
            "- at '/a': '1.2.3' is not valid ipv4: expected four decimals\n"
            "- at '/b': '-x.com' is not valid hostname: label starts with hyphen\n"
            "- at '/c': 'a..b@x.com' is not valid email: consecutive dots\n"
            "- at '/e': '1.2.3.x' is not valid ipv4: strconv.Atoi: parsing \"x\": invalid syntax\n"
            "- at '/f': 'ab@-x' is not valid email: invalid domain: label starts with hyphen\n"
            "- at '/g': 'a_b' is not valid hostname: invalid character '_'\n"
            "- at '/h': '12345678-1234-1234-1234-12345678901z' is not valid uuid: non-hex character 'z'\n");
  v = Value::EmptyMap();
  ASSERT_TRUE(ParseSet("a=01.2.3.4,c=x,e=1.2.3.256,b=ok.example.com", &v).ok());
  EXPECT_EQ(ValidateAgainstSingleSchema(v, schema).message(),
            "- at '/a': '01.2.3.4' is not valid ipv4: leading zeros\n"
            "- at '/c': 'x' is not valid email: missing @\n"
            "- at '/e': '1.2.3.256' is not valid ipv4: decimal must be between 0 and 255\n");
  // 2020-12 (the default) treats format as an annotation.
  EXPECT_TRUE(ValidateAgainstSingleSchema(v, R"({"properties": {"a": {"format": "ipv4"}}})").ok());
}

}  // namespace
}  // namespace helm::values

namespace helm::values {
namespace {

TEST(SchemaTest, AnchorsAndRecursiveRefs) {
  const char* schema = R"({"$defs": {"node": {"$anchor": "node", "type": "object",
      "properties": {"child": {"$ref": "#node"}, "v": {"type": "integer"}}}},
      "properties": {"tree": {"$ref": "#/$defs/node"}}})";
  EXPECT_TRUE(ValidateAgainstSingleSchema(J(R"({"tree": {"v": 1, "child": {"v": 2}}})"), schema).ok());
  EXPECT_EQ(ValidateAgainstSingleSchema(J(R"({"tree": {"child": {"child": {"v": "x"}}}})"), schema).message(),
            "- at '/tree/child/child/v': got string, want integer\n");
}

}  // namespace
}  // namespace helm::values

namespace helm::values {
namespace {

TEST(SchemaTest, RefsToTheDocumentItself) {
  const char* schema = R"({"$id": "https://example.com/chart.json", "$defs": {"s": {"type": "string"}},
      "properties": {"a": {"$ref": "https://example.com/chart.json#/$defs/s"},
                     "b": {"$ref": "values.schema.json#/$defs/s"}}})";
  EXPECT_EQ(ValidateAgainstSingleSchema(J(R"({"a": 1, "b": 2})"), schema).message(),
            "- at '/a': got number, want string\n- at '/b': got number, want string\n");
  EXPECT_EQ(ValidateAgainstSingleSchema(J("{}"), R"({"$ref": "https://example.com/other.json"})").code(),
            Code::kUnsupported);
}

TEST(SchemaTest, DeepSchemaNestingFailsCleanly) {
  std::string schema;
  for (int i = 0; i < 5000; ++i) schema += R"({"not":)";
  schema += "true";
  for (int i = 0; i < 5000; ++i) schema += "}";
  EXPECT_EQ(ValidateAgainstSingleSchema(J("{}"), schema).message(), "jsonschema: schema nesting too deep");
}

}  // namespace
}  // namespace helm::values

namespace helm::values {
namespace {

// Recorded from the reference helm (2020-12 is the default draft).
TEST(SchemaTest, UnevaluatedProperties) {
  const char* schema = R"({"$defs": {"base": {"properties": {"b": {"type": "integer"}}}},
   "properties": {
     "o": {"allOf": [{"properties": {"a": {}}}], "$ref": "#/$defs/base", "properties": {"p": {}},
           "unevaluatedProperties": false},
     "q": {"anyOf": [{"properties": {"x": {"type": "string"}}}, {"properties": {"y": {}}}],
           "unevaluatedProperties": {"type": "boolean"}},
     "r": {"if": {"properties": {"k": {"const": 1}}}, "then": {"properties": {"t": {}}},
           "unevaluatedProperties": false}}})";
  Value v = Value::EmptyMap();
  ASSERT_TRUE(ParseSet("o.a=1,o.b=2,o.p=3,o.z=4,o.w=5,q.x=1,q.y=2,q.z=3,r.k=1,r.t=2,r.u=3", &v).ok());
  EXPECT_EQ(ValidateAgainstSingleSchema(v, schema).message(),
            "- at '/o': validation failed\n"
            "  - at '/o/w': false schema\n"
            "  - at '/o/z': false schema\n"
            "- at '/q': validation failed\n"
            "  - at '/q/x': got number, want boolean\n"
            "  - at '/q/z': got number, want boolean\n"
            "- at '/r/u': false schema\n");
  const char* any = R"({"properties": {"q": {"anyOf": [{"properties": {"x": {}}}, {"properties": {"y": {}}}],
      "unevaluatedProperties": false}}})";
  v = Value::EmptyMap();
  ASSERT_TRUE(ParseSet("q.x=1,q.y=2,q.z=3", &v).ok());
  EXPECT_EQ(ValidateAgainstSingleSchema(v, any).message(), "- at '/q/z': false schema\n");
}

}  // namespace
}  // namespace helm::values
