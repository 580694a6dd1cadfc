#include "helm/values/strvals.h"

#include <gtest/gtest.h>

#include "helm/values/internal.h"

namespace helm::values {
namespace {

struct SetCase {
  const char* input;
  const char* want;  // FormatGo of the result map, or the error text
  bool error = false;
};

// Outputs recorded with the reference helm: `helm template c --set INPUT` printing {{ .Values }}
// (chart values removed) or the error after "failed parsing --set data: ".
const SetCase kSetCases[] = {
    {"a", "key \"a\" has no value", true},
    {"a.b", "key \"b\" has no value", true},
    {"a,b", "key \"a\" has no value (cannot end with ,)", true},
    {"a.", "map[]"},
    {"a.=1", "key map \"a\" has no value", true},
    {"a[0]x=1", "unexpected data at end of array index: ['x']", true},
    {"a[x]=1", "error parsing index: strconv.Atoi: parsing \"x\": invalid syntax", true},
    {"a[-1]=1", "negative -1 index not allowed", true},
    {"a[65537]=1", "index of 65537 is greater than maximum supported index of 65536", true},
    {"a=1,a[0]=2", "unable to parse key: interface conversion: interface {} is int64, not []interface {}", true},
    {"x.y=1,x[0]=1",
     "unable to parse key: interface conversion: interface {} is map[string]interface {}, not []interface {}",
     true},
    {"a={1,2", "list must terminate with '}'", true},
    {"a={}", "map[a:[]]"},
    {"b=\\,x\\.y\\=z", "map[b:,x.y=z]"},
    {".=1", "key map \"\" has no value", true},
    {"c=007,d=-5,e=+3,f=TRUE,g=Null,h=1e3,i=0x1,j=9999999999999999999",
     "map[c:007 d:-5 e:3 f:true g:<nil> h:1e3 i:0x1 j:9999999999999999999]"},
    {"a[0][1]=x,a[0][0].b=y", "map[a:[[map[b:y] x]]]"},
    {"a[3]=x,a[1]=y", "map[a:[<nil> y <nil> x]]"},
    {"a[1", "map[]"},
    {"name=\\u00e9,x=a\\\\b,y=\u00e9", "map[name:u00e9 x:a\\b y:\u00e9]"},
    {"a=1,,b=2", "key \"\" has no value (cannot end with ,)", true},
    {"a=x y , b = z", "map[ b : z a:x y ]"},
    {"a=true,b=FaLsE,c=00,d=-0,e=+0,f=-,g=1_000", "map[a:true b:false c:00 d:0 e:0 f:- g:1_000]"},
};

// `--set a=1 --set a.b=2` and `--set a[1]=x --set a[0].b=y`: later flags parse into the same map.
TEST(StrvalsTest, ParseIntoExisting) {
  Value base = Value::EmptyMap();
  ASSERT_TRUE(ParseSet("a=1", &base).ok());
  EXPECT_EQ(ParseSet("a.b=2", &base).message(),
            "unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}");
  base = Value::EmptyMap();
  ASSERT_TRUE(ParseSet("a[1]=x", &base).ok());
  ASSERT_TRUE(ParseSet("a[0].b=y", &base).ok());
  EXPECT_EQ(internal::FormatGo(base), "map[a:[map[b:y] x]]");
}

TEST(StrvalsTest, Types) {
  Value base = Value::EmptyMap();
  ASSERT_TRUE(ParseSet("i=12,z=0,f=1.5,b=true,n=null,l={1,a}", &base).ok());
  EXPECT_EQ(base.Find("i")->TypeName(), "int64");
  EXPECT_EQ(base.Find("z")->TypeName(), "int64");
  EXPECT_EQ(base.Find("f")->TypeName(), "string");
  EXPECT_EQ(base.Find("b")->TypeName(), "bool");
  EXPECT_TRUE(base.Find("n")->is_null());
  EXPECT_EQ(base.Find("l")->as_list()[0].TypeName(), "int64");
}

TEST(StrvalsTest, EqualFoldUsesUnicodeFolding) {
  Value base = Value::EmptyMap();
  ASSERT_TRUE(ParseSet("k=fal\u017fe", &base).ok());  // "falſe" folds to "false" in Go
  EXPECT_EQ(base.Find("k")->TypeName(), "bool");
}

struct ModeCase {
  Status (*parse)(std::string_view, Value*);
  const char* input;
  const char* want;
  bool error = false;
};

// Recorded with --set-string, --set-json and --set-literal (MergeValues hides --set-json's own error
// texts, so only the outcome is checked for those).
TEST(StrvalsTest, OtherModes) {
  const ModeCase cases[] = {
      {ParseSetString, "a=1,b=true,c=null,d={1,2},e[0]=5", "map[a:1 b:true c:null d:[1 2] e:[5]]"},
      {ParseSetJson, "a=1,b=[1,\"x\",{\"y\":null}],c=,d= \"s\" ,e.f=true",
       "map[a:1 b:[1 x map[y:<nil>]] c:<nil> d:s e:map[f:true]]"},
      {ParseSetJson, "a=[1,", "unexpected EOF", true},
      {ParseSetJson, "a=nul", "unexpected EOF", true},
      {ParseSetJson, "a=x", "invalid character 'x' looking for beginning of value", true},
      {ParseSetJson, "[1]", "map[]"},
      {ParseSetLiteral, "a.b=x,y=z\\,w{1}", "map[a:map[b:x,y=z\\,w{1}]]"},
      {ParseSetLiteral, "a[0]=1=2", "map[a:[1=2]]"},
      {ParseSetLiteral, "a", "key \"a\" has no value", true},
      {ParseSetLiteral, "a.", "map[]"},
  };
  for (const ModeCase& c : cases) {
    Value base = Value::EmptyMap();
    Status s = c.parse(c.input, &base);
    if (c.error) {
      EXPECT_EQ(s.message(), c.want) << c.input;
    } else {
      EXPECT_TRUE(s.ok()) << c.input << ": " << s.message();
      EXPECT_EQ(internal::FormatGo(base), c.want) << c.input;
    }
  }
  Value base = Value::EmptyMap();
  ASSERT_TRUE(ParseSetJson("a=1", &base).ok());
  EXPECT_EQ(base.Find("a")->TypeName(), "float64");
}

TEST(StrvalsTest, SetFileReadsThroughCallback) {
  RunesValueReader reader = [](const std::string& path) -> Result<Value> {
    if (path == "f1.txt") return Value("file-content\n");
    return Error(Code::kNotFound, "open " + path + ": no such file or directory");
  };
  Value base = Value::EmptyMap();
  EXPECT_EQ(ParseSetFile("a=f1.txt,b=nope.txt", &base, reader).message(),
            "open nope.txt: no such file or directory");
  base = Value::EmptyMap();
  ASSERT_TRUE(ParseSetFile("a=f1.txt,l={f1.txt,f1.txt},e=", &base, reader).ok());
  EXPECT_EQ(internal::FormatGo(base), "map[a:file-content\n e: l:[file-content\n file-content\n]]");
}

TEST(StrvalsTest, ParseSet) {
  for (const SetCase& c : kSetCases) {
    Value base = Value::EmptyMap();
    Status s = ParseSet(c.input, &base);
    if (c.error) {
      EXPECT_FALSE(s.ok()) << c.input;
      EXPECT_EQ(s.message(), c.want) << c.input;
    } else {
      EXPECT_TRUE(s.ok()) << c.input << ": " << s.message();
      EXPECT_EQ(internal::FormatGo(base), c.want) << c.input;
    }
  }
}

}  // namespace
}  // namespace helm::values
