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
};

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
