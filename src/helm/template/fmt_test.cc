// Expected strings were produced by real Helm v4.2.4 (`printf` in a template), see the report.
#include <gtest/gtest.h>

#include <vector>

#include "helm/template/template.h"

namespace helm::tmpl {
namespace {

Value L(ValueList l) { return Value(std::move(l)); }
Value M(ValueMap m) { return Value(std::move(m)); }

struct Case {
  const char* format;
  std::vector<Value> args;
  const char* want;
};

TEST(Sprintf, MatchesGo) {
  const std::vector<Case> cases = {
      {"%d", {42}, "42"},
      {"%5d|%-5d|%05d", {42, 42, 42}, "   42|42   |00042"},
      {"%+d % d", {5, 5}, "+5  5"},
      {"%x %X %o %O %b %#x %#o %#b", {255, 255, 8, 8, 5, 255, 8, 5}, "ff FF 10 0o10 101 0xff 010 0b101"},
      {"%c %q %U %#U", {65, 65, 0x1F600, 65}, "A 'A' U+1F600 U+0041 'A'"},
      {"%s|%10s|%-10s|%.2s|%q|%#q|%+q", {"hi", "hi", "hi", "hello", "a\"b", "ab", "\xC3\xA9"},
       "hi|        hi|hi        |he|\"a\\\"b\"|`ab`|\"\\u00e9\""},
      {"%x % x %#x %X", {"hi", "hi", "hi", "hi"}, "6869 68 69 0x6869 6869"},
      {"%v %v %v %v", {1.5, 1e6, 100000.0, 1e-5}, "1.5 1e+06 100000 1e-05"},
      {"%f %.2f %e %E %g %G %8.3f %-8.2f| %08.3f %+f",
       {3.14159, 3.14159, 1234.5678, 1234.5678, 1234.5678, 1e-7, 3.14159, 3.14159, -3.14159, 1.0},
       "3.141590 3.14 1.234568e+03 1.234568E+03 1234.5678 1E-07    3.142 3.14    | -003.142 +1.000000"},
      {"%#g %#.3g %#f %#.0f %#e", {1.0, 1.0, 1.0, 2.0, 1.0}, "1.00000 1.00 1.000000 2. 1.000000e+00"},
      {"%t %v %d", {true, false, true}, "true false %!d(bool=true)"},
      {"%d", {"x"}, "%!d(string=x)"},
      {"%5d", {"x"}, "%!d(string=    x)"},
      {"%s", {42}, "%!s(int=42)"},
      {"%d %d", {1}, "1 %!d(MISSING)"},
      {"%d", {1, 2, "x"}, "1%!(EXTRA int=2, string=x)"},
      {"%!", {}, "%!!(MISSING)"},
      {"%", {}, "%!(NOVERB)"},
      {"%z", {3}, "%!z(int=3)"},
      {"%[2]d %[1]d", {1, 2}, "2 1"},
      {"%[3]d", {1, 2}, "%!d(BADINDEX)"},
      {"%*d|%-*d|%.*f", {5, 3, 5, 3, 2, 3.14159}, "    3|3    |3.14"},
      {"%v %d", {Value(), Value()}, "<nil> %!d(<nil>)"},
      {"%v", {L({1, "a", Value(), M({{"k", 1}})})}, "[1 a <nil> map[k:1]]"},
      {"%d", {L({1, 2})}, "[1 2]"},
      {"%s", {L({"a", 1})}, "[a %!s(int=1)]"},
      {"%v %+v %#v", {M({{"b", 2}, {"a", "x"}}), M({{"a", 1}}), M({{"a", 1}, {"n", Value()}})},
       "map[a:x b:2] map[a:1] map[string]interface {}{\"a\":1, \"n\":interface {}(nil)}"},
      {"%#v %#v %#v %#v", {L({1, "a", Value()}), "s", 1.0, 42},
       "[]interface {}{1, \"a\", interface {}(nil)} \"s\" 1 42"},
      {"%5v|%-4v|", {L({1, 2}), "ab"}, "[    1     2]|ab  |"},
      {"%T %T %T %T %T %T", {1, 1.5, "s", Value(), L({1}), M({})},
       "int float64 string <nil> []interface {} map[string]interface {}"},
      {"%6.2v|%.3v|%10.4v", {3.14159, "abcdef", 123.456789}, "   3.1|abc|     123.5"},
      {"%e %g", {0.0, -0.0}, "0.000000e+00 -0"},
      {"%v %v %v", {1e21, 1e20, 123456789.0}, "1e+21 1e+20 1.23456789e+08"},
      {"%.0f %.1f %.1f", {0.5, 0.25, 0.35}, "0 0.2 0.3"},
      {"%08d|%-08d|%+08d|% 08d", {-42, 42, 42, 42}, "-0000042|42      |+0000042| 0000042"},
      {"%.3d|%6.3d|%.0d|%5.0d|", {7, 7, 0, 0}, "007|   007||     |"},
      {"%010s|%-010s", {"ab", "ab"}, "00000000ab|ab        "},
      {"%#v", {true}, "true"},
      {"%c", {0x110000}, "\xEF\xBF\xBD"},
      {"%q", {10}, "'\\n'"},
      {"%x %X %b %.2x %#x %x %x %10.3x|%-12x|%x %x",
       {3.5, -1.0, 1.0, 3.14159, 2.0, 0.0, 1e-320, 100.0, 0.1, 1e300, -0.0},
       "0x1.cp+01 -0X1P+00 4503599627370496p-52 0x1.92p+01 0x1.0000p+01 0x0p+00 0x1.fap-1064 0x1.900p+06|"
       "0x1.999999999999ap-04|0x1.7e43c8800759cp+996 -0x0p+00"},
      // Second batch (operands as Helm passes them: numbers from values files are float64).
      {"%v|%d|%s|%q", {M({{"k", "v"}, {"z", 2.0}}), M({{"k", "v"}, {"z", 2.0}}), M({{"k", "v"}, {"z", 2.0}}),
                       M({{"k", "v"}, {"z", 2.0}})},
       "map[k:v z:2]|map[%!d(string=k):%!d(string=v) %!d(string=z):%!d(float64=2)]|map[k:v z:%!s(float64=2)]|"
       "map[\"k\":\"v\" \"z\":%!q(float64=2)]"},
      {"%5.2f|%s|%c|%d", {3, true, "x", 2.5}, "%!f(int=   03)|%!s(bool=true)|%!c(string=x)|%!d(float64=2.5)"},
      {"%-5d|%+.3e|%U|%.6U|%#U|%#U", {-3, 12345.678, 0x41, 0x41, 0x1F600, 0x7},
       "-3   |+1.235e+04|U+0041|U+000041|U+1F600 '\xF0\x9F\x98\x80'|U+0007"},
      {"%*d|%-*d|%*d", {-5, 1, 5, 2, "x", 3}, "1    |2    |%!(BADWIDTH)3"},
      {"%.*d|%.*s", {-1, 5, 2, "abcdef"}, "%!(BADPREC)5|ab"},
      {"%T %T %T %T", {Value::EmptyMap(MapType::kValues), M({}), L({}), 1.0},
       "common.Values map[string]interface {} []interface {} float64"},
      {"%6.2f|%-8.3g|%08.2e|% .2f|%+.0f", {3.14159, 1234567.0, -1.5, 2.0, 2.5},
       "  3.14|1.23e+06|-1.50e+00| 2.00|+2"},
      {"%t|%5t|%-6t|%q", {true, false, true, true}, "true|false|true  |%!q(bool=true)"},
      {"%s %v", {Value(), Value()}, "%!s(<nil>) <nil>"},
      {"%d%%|%5%|%-5%|%c", {50, 65}, "50%|%|%|A"},
      {"%[1]d %[1]x %[2]*[1]d", {12, 5}, "12 c    12"},
      {"%[0]d|%[x]d|%[1]", {1}, "%!d(BADINDEX)|%!d(BADINDEX)|%!(NOVERB)"},
      {"%.2s|%.0s|%5.1s|", {"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", "abc", "xyz"},
       "\xE6\x97\xA5\xE6\x9C\xAC||    x|"},
      {"%q|%+q|%#q|%#+q", {"\xE6\x97\xA5\xE6\x9C\xAC\n", "\xE6\x97\xA5\xE6\x9C\xAC", "a`b", "\xC3\xA9"},
       "\"\xE6\x97\xA5\xE6\x9C\xAC\\n\"|\"\\u65e5\\u672c\"|\"a`b\"|`\xC3\xA9`"},
      {"%e|%E|%.0e|%#.0e", {0.0001, 1e100, 5.0, 5.0}, "1.000000e-04|1.000000E+100|5e+00|5.e+00"},
      {"%g|%g|%g|%.3g|%.10g", {1e-5, 1e-4, 123456.0, 123456.0, 1.0}, "1e-05|0.0001|123456|1.23e+05|1"},
      {"%o|%#o|%O|%b|%#b", {-8, 0, 8, -5, 0}, "-10|0|0o10|-101|0b0"},
      {"%x|%#X|% x|%#x|% #x", {-255, 255, 255, "", "ab"}, "-ff|0XFF| ff||0x61 0x62"},
      {"%010.3f|%-010.3f|%+010d|%x", {-3.5, 3.5, -42, "\xC3\xA9"}, "-00003.500|3.500     |-000000042|c3a9"},
      // Unicode classes: no-break space, ZWJ, unassigned, emoji, Cf, private use; combining marks.
      {"%q|%+q", {"a\xC2\xA0" "b\xE2\x80\x8D" "c\xCD\xB8" "d\xF0\x9F\x98\x80" "e\xD8\x80" "f\xEE\x80\x80",
                  "\xE0\xA4\x95\xE0\xA5\x8D"},
       "\"a\\u00a0b\\u200dc\\u0378d\xF0\x9F\x98\x80" "e\\u0600f\\ue000\"|\"\\u0915\\u094d\""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Sprintf(c.format, c.args), c.want) << c.format;
  }
}

TEST(Sprint, SpacesBetweenNonStrings) {
  std::vector<Value> a = {1, 2, "a", "b", 3, Value(), 4.5};
  EXPECT_EQ(Sprint(a), "1 2ab3 <nil> 4.5");
  EXPECT_EQ(Sprintln(a), "1 2 a b 3 <nil> 4.5\n");
}

TEST(FormatValue, Containers) {
  EXPECT_EQ(FormatValue(M({{"b", L({1, "x"})}, {"a", M({})}})), "map[a:map[] b:[1 x]]");
  EXPECT_EQ(FormatValue(Value()), "<nil>");
  EXPECT_EQ(FormatValue(Value(1e6)), "1e+06");
  EXPECT_EQ(FormatValue(Value::Int64(-3)), "-3");
}

}  // namespace
}  // namespace helm::tmpl
